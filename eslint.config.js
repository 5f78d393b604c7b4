// ESLint flat config. Beyond typescript-eslint's recommended rules, it holds the architecture:
// no import cycles, packages reached only through their public entry (`@hub/<name>`), and the
// gateway's folder rule (docs/architecture.md): http → graphql → plugins → resolvers → auth.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const gateway = 'packages/gateway/src';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'packages/*/fixtures/**', '.hub-data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js'],
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node } },
    settings: {
      // Dependencies are parsed as TypeScript too, or no-cycle would not follow them.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.js', '.json'],
          conditionNames: ['source', 'import', 'node', 'default'],
          extensionAlias: { '.js': ['.ts', '.js'] },
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-relative-packages': 'error',
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['@hub/*/*'], message: 'Import a workspace package through its entry point (@hub/<name>), not its files.' }],
      }],
      'import-x/no-restricted-paths': ['error', {
        zones: [
          { target: `${gateway}/resolvers`, from: [`${gateway}/graphql`, `${gateway}/http`, `${gateway}/plugins`], message: 'resolvers/ is below graphql/, plugins/ and http/.' },
          { target: `${gateway}/plugins`, from: [`${gateway}/graphql`, `${gateway}/http`], message: 'plugins/ is below graphql/ and http/.' },
          { target: `${gateway}/graphql`, from: [`${gateway}/http`], message: 'graphql/ is below http/.' },
          { target: `${gateway}/http`, from: [`${gateway}/explorer`, `${gateway}/citizen`, `${gateway}/admin`], message: 'http/ is transport: pages and services mount on it (http/mount.ts), not the reverse.' },
          { target: `${gateway}/observability`, from: [`${gateway}/http`, `${gateway}/graphql`, `${gateway}/plugins`, `${gateway}/resolvers`, `${gateway}/auth`], message: 'observability/ is a leaf: the others report to it (metrics, spans), it imports none of them.' },
        ],
      }],
      // The journal's canonical encoding escapes control characters on purpose.
      'no-control-regex': 'off',
      // A server's handler reads the app that is assigned once the port is known.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests and benchmarks: loose typing of parsed JSON bodies is the norm there.
    files: ['**/*.test.ts', 'test/**', 'bench/**', 'packages/*/test/**', 'packages/sources/contract/**'],
    // Package tests may use the suite's shared helpers in test/support.
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off', 'import-x/no-relative-packages': 'off' },
  },
);
