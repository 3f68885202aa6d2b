import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests: Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it) against the
 * Vite dev server and a local cloud that `e2e/global-setup.ts` starts on free ports.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  use: {
    ...devices['Desktop Chrome'],
    launchOptions: { executablePath: process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium' },
    screenshot: 'on',
    trace: 'retain-on-failure',
  },
});
