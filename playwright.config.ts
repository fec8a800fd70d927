// Browser tests in Debian's Chromium against the built app (scripts/serve.mjs, as `npm start` runs it), with
// its own database and a real SMTP server. `npm test` / `npm run test:e2e` (scripts/test.ts) prepare those
// and set the E2E_* variables. A second server, the demo as `npm start` runs it on the embedded database
// (PGLITE=1, DEMO_MODE=1, no SMTP: the dev mailbox), serves the project "demo" (e2e/demo/).
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { E2E_NEXTAUTH_SECRET } from "./scripts/lib/e2e-secret";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const chromium =
  process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p)) ?? "/usr/bin/chromium";
const pglite = process.env.E2E_PGLITE === "1";
const demoPort = Number(process.env.E2E_DEMO_PORT ?? port + 100);
const demoURL = `http://localhost:${demoPort}`;
const serve = (p: number) => `"${process.execPath}" "${path.join(__dirname, "scripts", "serve.mjs")}" -p ${p}`;

const databaseUrl = process.env.E2E_DATABASE_URL;
const demoDatabaseUrl = process.env.E2E_DEMO_DATABASE_URL;
if ((!databaseUrl || !demoDatabaseUrl) && !process.argv.includes("--list")) {
  throw new Error("E2E_DATABASE_URL / E2E_DEMO_DATABASE_URL are not set: run the browser tests with `npm test` or `npm run test:e2e`.");
}
const common = {
  ...(process.env as Record<string, string>),
  NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
  NEXT_TELEMETRY_DISABLED: "1",
};

export default defineConfig({
  testDir: "e2e",
  testIgnore: ["support/**"],
  outputDir: "test-results/e2e",
  // The embedded database serves one connection at a time: one browser at a time there.
  workers: Number(process.env.E2E_WORKERS ?? (pglite ? 1 : 2)),
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // A journey signs in (argon2, throttling in one transaction) and drives several server actions; on the
  // 2-core CI machine with two browsers and two servers that can pass 30 s without anything being wrong.
  timeout: 90_000,
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
  projects: [
    // Regular expressions on the whole path (a glob like "demo/**" also matches a checkout in a folder named demo).
    { name: "chromium", use: { browserName: "chromium" }, testIgnore: [/\/e2e\/support\//, /\/e2e\/demo\//] },
    { name: "demo", use: { browserName: "chromium", baseURL: demoURL }, testMatch: /\/e2e\/demo\/[^/]+\.spec\.ts$/ },
  ],
  webServer: [
    {
      command: serve(port),
      port,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        ...common,
        // As ict_web, which owns nothing (docs/decisions/0025); on the embedded server by SET ROLE.
        DATABASE_URL: databaseUrl ?? "",
        ...(pglite ? { DATABASE_SET_ROLE: "ict_web" } : {}),
        PGLITE: pglite ? "1" : "0",
        NEXTAUTH_URL: baseURL,
        SMTP_URL: process.env.E2E_SMTP_URL ?? "",
        MAIL_FROM: "ICT policy (tests) <no-reply@demo-trust.org.uk>",
        DEMO_MODE: "0",
      },
    },
    {
      command: serve(demoPort),
      port: demoPort,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      // The OpenID Connect test issuer knows only the first server's callback address (scripts/lib/oidc-issuer.ts).
      env: { ...common, DATABASE_URL: demoDatabaseUrl ?? "", DATABASE_SET_ROLE: "ict_web", PGLITE: "1", DEMO_MODE: "1", SMTP_URL: "", NEXTAUTH_URL: demoURL, OIDC_TEST_ISSUER: "" },
    },
  ],
});
