// `npm test`: every test, each run against fresh databases that are thrown away afterwards.
//   vitest (unit + integration) against one database, then `next build` and Playwright in Debian's Chromium
//   against the built app with a second, seeded database and a real SMTP server.
// DATABASE_URL set: it names the PostgreSQL server; two databases ict_test_<ts> and ict_e2e_<ts> are
// created on it and dropped at the end. Unset: two in-memory embedded PGlite servers.
// Flags: --e2e (browser tests only); other arguments go to Playwright (e.g. a spec file).
// The last line is `Tests: N passed, M failed`; the exit code is non-zero when anything failed or nothing ran.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ROOT, abortChildren, bin, runQuiet, runStatus, runTs, step, toolEnv, elapsed } from "./lib/run";
import { startEmbedded, type Embedded } from "./lib/embedded";
import { startMailCatcher, type MailCatcher } from "./lib/smtp";
import { startTestIssuer } from "./lib/oidc-issuer";
import { E2E_NEXTAUTH_SECRET } from "./lib/e2e-secret";
import { APP_ROLE, appDatabaseUrl } from "./lib/app-database-url";

// Our one flag is --e2e; every other argument goes to Playwright (`npm run test:e2e -- e2e/signin.spec.ts`).
const argv = process.argv.slice(2).filter((a) => a !== "--");
const e2eOnly = argv.includes("--e2e");
const playwrightArgs = argv.filter((a) => a !== "--e2e");
const started = Date.now();
const REPORTS = path.join(ROOT, "test-results");

// ---------- clean-up, whatever happens ----------
const cleanups: { label: string; fn: () => Promise<unknown> }[] = [];
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const c of cleanups.reverse()) {
      try {
        await c.fn();
      } catch (e) {
        console.error(`clean-up: could not ${c.label}:`, e instanceof Error ? e.message : e);
      }
    }
  })();
  return cleaning;
}
let stopping = false;
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${sig}: stopping and cleaning up …`);
    void abortChildren()
      .then(cleanup)
      .finally(() => process.exit(sig === "SIGINT" ? 130 : 143));
  });
}

// ---------- Chromium: required, never skipped ----------
function findChromium(): string {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const c of candidates) {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      return c;
    } catch {
      /* next */
    }
  }
  console.error(
    [
      "",
      "✗ No Chromium found for the browser tests (looked at " + candidates.join(", ") + ").",
      "  The browser tests are part of `npm test` and are never skipped. Install Debian's Chromium:",
      "      sudo apt-get install -y chromium",
      "  or point CHROMIUM_PATH at a Chromium binary. (Do not use `npx playwright install`: it downloads.)",
      "",
    ].join("\n"),
  );
  process.exit(1);
}

// ---------- pdfsig: the independent judge of sealed PDFs, required, never skipped ----------
function requirePdfsig(): string {
  const candidate = process.env.PDFSIG_PATH ?? "/usr/bin/pdfsig";
  try {
    fs.accessSync(candidate, fs.constants.X_OK);
    return candidate;
  } catch {
    console.error(
      [
        "",
        `✗ No pdfsig found (looked at ${candidate}).`,
        "  The sealed-PDF tests check every seal with Debian's pdfsig and are never skipped. Install it:",
        "      sudo apt-get install -y poppler-utils",
        "  or point PDFSIG_PATH at a pdfsig binary.",
        "",
      ].join("\n"),
    );
    process.exit(1);
  }
}

// ---------- databases ----------
// url: the owner's (migrations, demo data); appUrl: the app's, as ict_web (docs/decisions/0025). The
// embedded server logs everyone in as its superuser: there the app sets its role (DATABASE_SET_ROLE).
type Db = { name: string; url: string; appUrl: string; pglite: boolean };

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function serverDatabase(adminUrl: string, name: string): Promise<Db> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE "${name}"`);
  } finally {
    await c.end();
  }
  cleanups.push({
    label: `drop database ${name}`,
    fn: async () => {
      const d = new pg.Client({ connectionString: adminUrl });
      await d.connect();
      try {
        await d.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await d.end();
      }
    },
  });
  const url = withDatabaseName(adminUrl, name);
  return { name, url, appUrl: appDatabaseUrl(url), pglite: false };
}

async function embeddedDatabase(name: string): Promise<Db> {
  const e: Embedded = await startEmbedded();
  cleanups.push({ label: `stop embedded database ${name}`, fn: () => e.stop() });
  return { name, url: e.url, appUrl: e.url, pglite: true };
}

