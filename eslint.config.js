// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** Layering: which of our top-level folders each folder may import (VS Code's code-layering, as a lint rule). */
const layers = {
  shared: [],
  core: ['shared'],
  server: ['shared', 'core'],
  cli: ['shared', 'core', 'server'],
  electron: ['shared', 'core'],
  renderer: ['shared'],
};
const ours = ['shared', 'core', 'server', 'cli', 'electron', 'renderer'];
const hostOnly = { core: ['electron', 'react', 'react-dom', 'express'], shared: ['pg', 'electron', 'react'] };

const layerRules = Object.entries(layers).map(([folder, allowed]) => ({
  files: [`${folder}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...ours
            .filter((o) => o !== folder && !allowed.includes(o))
            .map((o) => ({
              group: [`**/${o}/**`, `**/${o}`],
              message: `${folder}/ may not import ${o}/ (see the layering in eslint.config.js).`,
            })),
          ...(hostOnly[/** @type {'core'|'shared'} */ (folder)] ?? []).map((m) => ({
            group: [m, `${m}/*`],
            message: `${folder}/ stays free of ${m}.`,
          })),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  ...layerRules,
  prettier,
);
