import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./tests/e2e/chromium";
import { PORT, SEGMIND_KEY, SIMULATOR_PORT, SIMULATOR_URL } from "./tests/e2e/env";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  // A stray test.only must not pass CI by skipping everything else.
  forbidOnly: Boolean(process.env.CI),
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1400, height: 950 } } }],
  webServer: [
    {
      command: "node_modules/.bin/tsx lib/segmind/simulator/main.ts",
      url: `${SIMULATOR_URL}/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { SIMULATOR_PORT: String(SIMULATOR_PORT), SIMULATOR_LATENCY_MS: "1500", SIMULATOR_RPM: "0", SIMULATOR_API_KEYS: SEGMIND_KEY },
    },
    {
      command: "node scripts/start.mjs",
      url: `http://localhost:${PORT}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: String(PORT),
        DATA_DIR: process.env.E2E_DATA_DIR ?? `./data/e2e-${Date.now()}`,
        SEGMIND_API_KEY: SEGMIND_KEY,
        SEGMIND_BASE_URL: SIMULATOR_URL,
        SEGMIND_STORAGE_URL: SIMULATOR_URL,
        // Many tests make their own accounts; the default policy (first account admin, then invite only)
        // is tested on a studio of its own in hardening.spec.ts.
        SIGNUP: "open",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  ],
});
