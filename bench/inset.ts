// `npm run bench:inset` — the INSET-day signing rush over HTTP (issue 11, point 4).
//
// A throwaway database (bench/support.ts), migrated, holding a trust of 50 schools × 120 staff who all have
// the same password (hashed once), and one published trust-wide AUP nobody has signed yet. The built app
// (`next build` first if there is no .next/BUILD_ID) is started with scripts/serve.mjs against it, as the
// browser tests start it. Each signer signs in over HTTP as .ci/run does (csrf → credentials callback →
// session cookie), then signs as the browser's SignForm does: a POST of the real server action (its id read
// from the signing page's own JavaScript, as the browser gets it) with the same arguments, encoded the way
// React encodes them. Closed loop with 1 in flight, each signing followed by one `signDeclaration` call
// made directly in this process (side by side, for the ratio), then 10 and 50 in flight, then an open
// loop of arrivals at a fixed rate; then `signDeclaration` directly, 50 at a time. At the end: one declaration
// per signer, no duplicates, audit chains intact; the server is stopped and the database dropped (also on
// failure and on Ctrl+C).
//
// Sizes: INSET_SCHOOLS (50), INSET_STAFF (120), INSET_N signings per closed-loop run (150),
// INSET_RATE arrivals a minute (500), INSET_OPEN_SECONDS (60), INSET_PORT (3710); INSET_CPU_PROF=<dir> profiles the server;
// INSET_HTTP=0 runs only the direct `signDeclaration` calls (no app, no sign-ins).
// Run with `tsx --conditions=react-server` so that "server-only" resolves to its empty build.
import { spawn, spawnSync, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";

import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { runInScope } from "@/lib/db/context";
import { signDeclaration } from "@/lib/declarations/service";
import { hashPassword } from "@/lib/auth/password";
import { permissionsFor } from "@/lib/authz/permissions";
import type { SchoolContext } from "@/lib/authz/access";
import { policyContentHash } from "@/lib/policies/content";
import type { StaffGroup } from "@/generated/prisma/enums";
import { throwawayDatabase, fmt, run, quantile } from "./support";
import { E2E_NEXTAUTH_SECRET } from "../scripts/lib/e2e-secret";
import { appDatabaseUrl } from "../scripts/lib/app-database-url";

const SCHOOLS = Number(process.env.INSET_SCHOOLS ?? 50);
const STAFF = Number(process.env.INSET_STAFF ?? 120);
const N = Number(process.env.INSET_N ?? 150);
const RATE = Number(process.env.INSET_RATE ?? 500);
const OPEN_SECONDS = Number(process.env.INSET_OPEN_SECONDS ?? 60);
const PORT = Number(process.env.INSET_PORT ?? 3710);
const BASE = `http://localhost:${PORT}`;
const PASSWORD = "Inset-day bench password 2026";
const ROOT = path.resolve(__dirname, "..");

const DB_NAME = `ict_bench_inset_${Date.now()}`;
let server: ChildProcess | null = null;
function stopServer() {
  if (!server?.pid) return;
  // serve.mjs runs in its own process group (detached): stop it and anything it started.
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    /* already gone */
  }
  server = null;
}
const database = throwawayDatabase(DB_NAME, async () => {
  stopServer();
  await db.$disconnect();
});
// throwawayDatabase drops on SIGINT/SIGTERM; the server must go too, even if it was never stopped above.
process.on("exit", stopServer);

// The seed, the checks and pg_stat_activity go through the owner's own client; the app's code (the server,
// and signDeclaration called here) connects as ict_web under row-level security, as in production
// (docs/decisions/0025-app-login-role.md, 0030): each of its transactions pays its scope statement.
let ownerClient: PrismaClient | null = null;
const db = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    ownerClient ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.MIGRATION_DATABASE_URL! }) });
    const value = Reflect.get(ownerClient, prop);
    return typeof value === "function" ? value.bind(ownerClient) : value;
  },
});

