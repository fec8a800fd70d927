// `npm start` (next start) and `npm run dev` (next dev): everything a fresh clone needs to run.
//   1. prisma generate (generated/ is not committed)
//   2. DATABASE_URL unset: the embedded PostgreSQL (PGlite) under .data/pglite, served on 127.0.0.1
//   3. prisma migrate deploy; demo data when the database has no organisation yet, on the embedded
//      database only (a real DATABASE_URL gets it only with --demo or SEED_DEMO=1)
//   4. next build when there is no build yet (or with --rebuild), then the app (scripts/serve.mjs: Next
//      behind a server that appends the TCP peer to X-Forwarded-For) on $PORT (default 3000)
// Flags: --dev (next dev instead of a production build), --rebuild (build again first), --demo (seed a
// real, empty database with the demo). A production start (scripts/lib/start-plan.ts) needs NEXTAUTH_URL.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { ROOT, abortChildren, bin, run, runQuiet, runTs, start, step, toolEnv, waitForHttp, elapsed } from "./lib/run";
import { DATA_DIR, PGLITE_DIR, openEmbedded, runningEmbedded } from "./lib/database";
import type { Embedded } from "./lib/embedded";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../prisma/seed/people";
import { DEMO_MFA_SECRET } from "../prisma/seed/mfa-demo";
import { planStart } from "./lib/start-plan";
import { APP_ROLE } from "./lib/app-database-url";

const argv = process.argv.slice(2).filter((a) => a !== "--");
const args = new Set(argv);
const dev = args.has("--dev");
const rebuild = args.has("--rebuild");
const port = Number(process.env.PORT || 3000);
const started = Date.now();

let embedded: Embedded | null = null;
let app: ChildProcess | null = null;
let stopping = false;

/** NEXTAUTH_SECRET for this installation: made once, kept in .data/ (not committed). */
function nextAuthSecret(): string {
  const file = path.join(DATA_DIR, "nextauth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

async function databaseState(url: string): Promise<{ demo: boolean; organisations: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(`SELECT count(*)::int AS n FROM "Person" WHERE email = $1`, [DEMO_ACCOUNTS.headteacher.email]);
    const o = await c.query(`SELECT count(*)::int AS n FROM "Organisation"`);
    return { demo: r.rows[0].n > 0, organisations: o.rows[0].n };
  } finally {
    await c.end();
  }
}

function banner(url: string, demo: boolean, db: string) {
  const line = "─".repeat(78);
  const out = [line, `  School ICT governance is ready: ${url}   (started in ${elapsed(started)})`, `  Database: ${db}`];
  if (demo) {
    out.push("", `  Demo sign-ins (password for all: ${DEMO_PASSWORD})`);
    out.push(`  Senior accounts then ask for an authenticator code: add the key ${DEMO_MFA_SECRET} to any`, "  authenticator app, or run `npm run demo:mfa-code` for the current code.");
    for (const a of Object.values(DEMO_ACCOUNTS)) {
      if (a === DEMO_ACCOUNTS.leaver) continue;
      out.push(`    ${a.email.padEnd(40)} ${a.what}`);
    }
  }
  out.push("", "  Stop with Ctrl+C.", line);
  console.log("\n" + out.join("\n") + "\n");
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await abortChildren();
  if (embedded) {
    console.log("Stopping the embedded database …");
    await embedded.stop().catch((e) => console.error("Could not stop the embedded database cleanly:", e));
  }
  process.exit(code);
}

async function main() {
  process.chdir(ROOT);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, () => void shutdown(sig === "SIGINT" ? 130 : 143));

  const env = toolEnv({ ...process.env });
  const plan = planStart(env, argv);
  if (plan.refusal) {
    console.error(`\nnpm start: ${plan.refusal}\n`);
    process.exit(2);
  }
  await step("prisma generate", () => runQuiet(bin("prisma"), ["generate"], { env }));

  let dbLabel: string;
  if (env.DATABASE_URL) {
    const u = new URL(env.DATABASE_URL);
    dbLabel = `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
    // The dev mailbox and DevMail exist only for the embedded demo (lib/mail/send.ts): never here.
    delete env.PGLITE;
    delete env.DEMO_MODE;
  } else {
    const running = runningEmbedded();
    if (running) throw new Error(`Another \`npm start\` (process ${running.pid}) already has the embedded database open. Stop it first.`);
    const where = path.relative(ROOT, PGLITE_DIR).startsWith("..") ? PGLITE_DIR : path.relative(ROOT, PGLITE_DIR);
    embedded = await step(`embedded PostgreSQL (PGlite) in ${where}`, () => openEmbedded());
    Object.assign(env, { DATABASE_URL: embedded.url, PGLITE: "1", DEMO_MODE: env.DEMO_MODE ?? "1" });
    dbLabel = `embedded PGlite in ${where}, served on 127.0.0.1:${embedded.port}`;
  }

  // Before the demo data: the demo's MFA enrolments are sealed under a key derived from it (lib/auth/mfa).
  env.NEXTAUTH_SECRET ??= nextAuthSecret();
  // Migrations and the demo data run as the tables' owner; the app as ict_web, which owns nothing
  // (docs/decisions/0025). The embedded server logs everyone in as its superuser: the app sets its role.
  const ownerUrl = env.MIGRATION_DATABASE_URL || env.DATABASE_URL!;
  const ownerEnv = { ...env, DATABASE_URL: ownerUrl, MIGRATION_DATABASE_URL: ownerUrl };
  await step("prisma migrate deploy", () => runQuiet(bin("prisma"), ["migrate", "deploy"], { env: ownerEnv }));
  if (plan.seedDemo) await step("demo data (only into an empty database)", () => runTs("prisma/seed/index.ts", [], { env: { ...ownerEnv, SEED_DEMO: "1" } }));
  const state = await databaseState(ownerUrl);
  delete env.MIGRATION_DATABASE_URL;
  if (embedded) env.DATABASE_SET_ROLE = APP_ROLE;
  else if (ownerUrl === env.DATABASE_URL) {
    console.warn(
      `\nDATABASE_URL is the tables' owner and MIGRATION_DATABASE_URL is not set: the app connects as the owner, so row-level\n` +
        `security does not hold it. Set MIGRATION_DATABASE_URL to the owner and DATABASE_URL to the role ${APP_ROLE} (docs/decisions/0025).`,
    );
  }
  if (state.organisations === 0) {
    console.log("\nThe database has no organisation yet: create the first with `npm run setup:organisation`.");
  }

  env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  env.PORT = String(port);

  if (!dev && (rebuild || !fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")))) {
    await step("next build", () => run(bin("next"), ["build"], { env }));
  }

  console.log(`\n▶ next ${dev ? "dev" : "start"} on port ${port}`);
  app = start(process.execPath, [path.join(ROOT, "scripts", "serve.mjs"), ...(dev ? ["--dev"] : []), "-p", String(port)], { env });
  app.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`next ${dev ? "dev" : "start"} exited (${signal ?? code}).`);
      void shutdown(code ?? 1);
    }
  });
  const up = await waitForHttp(`http://127.0.0.1:${port}/api/auth/csrf`, dev ? 300_000 : 120_000, () => app?.exitCode === null);
  if (up) banner(env.NEXTAUTH_URL, state.demo, dbLabel);
}

main().catch(async (e) => {
  if (stopping) return;
  console.error(`\nnpm start failed: ${e instanceof Error ? e.message : e}`);
  await shutdown(1);
});
