import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
// The Node globals the .mjs files use, declared here: the `globals` package is only a transitive dependency of eslint.
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'URL', 'fetch', 'AbortSignal', 'setTimeout', 'structuredClone'].map((name) => [name, 'readonly']),
);

/** A relative import that leaves the file's folder for one of these top-level folders. */
const layerRegex = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;
const layerZones = (zones) => zones.map((z) => ({
  files: [`${z.files}/**/*.ts`],
  rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: layerRegex(z.forbid), message: `${z.why} (docs/architecture.md).` }] }] },
}));

export default tseslint.config(
  { ignores: ['node_modules/', 'admin-ui/', 'terminal-app/', 'ui-map/', '.stack/', 'coverage/', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain JavaScript run by Node: this file and scripts/ (which scripts/tsconfig.json also typechecks).
    files: ['**/*.mjs'],
    languageOptions: { globals: nodeGlobals },
    rules: { 'no-undef': 'error' },
  },
  {
    // `npm start` / `npm test` run these on a fresh clone to install everything else.
    files: ['scripts/stack/**/*.mjs', 'scripts/start.mjs', 'scripts/test.mjs', 'scripts/stack-down.mjs', 'scripts/chaos.mjs', 'scripts/chaos/**/*.mjs'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: `^(?!node:|\\.\\.?/|(?:${builtinModules.join('|')})$)`,
          message: 'The stack scripts run before `npm install`: import only Node built-ins (node:…) and relative files.',
        }],
      }],
    },
  },
  // The layers of docs/architecture.md: an import that points sideways or upwards fails lint (and so npm test).
  ...layerZones([
    { files: 'domain', forbid: ['db', 'services', 'http', 'api', 'mobile-api', 'activities', 'workflows', 'worker', 'server', 'ops', 'config'], why: 'domain/ is imported by every layer and imports none of ours' },
    { files: 'db', forbid: ['services', 'http', 'api', 'mobile-api', 'activities', 'workflows', 'worker', 'server'], why: 'db/ holds the SQL and knows only domain/' },
    { files: 'http', forbid: ['api', 'mobile-api', 'db', 'activities', 'workflows', 'worker', 'server'], why: 'http/ holds helpers shared by both adapters; data goes through services/' },
    { files: 'api', forbid: ['mobile-api', 'db', 'activities', 'workflows', 'worker', 'server'], why: 'api/ holds back-office routes only: parse, call a service, map the result' },
    { files: 'mobile-api', forbid: ['api', 'db', 'activities', 'workflows', 'worker', 'server'], why: 'mobile-api/ holds terminal routes only: parse, call a service, map the result' },
    { files: 'activities', forbid: ['api', 'mobile-api', 'http', 'workflows', 'worker', 'server'], why: 'activities do the workflows\' I/O through services/ and db/, never through HTTP modules' },
    { files: 'worker', forbid: ['api', 'mobile-api', 'http', 'server'], why: 'the worker runs workflows and activities; it serves no HTTP routes' },
  ]),
  {
    // Services may raise the shared Problem (an RFC 9457 value), but use no other HTTP helper.
    files: ['services/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [
      { regex: layerRegex(['api', 'mobile-api', 'activities', 'workflows', 'worker', 'server']), message: 'services are called by the HTTP adapters and activities, never the other way round (docs/architecture.md).' },
      { regex: '^(\\.\\./)+http/(?!problem$)', message: 'services may raise http/problem\'s Problem but use no other HTTP helper (docs/architecture.md).' },
    ] }] },
  },
  {
    // Workflow code must be deterministic: no Node built-ins, activities only as types, no floating promises.
    files: ['workflows/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'Workflows are deterministic: do I/O in activities.' })),
        patterns: [{ group: ['../activities/*', '../activities', '../db/*', '../api/*'], allowTypeImports: true, message: 'Workflows import activities as types only.' }],
      }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
);
