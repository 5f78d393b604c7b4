import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// Tests run against the TypeScript sources (the "source" export condition), so `npm test`
// needs no build; CI also runs the built output under plain Node (see .ci/run).
export default defineConfig({
  resolve: {
    conditions: ['source'],
    // One graphql instance: Node resolves `graphql` (no "exports") to its CJS main, Vite to its
    // "module" build; sources under test and externalised libraries (Apollo, graphql-tools) must
    // share the same one, or graphql-js refuses types "from another realm".
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['packages/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
