import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    // Builds dist/cli when stale: the CLI tests spawn the built `hookscope`, as users run it.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Integration tests start real servers and spawn the CLI: two cores, so keep parallelism modest.
    maxWorkers: 2,
  },
});
