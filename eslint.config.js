// Lint: ESLint's and typescript-eslint's recommended rules, plus the line that keeps the pure
// stages pure (parse, the course file, model, render and diagnostics do no I/O and print nothing).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureMessage = 'parse and render are pure: I/O lives in export/, server/ and cli/';

export default tseslint.config(
  { ignores: ['lib/**', 'dist/**', 'node_modules/**', '.bench/**', '.lectern-cache/**', 'tests/fixtures/**', 'lib.tmp-*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/diagnostics/**', 'src/deck/**', 'src/model/**', 'src/render/**', 'src/course/**'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'node:fs', message: pureMessage },
            { name: 'node:fs/promises', message: pureMessage },
            { name: 'node:process', message: 'parse and render are pure: no process state' },
            { name: 'node:child_process', message: 'parse and render are pure' },
            { name: 'puppeteer-core', message: 'only src/browser/ launches the browser' },
            { name: 'chokidar', message: 'only src/server/ watches files' },
            { name: 'ws', message: 'only src/server/ talks websocket' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'parse and render are pure: no process state' }],
    },
  },
);
