import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import noImportCycle from './lint/no-import-cycle.js';

/*
 * The layers, each importing only those below it (docs/architecture.md):
 *   app → features → ui → store → lib, workers → domain
 * A feature never imports another feature: features talk through the store, and what several of them
 * show (i18n, buttons, formats) lives in src/ui.
 */
const LAYERS = ['app', 'features', 'ui', 'store', 'lib', 'workers', 'domain'];
/** lib and workers are one layer: the workers' protocol types are shared with their clients in lib. */
const SAME_LAYER = new Map([
  ['lib', ['workers']],
  ['workers', ['lib']],
]);
const FEATURES = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const layerZones = LAYERS.flatMap((layer, i) => {
  const above = LAYERS.slice(0, i).filter((l) => !(SAME_LAYER.get(layer) ?? []).includes(l));
  return above.length === 0
    ? []
    : [
        {
          target: `./src/${layer}`,
          from: above.map((l) => `./src/${l}`),
          message: `Layers import downwards only (app → features → ui → store → lib/workers → domain): src/${layer} may not import from above it.`,
        },
      ];
});
// The UI reaches the workers and adapters only through the store.
const throughTheStore = {
  target: ['./src/features', './src/ui'],
  from: ['./src/lib', './src/workers'],
  message: 'Features and UI pieces reach workers and browser adapters through the store.',
};
// The team server (issue 14) shares only the pure domain with the desk, and the browser bundle
// imports nothing of the server.
const serverZones = [
  {
    target: './server',
    from: './src',
    except: ['./domain'],
    message: 'The team server imports src/domain only: never the store, adapters, workers or UI.',
  },
  {
    target: './src',
    from: './server',
    message: 'The desk (browser bundle) never imports the team server.',
  },
];
const featureZones = FEATURES.map((feature) => ({
  target: `./src/features/${feature}`,
  from: './src/features',
  except: [`./${feature}`],
  message:
    'A feature never imports another feature: they talk through the store; shared UI pieces live in src/ui.',
}));

const uiPackages = [
  'react',
  'react-dom',
  'react-dom/*',
  'zustand',
  'zustand/*',
  '@tanstack/*',
  'mammoth',
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'test-results',
      'playwright-report',
      'public/model',
      // Files that break the rules on purpose: lint/lint.test.ts proves each rule against them.
      'lint/fixtures',
    ],
  },
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
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts', 'lint/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX, local: { rules: { 'no-import-cycle': noImportCycle } } },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { zones: [...layerZones, throughTheStore, ...featureZones, ...serverZones] },
      ],
      'local/no-import-cycle': 'error',
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
          patterns: [{ group: uiPackages, message: 'The domain is framework-free.' }],
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
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiPackages.filter((p) => p !== 'mammoth'), message: 'The server has no UI.' },
          ],
        },
      ],
    },
  },
);