/** As the owner: migrations and demo data. */
const dbEnv = (db: Db): NodeJS.ProcessEnv =>
  toolEnv({ ...process.env, DATABASE_URL: db.url, MIGRATION_DATABASE_URL: db.url, PGLITE: db.pglite ? "1" : "0" });
/** As the app: the code under test connects as ict_web; the tests' fixtures as the owner. */
const appEnv = (db: Db): NodeJS.ProcessEnv => ({
  ...dbEnv(db),
  DATABASE_URL: db.appUrl,
  ...(db.pglite ? { DATABASE_SET_ROLE: APP_ROLE } : {}),
});

// ---------- reports ----------
type Counts = { passed: number; failed: number; skipped: number; notes: string[] };

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; status: string; message?: string; assertionResults: { status: string }[] }[];
};
function vitestCounts(file: string, exitCode: number): Counts {
  const r = readJson<VitestReport>(file);
  if (!r) return { passed: 0, failed: 1, skipped: 0, notes: [`vitest wrote no report (exit code ${exitCode})`] };
  const notes: string[] = [];
  // A file that fails before its tests run (an import error) has no failed test in it: count it once.
  let brokenFiles = 0;
  for (const t of r.testResults) {
    if (t.status === "failed" && !t.assertionResults.some((a) => a.status === "failed")) {
      brokenFiles++;
      notes.push(`vitest: ${path.relative(ROOT, t.name)} failed to run`);
    }
  }
  const failed = r.numFailedTests + brokenFiles;
  if (exitCode !== 0 && failed === 0) notes.push(`vitest exited with code ${exitCode}`);
  return { passed: r.numPassedTests, failed: failed || (exitCode !== 0 ? 1 : 0), skipped: r.numPendingTests + r.numTodoTests, notes };
}

type PlaywrightReport = { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; errors?: { message?: string }[] };
function playwrightCounts(file: string, exitCode: number): Counts {
  const r = readJson<PlaywrightReport>(file);
  if (!r) return { passed: 0, failed: 1, skipped: 0, notes: [`playwright wrote no report (exit code ${exitCode})`] };
  const errors = r.errors?.length ?? 0;
  const notes = (r.errors ?? []).map((e) => `playwright: ${(e.message ?? "error").split("\n")[0]}`);
  let failed = r.stats.unexpected + r.stats.flaky + errors;
  if (exitCode !== 0 && failed === 0) {
    notes.push(`playwright exited with code ${exitCode}`);
    failed = 1;
  }
  return { passed: r.stats.expected, failed, skipped: r.stats.skipped, notes };
}

