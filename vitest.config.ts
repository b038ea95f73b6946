import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here and in CI: keep the worker count small so browser tests are not starved.
    maxWorkers: 2,
    // Quiet logs unless asked (LOG_LEVEL=info npm test): expected failures log errors on purpose.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
