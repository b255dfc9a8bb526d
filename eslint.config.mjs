// ESLint (flat config) with typescript-eslint's recommended rules over the project's own code; `npm run lint`
// runs it after the formatter check. Rules are turned off only where the project decided otherwise, with why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        TextDecoder: 'readonly',
        performance: 'readonly',
        globalThis: 'readonly',
        structuredClone: 'readonly',
      },
    },
    rules: {
      // unused names are the compiler's job (tsconfig noUnusedLocals/noUnusedParameters); `_x` marks a deliberate one
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // the ideographic space (U+3000) is part of the documents: patterns and strings name it on purpose
      'no-irregular-whitespace': ['error', { skipStrings: true, skipComments: true, skipRegExps: true, skipTemplates: true }],
    },
  },
  {
    // importers and their tests find and replace control characters on purpose (NUL, form feeds in bad files)
    files: ['server/src/import/**', 'test/**'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // the end-to-end test drives a page in a browser (code-server): browser globals
    files: ['test/e2e/**/*.js'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // the Electron test suite is loaded by @vscode/test-electron as a CommonJS module
    files: ['test/electron/**/*.js'],
    languageOptions: { globals: { exports: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // scripts and workers load TypeScript sources through tsx with require()
    files: ['scripts/**/*.mjs', 'scripts/**/*.js', 'bin/**/*.js', 'test/**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
