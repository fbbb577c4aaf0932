// End-to-end tests: Chromium (Debian's, never a downloaded one) against `hookscope serve`, which each
// test starts itself on free ports with a temp database (test/e2e/fixtures.ts). The renderer is built
// once before the run, so the tests never exercise a stale dist/renderer.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 45_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? 'line' : 'list',
  outputDir: 'test-results/artifacts',
  use: {
    viewport: { width: 1360, height: 820 },
    colorScheme: 'light',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
});
