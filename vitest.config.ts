import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources (the "source" export condition), so `npm test`
// needs no build; CI also runs the built output under plain Node (see .ci/run).
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['packages/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