// Statements this process sends (all of them go through pg.Client#query): per signing, for the direct calls.
let statementsSent = 0;
const pgQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statementsSent++;
  return (pgQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pgQuery;

let seq = 0;
const cid = () => `c${(seq++).toString(36).padStart(8, "0")}${randomBytes(8).toString("hex")}`;
const DAY = 86_400_000;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

type Member = { membershipId: string; personId: string; name: string; email: string; schoolIdx: number };

async function seed() {
  const org = await db.organisation.create({ data: { id: cid(), name: "Inset Valley Learning Trust", kind: "TRUST" } });
  const schools = Array.from({ length: SCHOOLS }, (_, i) => ({
    id: cid(), organisationId: org.id, name: `Inset School ${i + 1}`, slug: `inset-${String(i + 1).padStart(3, "0")}`, urn: String(800000 + i),
  }));
  await db.school.createMany({ data: schools });
  // argon2id costs ~50 ms and 19 MiB: once, for everybody.
  const passwordHash = await hashPassword(PASSWORD);
  const members: Member[] = [];
  for (let s = 0; s < SCHOOLS; s++)
    for (let j = 0; j < STAFF; j++) {
      const n = s * STAFF + j;
      members.push({ membershipId: cid(), personId: cid(), name: `Teacher ${n} Inset`, email: `staff${n}@inset-trust.org.uk`, schoolIdx: s });
    }
  for (let i = 0; i < members.length; i += 2000) {
    const c = members.slice(i, i + 2000);
    await db.person.createMany({ data: c.map((m) => ({ id: m.personId, name: m.name, email: m.email, passwordHash })) });
    await db.membership.createMany({
      // Teachers in post for years: no MFA (senior roles only) and not held at induction.
      data: c.map((m) => ({ id: m.membershipId, schoolId: schools[m.schoolIdx].id, personId: m.personId, staffGroup: "TEACHER" as StaffGroup, roles: ["STAFF"], startDate: new Date("2019-09-01T00:00:00Z") })),
    });
  }
  const admin = await db.person.create({ data: { id: cid(), name: "Rachel Inset", email: "trust.admin@inset-trust.org.uk" } });
  const policy = await db.policy.create({ data: { id: cid(), organisationId: org.id, title: "ICT Acceptable Use Policy (staff)", dueDays: 14, firstReminderDays: 7 } });
  const publishedAt = new Date(Date.now() - DAY);
  const content = {
    policyId: policy.id, number: 1, title: "ICT Acceptable Use Policy (staff)",
    sections: [
      { heading: "Scope", body: "This policy applies to all staff, volunteers and contractors who use the school's ICT systems." },
      { heading: "Data protection", body: "Personal data is handled in line with UK GDPR and the school's data protection policy." },
    ],
    statements: ["I will keep my passwords secret.", "I will report any suspected data breach to the DPO at once."],
    declarationWording: "I have read and understood the ICT Acceptable Use Policy and agree to follow it.",
    audience: ["TEACHER", "TEACHING_ASSISTANT", "SUPPORT", "OFFICE", "SUPPLY", "VOLUNTEER"] as StaffGroup[],
    inductionRequired: true, approvedBy: "Trust Board", approvedOn: new Date(publishedAt.toISOString().slice(0, 10) + "T00:00:00Z"),
    reviewDue: new Date(Date.UTC(new Date().getUTCFullYear() + 1, 8, 1)), changeSummary: null,
  };
  const version = await db.policyVersion.create({ data: { id: cid(), ...content, status: "DRAFT", createdById: admin.id } });
  await db.policyVersion.update({ where: { id: version.id }, data: { status: "PUBLISHED", contentHash: policyContentHash(content), publishedAt, publishedById: admin.id } });
  await db.$executeRawUnsafe("ANALYZE");
  return { schools, members, policy, version };
}

// ---------- the app ----------
async function startApp() {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.log("no .next build: next build (a few minutes) …");
    execFileSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  }
  const log = fs.openSync(path.join(os.tmpdir(), `${DB_NAME}-server.log`), "w");
  // INSET_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (where a signing's time goes).
  const prof = process.env.INSET_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.INSET_CPU_PROF}`] : [];
  server = spawn(process.execPath, [...prof, path.join(ROOT, "scripts", "serve.mjs"), "-p", String(PORT)], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", log, log],
    env: {
      ...process.env, PGLITE: "0", NEXTAUTH_URL: BASE, NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
      NEXT_TELEMETRY_DISABLED: "1", DEMO_MODE: "0",
      SMTP_URL: "", MAIL_FROM: "ICT policy (bench) <no-reply@inset-trust.org.uk>",
    },
  });
  const t = performance.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the app exited (${server.exitCode}); see ${os.tmpdir()}/${DB_NAME}-server.log`);
    const ok = await fetch(`${BASE}/signin`).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (performance.now() - t > 120_000) throw new Error("the app did not answer /signin within 2 minutes");
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(`app up on ${BASE} in ${fmt((performance.now() - t) / 1000)} s (log: ${os.tmpdir()}/${DB_NAME}-server.log)`);
}

