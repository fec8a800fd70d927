// Browser tests in Debian's Chromium against the built app (`next start`), with its own database and a real
// SMTP server. `npm test` / `npm run test:e2e` (scripts/test.ts) prepare those and set the E2E_* variables.
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const chromium =
  process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p)) ?? "/usr/bin/chromium";
const pglite = process.env.E2E_PGLITE === "1";

const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl && !process.argv.includes("--list")) {
  throw new Error("E2E_DATABASE_URL is not set: run the browser tests with `npm test` or `npm run test:e2e`.");
}

export default defineConfig({
  testDir: "e2e",
  testIgnore: ["support/**"],
  outputDir: "test-results/e2e",
  // The embedded database serves one connection at a time: one browser at a time there.
  workers: Number(process.env.E2E_WORKERS ?? (pglite ? 1 : 2)),
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: process.env.E2E_REPORT ?? "test-results/playwright.json" }]],
  use: {
    baseURL,
    locale: "en-GB",
    timezoneId: "Europe/London",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Never `npx playwright install` (it downloads): Debian's chromium, `apt-get install -y chromium`.
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: `"${path.join(__dirname, "node_modules", ".bin", "next")}" start -p ${port}`,
    port,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      ...(process.env as Record<string, string>),
      DATABASE_URL: databaseUrl ?? "",
      PGLITE: pglite ? "1" : "0",
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET ?? "e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
      SMTP_URL: process.env.E2E_SMTP_URL ?? "",
      MAIL_FROM: "ICT policy (tests) <no-reply@demo-trust.org.uk>",
      DEMO_MODE: "0",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
