// ESLint flat configuration for the workspace: `pnpm lint` runs `eslint .` from the root.
// TypeScript files get the type-aware typescript-eslint rules, so each one must belong to one
// of the TypeScript projects listed below. Plain JavaScript files get the untyped rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Globals of Node.js that the scripts use. ESLint cannot know them for plain JavaScript files,
// and the `globals` package is not a dependency of this workspace.
const nodeGlobals = Object.fromEntries(
  [
    'AbortController',
    'AbortSignal',
    'Buffer',
    'TextDecoder',
    'TextEncoder',
    'atob',
    'btoa',
    'URL',
    'URLSearchParams',
    'clearInterval',
    'clearTimeout',
    'console',
    'fetch',
    'performance',
    'process',
    'queueMicrotask',
    'setImmediate',
    'setInterval',
    'setTimeout',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  {
    ignores: ['**/dist/', '**/node_modules/', '**/out/', '**/coverage/', '**/.vitest-cache/'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.json',
          './packages/*/tsconfig.typecheck.json',
          './examples/*/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      // Async functions without `await` are deliberate here: they turn a thrown error into a
      // rejection, which is what callers of a promise-returning API (a document loader) expect.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore marks a parameter that a callback signature requires.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: nodeGlobals,
    },
  },
);