/** A cookie jar of one: name=value pairs from Set-Cookie. */
class Jar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** csrf → credentials callback → session, as .ci/run does with curl. */
async function signIn(m: Member): Promise<Jar> {
  const jar = new Jar();
  const csrfRes = await fetch(`${BASE}/api/auth/csrf`);
  jar.take(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const cb = await fetch(`${BASE}/api/auth/callback/password`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email: m.email, password: PASSWORD, json: "true" }),
  });
  jar.take(cb);
  const session = (await (await fetch(`${BASE}/api/auth/session`, { headers: { cookie: jar.header() } })).json()) as { user?: { email?: string } };
  if (session.user?.email !== m.email) throw new Error(`sign-in failed for ${m.email}: ${JSON.stringify(session)}`);
  return jar;
}

/**
 * The action id as the browser learns it: the signing page's scripts carry
 * `createServerReference("<id>", callServer, …, "signDeclarationAction")` (the SignForm's import).
 */
async function findActionId(pagePath: string, jar: Jar): Promise<string> {
  const html = await (await fetch(`${BASE}${pagePath}`, { headers: { cookie: jar.header() } })).text();
  if (!html.includes("Sign the declaration")) throw new Error(`${pagePath} did not show the signing form`);
  const scripts = [...new Set([...html.matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)].map((x) => x[1]))];
  for (const src of scripts) {
    const js = await (await fetch(`${BASE}${src}`)).text();
    const hit = js.match(/createServerReference\)\("([0-9a-f]{40,})",[^;]*?"signDeclarationAction"\)/);
    if (hit) return hit[1];
  }
  throw new Error(`no signDeclarationAction reference in the ${scripts.length} scripts of ${pagePath}`);
}

// The router state the browser sends with an action (its current tree for this URL), so that anything
// the action re-renders is rendered exactly as it is for a browser on the signing page.
const routerState = (slug: string, policyId: string) => {
  // [segment, parallel routes, url, refresh marker]; the root also says it is the root layout.
  const node = (segment: unknown, child?: unknown[]): unknown[] => [segment, child ? { children: child } : {}, null, null];
  const page = node("__PAGE__");
  const tree = node("", node("s", node(["school", slug, "d"], node("policies", node(["policyId", policyId, "d"], node("sign", page))))));
  return encodeURIComponent(JSON.stringify([...tree, true]));
};

type Ctx = { actionId: string; slugOf: (m: Member) => string; policyId: string; versionId: string };

/** One signing as SignForm sends it: signDeclarationAction(slug, values), typed name, no drawing. */
async function signOverHttp(c: Ctx, m: Member, jar: Jar): Promise<number> {
  const slug = c.slugOf(m);
  const pagePath = `/s/${slug}/policies/${c.policyId}/sign`;
  const t = performance.now();
  const res = await fetch(`${BASE}${pagePath}`, {
    method: "POST",
    headers: {
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      "next-action": c.actionId,
      "next-router-state-tree": routerState(slug, c.policyId),
      origin: BASE,
      cookie: jar.header(),
      "user-agent": "Mozilla/5.0 (inset bench)",
    },
    body: JSON.stringify([slug, { policyVersionId: c.versionId, typedName: m.name, signaturePng: "", confirmed: true }]),
  });
  const body = await res.text();
  const ms = performance.now() - t;
  if (res.status !== 200 || !/"ok":true/.test(body)) throw new Error(`signing for ${m.email} answered ${res.status}: ${body.slice(0, 300)}`);
  return ms;
}

