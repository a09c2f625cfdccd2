import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'engines/**/*.test.ts', 'rules/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Suites share two real servers and the CPU (2 cores); files run in parallel, tests in a file in order.
    maxWorkers: 2,
    reporters: ['default', './test/support/skip-reporter.ts'],
  },
});
