import appsync from '@aws-appsync/eslint-plugin';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Module boundaries (STYLE.md): core imports no one; src never imports server code;
// functions never import the app or the local cloud.
const noImport = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/', 'dist/', 'cdk.out/', '.local/', '.build/', '.cognito/', '.amplify/',
      'coverage/', 'test-results/', 'playwright-report/',
    ],
  },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['src/**/*.{ts,vue}'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.{ts,js}'],
    ignores: ['src/**'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      // Layout-only template rules fight readable templates; formatting is not what lint guards here.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // APPSYNC_JS: the handlers and everything they import run in AppSync's restricted runtime.
  // core/emoji.ts and core/room-name-fold.ts are the exceptions: they need Unicode's emoji
  // properties (a `v`-flag regular expression) and `normalize`, so only the Lambdas and the app
  // import them; a handler bundle that pulled one in would fail the local cloud's APPSYNC_JS check
  // at startup.
  {
    files: ['amplify/events/handlers/**/*.ts', 'core/**/*.ts'],
    ignores: ['**/*.test.ts', 'core/emoji.ts', 'core/room-name-fold.ts'],
    ...appsync.configs.recommended,
    languageOptions: {
      parserOptions: { project: './tsconfig.appsync.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    rules: noImport(['../*', 'node:*', 'vue', '@aws-sdk/*', 'aws-amplify', 'aws-amplify/*'],
      'core/ is dependency-free and imports nothing of ours'),
  },
  {
    files: ['src/**/*.{ts,vue}'],
    rules: noImport(['**/functions/**', '**/local/**', '**/amplify/**', 'node:*', 'appsync-events-local', 'appsync-events-local/*'],
      'src/ never imports server code'),
  },
  {
    files: ['functions/**/*.ts'],
    rules: noImport(['**/src/**', '**/local/**', 'appsync-events-local', 'appsync-events-local/*'],
      'functions/ never imports the app or the local cloud'),
  },
  {
    files: ['packages/appsync-events-local/**/*.ts'],
    rules: noImport(['**/core/**', '**/amplify/**', '**/functions/**', '**/local/**', '../../../*'],
      'the emulator package imports nothing of Parley\'s (src/self-contained.test.ts)'),
  },
);