// CPU time per signing, whoever spent it, so that a figure survives other people's load on the machine:
// this process (the client, or signDeclaration's caller), the app's server, its sealing process, and the
// PostgreSQL backends of this database (/proc, Linux; clock ticks).
const TICK_MS = 10;
function procCpuMs(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return 0;
  }
}
async function cpuSnapshot() {
  const pg = (await db.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`).map((r) => r.pid);
  const children = server?.pid ? fs.readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number) : [];
  const me = process.cpuUsage();
  return {
    client: (me.user + me.system) / 1000,
    server: server?.pid ? procCpuMs(server.pid) : 0,
    sealer: children.reduce((a, p) => a + procCpuMs(p), 0),
    children,
    pg: new Map(pg.map((p) => [p, procCpuMs(p)])),
  };
}
async function cpuPerSigning(name: string, before: Awaited<ReturnType<typeof cpuSnapshot>>, n: number) {
  const after = await cpuSnapshot();
  let pg = 0;
  for (const [pid, ms] of after.pg) pg += ms - (before.pg.get(pid) ?? 0);
  const per = (x: number) => fmt(x / n);
  const client = after.client - before.client;
  const server = after.server - before.server;
  const sealer = before.children.reduce((a, p) => a + procCpuMs(p), 0) - before.sealer;
  return `${name}: CPU per signing ${per(client + server + pg)} ms (this process ${per(client)}, app server ${per(server)}, PostgreSQL ${per(pg)}); the sealing process ${per(sealer)} more`;
}
const cpuNotes: string[] = [];

type Result = { name: string; n: number; wall: number; lat: number[]; load: string };
const results: Result[] = [];
function report(name: string, lat: number[], wall: number) {
  lat.sort((a, b) => a - b);
  const r = { name, n: lat.length, wall, lat, load: load() };
  results.push(r);
  console.log(`  ${name}: ${fmt((r.n / wall) * 1000)} /s, p50 ${fmt(quantile(lat, 0.5))} p95 ${fmt(quantile(lat, 0.95))} p99 ${fmt(quantile(lat, 0.99))} ms (load ${r.load})`);
}

/** `fn` over `items`, `k` at a time: each worker takes the next item as soon as its last one is done. */
async function inPool<T>(items: T[], k: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: k }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

async function closedLoop(c: Ctx, name: string, signers: { m: Member; jar: Jar }[], inFlight: number) {
  const lat: number[] = [];
  const t = performance.now();
  await inPool(signers, inFlight, async (s) => void lat.push(await signOverHttp(c, s.m, s.jar)));
  report(name, lat, performance.now() - t);
}

/** Arrivals on a fixed schedule whatever the server does; latency counts from the scheduled arrival. */
async function openLoop(c: Ctx, name: string, signers: { m: Member; jar: Jar }[], perMinute: number) {
  const gap = 60_000 / perMinute;
  const lat: number[] = [];
  const t = performance.now();
  await Promise.all(
    signers.map(async (s, i) => {
      const due = t + i * gap;
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
      await signOverHttp(c, s.m, s.jar);
      lat.push(performance.now() - due);
    }),
  );
  report(name, lat, performance.now() - t);
}

async function signInAll(members: Member[], parallel = 4) {
  const out: { m: Member; jar: Jar }[] = [];
  await inPool(members, parallel, async (m) => void out.push({ m, jar: await signIn(m) }));
  return out;
}

function auditVerifyAsOwner(): { checked: number; broken: string | null } {
  const out = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/audit-verify.ts"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: process.env.MIGRATION_DATABASE_URL },
  });
  const ok = /OK: (\d+) events/.exec(out.stdout);
  return out.status === 0 && ok ? { checked: Number(ok[1]), broken: null } : { checked: 0, broken: (out.stdout + out.stderr).trim() };
}

async function main() {
  const t0 = performance.now();
  console.log(`load average at start: ${load()}`);
  const url = await database.create();
  // Migrations, the seed and the checks as the owner; lib/db (here and in the server) as ict_web.
  process.env.MIGRATION_DATABASE_URL = url;
  process.env.DATABASE_URL = appDatabaseUrl(url);
  execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: ROOT, stdio: "ignore", env: process.env });
  const data = await seed();
  console.log(`seeded ${SCHOOLS} schools × ${STAFF} staff, one published AUP (${fmt((performance.now() - t0) / 1000)} s)`);
  // INSET_HTTP=0: no app and no HTTP, only signDeclaration called here (the database's own ceiling).
  const http = process.env.INSET_HTTP !== "0";
  if (http) await startApp();

  // Signers: spread over the schools, as an INSET morning across a trust (every school at once).
  const bySchool = Array.from({ length: SCHOOLS }, (_, s) => data.members.filter((m) => m.schoolIdx === s));
  const order: Member[] = [];
  for (let i = 0; i < STAFF; i++) for (const q of bySchool) order.push(q[i]);
  const openN = Math.round((RATE * OPEN_SECONDS) / 60);
  const need = (http ? 3 * N + openN : 0) + 2 * N;
  if (need > order.length) throw new Error(`${need} signers needed, only ${order.length} staff: lower INSET_N or INSET_OPEN_SECONDS`);
  let taken = 0;
  const take = (k: number) => order.slice(taken, (taken += k));
  const none: Member[] = [];
  const phases = http
    ? { c1: take(N), c10: take(N), c50: take(N), open: take(openN), direct: take(N), direct50: take(N) }
    : { c1: none, c10: none, c50: none, open: none, direct: take(N), direct50: take(N) };

  const c: Ctx = {
    actionId: "",
    slugOf: (m) => data.schools[m.schoolIdx].slug,
    policyId: data.policy.id,
    versionId: data.version.id,
  };
  let t = performance.now();
  const httpSigners = [...phases.c1, ...phases.c10, ...phases.c50, ...phases.open];
  const perms = permissionsFor({ isMember: true, schoolRoles: ["STAFF"], orgRoles: [] });
  const signDirect = async (m: Member) => {
    const s = data.schools[m.schoolIdx];
    const ctx: SchoolContext = {
      person: { id: m.personId, name: m.name, email: m.email, authMethod: "password" },
      school: { id: s.id, slug: s.slug, name: s.name, organisationId: s.organisationId },
      membership: { id: m.membershipId, staffGroup: "TEACHER", startDate: new Date("2019-09-01T00:00:00Z") },
      schoolRoles: ["STAFF"], orgRoles: [], permissions: perms,
    };
    const t1 = performance.now();
    // In the school's scope, as the action factory runs it.
    const r = await runInScope({ schoolId: s.id, personId: m.personId }, () =>
      signDeclaration(ctx, { policyVersionId: data.version.id, typedName: m.name, signaturePng: null, confirmed: true }, { ip: "203.0.113.20", userAgent: "bench" }),
    );
    if (r.alreadySigned) throw new Error(`unexpected alreadySigned for ${m.email}`);
    return performance.now() - t1;
  };
  const direct: number[] = [];
  if (http) await overHttp();
  async function overHttp() {
  const jars = await signInAll(httpSigners);
  const jarOf = new Map(jars.map((j) => [j.m.personId, j]));
  console.log(`signed ${jars.length} staff in over HTTP: ${fmt((performance.now() - t) / 1000)} s (${fmt((performance.now() - t) / jars.length)} ms each with 4 in flight)`);
  const first = jarOf.get(phases.c1[0].personId)!;
  c.actionId = await findActionId(`/s/${c.slugOf(first.m)}/policies/${c.policyId}/sign`, first.jar);
  console.log(`signDeclarationAction id ${c.actionId} (from the page's scripts)`);

  const withJars = (ms: Member[]) => ms.map((m) => jarOf.get(m.personId)!);
  console.log("\nsigning over HTTP (server action POST, typed name)");
  // One at a time, side by side: each signing over HTTP is followed by one signDeclaration() call in
  // this process, so that both see the same machine (other people's load, the sealing backlog): the
  // ratio the target asks for.
  {
    const lat: number[] = [];
    let httpWall = 0;
    let directWall = 0;
    for (const [i, s] of withJars(phases.c1).entries()) {
      const a = performance.now();
      lat.push(await signOverHttp(c, s.m, s.jar));
      httpWall += performance.now() - a;
      const b = performance.now();
      direct.push(await signDirect(phases.direct[i]));
      directWall += performance.now() - b;
    }
    report("closed loop, 1 in flight", lat, httpWall);
    report("signDeclaration() directly, 1 at a time, side by side", direct, directWall);
  }
  await closedLoop(c, "closed loop, 10 in flight", withJars(phases.c10), 10);
  const cpu50 = await cpuSnapshot();
  await closedLoop(c, "closed loop, 50 in flight", withJars(phases.c50), 50);
  cpuNotes.push(await cpuPerSigning("closed loop, 50 in flight", cpu50, phases.c50.length));
  await openLoop(c, `open loop, ${RATE} arrivals/min for ${OPEN_SECONDS} s`, withJars(phases.open), RATE);

  // Where one request's time goes, from outside, one at a time on the now-quiet server: the session
  // lookup alone, and the signing page's whole RSC render (layout and page) for people who have just
  // signed: what SignForm's router.refresh() asks for after `ok` (decision 0026), a request of its own.
  console.log("\none request taken apart (1 in flight)");
  const timed = async (name: string, k: number, fn: (s: { m: Member; jar: Jar }) => Promise<unknown>) => {
    const lat: number[] = [];
    const t1 = performance.now();
    for (const s of withJars(phases.c1.slice(0, k))) {
      const t2 = performance.now();
      await fn(s);
      lat.push(performance.now() - t2);
    }
    report(name, lat, performance.now() - t1);
  };
  const k = Math.min(20, N);
  await timed("GET /api/auth/session", k, async (s) => (await fetch(`${BASE}/api/auth/session`, { headers: { cookie: s.jar.header() } })).text());
  await timed("the refresh after signing (RSC GET)", k, async (s) => {
    const slug = c.slugOf(s.m);
    const r = await fetch(`${BASE}/s/${slug}/policies/${c.policyId}/sign`, {
      headers: { rsc: "1", cookie: s.jar.header() },
    });
    const text = await r.text();
    if (r.status !== 200 || !text.includes("You signed version")) throw new Error(`page render answered ${r.status}`);
  });
  }

  console.log("\nsignDeclaration alone (this process, same database; the server may still be sealing the PDFs of the runs above)");
  if (!http) {
    t = performance.now();
    for (const m of phases.direct) direct.push(await signDirect(m));
    report("signDeclaration() directly, 1 at a time", direct, performance.now() - t);
  }
  // The same, 50 at a time (this process's pool of DATABASE_POOL_MAX connections, as the server's): the
  // database's own ceiling for signings, with no HTTP, session or rendering in front of it.
  const direct50: number[] = [];
  t = performance.now();
  const cpuDirect = await cpuSnapshot();
  const sentBefore = statementsSent;
  await inPool(phases.direct50, 50, async (m) => void direct50.push(await signDirect(m)));
  cpuNotes.push(`signDeclaration() 50 at a time: ${fmt((statementsSent - sentBefore) / phases.direct50.length)} statements per signing (BEGIN and COMMIT included)`);
  cpuNotes.push(await cpuPerSigning("signDeclaration() 50 at a time", cpuDirect, phases.direct50.length));
  report("signDeclaration() directly, 50 at a time", direct50, performance.now() - t);

  // ---------- checks ----------
  const signers = [...httpSigners, ...phases.direct, ...phases.direct50];
  const total = await db.declaration.count({ where: { policyVersionId: data.version.id } });
  const dupes = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM (SELECT 1 FROM "Declaration" GROUP BY "schoolId", "personId", "policyVersionId" HAVING count(*) > 1) d`;
  const signedPeople = new Set((await db.declaration.findMany({ select: { personId: true } })).map((d) => d.personId));
  const missing = signers.filter((m) => !signedPeople.has(m.personId)).length;
  // Across every chain: operator work, so `npm run audit:verify` as the owner, as an operator runs it.
  const audit = auditVerifyAsOwner();
  const signedEvents = await db.auditEvent.count({ where: { action: "declaration.signed" } });
  console.log(`\nchecks: ${total} declarations for ${signers.length} signers, ${dupes[0].n} duplicated, ${missing} missing; ${signedEvents} declaration.signed events; audit: ${audit.checked} events checked, ${audit.broken ? "BROKEN " + JSON.stringify(audit.broken) : "intact"}`);
  // The server seals each declaration's PDFs after the commit, in the same process and on the same two
  // cores as the requests: how far it got says how much of the machine it took during the runs.
  const [queued, sealed] = await Promise.all([db.sealJob.count(), db.sealedDocument.count()]);
  console.log(`seal queue: ${sealed} of ${queued} PDFs sealed by the server by the end`);
  if (total !== signers.length || Number(dupes[0].n) !== 0 || missing !== 0 || signedEvents !== signers.length || audit.broken) throw new Error("the checks failed");

  // ---------- summary ----------
  const one = results[0];
  const directMedian = quantile(direct, 0.5);
  console.log(`\n${new Date().toISOString()} · ${os.cpus().length} cores · Node ${process.version} · ${SCHOOLS} schools × ${STAFF} staff`);
  console.log("| run | n | signings/s | p50 ms | p95 ms | p99 ms | load average (1/5/15 min) |");
  console.log("| --- | --: | --: | --: | --: | --: | --- |");
  for (const r of results)
    console.log(`| ${r.name} | ${r.n} | ${fmt((r.n / r.wall) * 1000)} | ${fmt(quantile(r.lat, 0.5))} | ${fmt(quantile(r.lat, 0.95))} | ${fmt(quantile(r.lat, 0.99))} | ${r.load} |`);
  for (const note of cpuNotes) console.log(note);
  if (http) console.log(`\nratio: one signing over HTTP (p50 ${fmt(quantile(one.lat, 0.5))} ms, 1 in flight) / signDeclaration alone, side by side (p50 ${fmt(directMedian)} ms) = ${fmt(quantile(one.lat, 0.5) / directMedian, 2)}×`);
  console.log(`whole run ${fmt((performance.now() - t0) / 1000)} s`);
}

run(main, database.drop);