// ---------- the run ----------
async function main(): Promise<number> {
  process.chdir(ROOT);
  const chromium = findChromium();
  console.log(`Chromium: ${chromium}`);
  // The sealed-PDF tests (tests/support/pdfsig.ts) use this one.
  process.env.PDFSIG_PATH = requirePdfsig();
  console.log(`pdfsig: ${process.env.PDFSIG_PATH}`);
  fs.mkdirSync(REPORTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ict-test-"));
  cleanups.push({ label: `remove ${tmp}`, fn: async () => fs.rmSync(tmp, { recursive: true, force: true }) });

  await step("prisma generate", () => runQuiet(bin("prisma"), ["generate"], { env: toolEnv() }));

  // ICT_TEST_RUN_ID lets a caller (.ci/run) know the names, to drop them even after a hard kill.
  const stamp = (process.env.ICT_TEST_RUN_ID ?? `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${process.pid}`).replace(/[^a-zA-Z0-9_]/g, "_");
  const server = process.env.DATABASE_URL;
  // demoDb: the demo as `npm start` runs it (embedded PGlite, dev mailbox), for the Playwright project "demo".
  const [unitDb, e2eDb, demoDb] = await step(
    server ? `fresh databases on ${new URL(server).host} (and an embedded one for the demo)` : "fresh embedded databases (PGlite, in memory)",
    async () =>
      Promise.all([
        e2eOnly ? null : server ? serverDatabase(server, `ict_test_${stamp}`) : embeddedDatabase("unit"),
        server ? serverDatabase(server, `ict_e2e_${stamp}`) : embeddedDatabase("e2e"),
        embeddedDatabase("demo"),
      ]),
  );
  for (const db of [unitDb, e2eDb, demoDb]) if (db) console.log(`  ${db.name}: ${db.pglite ? db.url : db.name}`);

  await step("prisma migrate deploy", () =>
    Promise.all([unitDb, e2eDb, demoDb].filter((d): d is Db => !!d).map((db) => runQuiet(bin("prisma"), ["migrate", "deploy"], { env: dbEnv(db) }))),
  );
  await step("demo data for the browser tests", () =>
    Promise.all([e2eDb, demoDb].map((db) => runTs("prisma/seed/index.ts", [], { env: { ...dbEnv(db), SEED_DEMO: "1", NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET } }))),
  );

  const results: { label: string; counts: Counts; time: string }[] = [];

  if (unitDb) {
    const t = Date.now();
    const report = path.join(REPORTS, "vitest.json");
    fs.rmSync(report, { force: true });
    console.log("\n▶ vitest (unit and integration)");
    const code = await runStatus(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile=${report}`], {
      env: { ...appEnv(unitDb), TEST_DB_READY: "1" },
    });
    results.push({ label: "vitest", counts: vitestCounts(report, code), time: elapsed(t) });
    console.log(`✓ vitest finished (${elapsed(t)})`);
  }

  let built = false;
  try {
    await step("next build", () => runQuiet(bin("next"), ["build"], { env: toolEnv() }));
    built = true;
  } catch (e) {
    if (stopping) throw e;
    console.error(e instanceof Error ? e.message : e);
    results.push({ label: "playwright", counts: { passed: 0, failed: 1, skipped: 0, notes: ["next build failed: the browser tests did not run"] }, time: "-" });
  }

  if (built) {
    const mail: MailCatcher = await startMailCatcher(path.join(tmp, "mail"));
    cleanups.push({ label: "stop the SMTP server", fn: () => mail.stop() });
    const t = Date.now();
    const report = path.join(REPORTS, "playwright.json");
    fs.rmSync(report, { force: true });
    const e2ePort = Number(process.env.E2E_PORT ?? 3100);
    // Single sign-on is tested through a local OpenID Connect issuer; its variables reach the app server too.
    const oidc = await startTestIssuer(`http://localhost:${e2ePort}`);
    cleanups.push({ label: "stop the OpenID Connect test issuer", fn: () => oidc.stop() });
    console.log(`\n▶ playwright (Chromium, the app on port ${e2ePort} with mail via ${mail.url}; the demo on port ${process.env.E2E_DEMO_PORT ?? e2ePort + 100})`);
    const code = await runStatus(bin("playwright"), ["test", ...playwrightArgs], {
      env: toolEnv({
        ...process.env,
        CHROMIUM_PATH: chromium,
        E2E_DATABASE_URL: e2eDb.appUrl,
        E2E_PGLITE: e2eDb.pglite ? "1" : "0",
        E2E_DEMO_DATABASE_URL: demoDb.appUrl,
        E2E_SMTP_URL: mail.url,
        E2E_MAILDIR: mail.dir,
        E2E_REPORT: report,
        ...oidc.env,
      }),
    });
    results.push({ label: "playwright", counts: playwrightCounts(report, code), time: elapsed(t) });
    console.log(`✓ playwright finished (${elapsed(t)})`);
  }

  // ---------- summary ----------
  if (stopping) return 1;
  let passed = 0;
  let failed = 0;
  console.log("\n" + "─".repeat(60));
  for (const r of results) {
    passed += r.counts.passed;
    failed += r.counts.failed;
    const skipped = r.counts.skipped ? `, ${r.counts.skipped} skipped` : "";
    console.log(`${r.label.padEnd(11)} ${r.counts.passed} passed, ${r.counts.failed} failed${skipped}  (${r.time})`);
    for (const n of r.counts.notes) console.log(`            ${n}`);
  }
  if (passed + failed === 0) console.log("No tests ran: that is a failure.");
  console.log(`Total time ${elapsed(started)}; reports in test-results/`);
  console.log(`Tests: ${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

main()
  .then(async (code) => {
    if (stopping) return;
    await cleanup();
    process.exit(code);
  })
  .catch(async (e) => {
    if (stopping) return; // the signal handler finishes and exits
    console.error(`\nnpm test could not run: ${e instanceof Error ? e.message : e}`);
    await cleanup();
    console.log("Tests: 0 passed, 1 failed");
    process.exit(1);
  });
