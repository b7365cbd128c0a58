import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
// The Node globals the .mjs files use, declared here: the `globals` package is only a transitive dependency of eslint.
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'URL', 'fetch', 'AbortSignal', 'setTimeout', 'structuredClone'].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['node_modules/', 'admin-ui/', '.stack/', 'coverage/', '**/*.js'] },
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
    files: ['scripts/stack/**/*.mjs', 'scripts/start.mjs', 'scripts/test.mjs', 'scripts/stack-down.mjs'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: `^(?!node:|\\.\\.?/|(?:${builtinModules.join('|')})$)`,
          message: 'The stack scripts run before `npm install`: import only Node built-ins (node:…) and relative files.',
        }],
      }],
    },
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
