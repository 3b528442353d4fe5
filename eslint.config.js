import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// One-way import direction: app → features → store → workers/lib → domain.
// The domain is pure TypeScript; it never reaches up into the UI, the store or browser adapters.
const uiPackages = [
  'react',
  'react-dom',
  'react-dom/*',
  'zustand',
  'zustand/*',
  '@tanstack/*',
  'mammoth',
];
const layer = (names) => names.map((n) => `**/${n}/**`);

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'public/model'] },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts', 'src/domain/**/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['node:fs', 'fs', 'node:path', 'path'].map((name) => ({
            name,
            message: 'The domain runs in the browser too: no Node APIs.',
          })),
          patterns: [
            { group: uiPackages, message: 'The domain is framework-free.' },
            {
              group: layer(['features', 'store', 'app', 'lib', 'workers']),
              message: 'The domain never imports the UI, the store or adapters.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'indexedDB',
        'localStorage',
        'navigator',
      ],
    },
  },
  {
    files: ['src/lib/**/*.ts', 'src/workers/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'zustand', 'zustand/*'],
              message: 'Adapters and workers are UI-free.',
            },
            {
              group: layer(['features', 'store', 'app']),
              message: 'Adapters never import the UI or the store.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: layer(['features', 'app']), message: 'The store never imports the UI.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: layer(['app']), message: 'Features never import the app shell.' }] },
      ],
    },
  },
  // The team server (issue 14) shares only the pure domain with the desk: never the store, adapters,
  // workers or UI. And the browser bundle imports nothing of the server.
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiPackages.filter((p) => p !== 'mammoth'), message: 'The server has no UI.' },
            {
              group: ['store', 'lib', 'features', 'app', 'workers'].map((l) => `**/src/${l}/**`),
              message: 'The server imports src/domain only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'ImportDeclaration[source.value=/(^|\\/)server\\//], ImportExpression[source.value=/(^|\\/)server\\//]',
          message: 'The desk (browser bundle) never imports the team server.',
        },
      ],
    },
  },
);
