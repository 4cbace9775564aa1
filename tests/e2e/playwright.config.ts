import { defineConfig, devices } from '@playwright/test';

// Journeys run against the real endpoint binary serving the real built app (see
// fixtures.ts, which starts one endpoint with a fresh database per test), in Debian's
// Chromium: no browser is downloaded.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // Two cores: two workers keep both busy without starving the endpoint processes.
  workers: process.env.CI ? 2 : undefined,
  // No retries: a journey that passes only on a second try is a failure we want to see.
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    ...devices['Pixel 5'],
    // Market phones are 360 px wide.
    viewport: { width: 360, height: 640 },
    locale: 'id-ID',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  outputDir: '../../target/test-results',
});
