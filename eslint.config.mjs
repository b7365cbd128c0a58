import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/', 'admin-ui/', '.stack/', 'coverage/', '**/*.mjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
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
