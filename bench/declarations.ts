// `npm run bench` — declaration / coverage / audit performance on a synthetic trust.
//
// Creates a throwaway database `ict_bench_<timestamp>` on the local PostgreSQL (BENCH_ADMIN_DATABASE_URL,
// default postgresql://postgres@127.0.0.1:5432/postgres), applies the migrations, bulk-loads a trust of
// 50 schools × 120 staff with one published trust-wide AUP that ~60% have signed, times the lib functions
// the pages call, prints a table and drops the database (also when something fails or on Ctrl+C).
// Run with `tsx --conditions=react-server` so that "server-only" resolves to its empty build.
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";

import { db } from "@/lib/db";
import { policyCoverage, trustPolicyCoverage } from "@/lib/declarations/coverage";
import { obligationsFor, latestPublishedVersions } from "@/lib/declarations/obligations";
import { signDeclaration } from "@/lib/declarations/service";
import { verifyAuditLog } from "@/lib/audit/verify";
import { hashEvent, GENESIS, type ChainedFields } from "@/lib/audit/chain";
import { permissionsFor } from "@/lib/authz/permissions";
import type { SchoolContext } from "@/lib/authz/access";
import { policyContentHash } from "@/lib/policies/content";
import { londonDateString } from "@/lib/dates";
import type { StaffGroup } from "@/generated/prisma/enums";
import { countQueries, throwawayDatabase, printTable, fmt, run, timeRuns, quantile, type Stat as BaseStat } from "./support";

// ---------- sizes (env overrides for quick trial runs) ----------
const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 50);
const STAFF_PER_SCHOOL = Number(process.env.BENCH_STAFF ?? 120);
const SIGNED_SHARE = 0.6;
const SIGN_N = Number(process.env.BENCH_SIGN_N ?? 300);
const CONCURRENCY = 8;

const DB_NAME = `ict_bench_${Date.now()}`;

// ---------- query counter: every statement the pg driver sends (BEGIN/COMMIT included) ----------
const queryCount = countQueries();

// ---------- helpers ----------
const DAY = 86_400_000;
let idSeq = 0;
/** cuid-shaped ids (25 chars, starts with c), unique within the run. */
const cid = () => `c${(idSeq++).toString(36).padStart(8, "0")}${randomBytes(8).toString("hex")}`;

type Stat = BaseStat & { min: number };
const stats: Stat[] = [];

async function measure(name: string, runs: number, fn: () => Promise<unknown>, note = "", warmup = 2): Promise<Stat> {
  const s: Stat = { name, runs, note, ...(await timeRuns(runs, fn, queryCount, warmup)) };
  stats.push(s);
  console.log(`  ${name}: median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms (${runs} runs, ${s.queries.toFixed(0)} queries/run)`);
  return s;
}

const database = throwawayDatabase(DB_NAME, () => db.$disconnect());
const dropDatabase = database.drop;

// ---------- data ----------
const FIRST = ["Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Mia", "Arthur", "Ivy", "Leo", "Freya", "Oscar", "Lily", "Harry", "Grace", "Jack", "Sophia", "Theo", "Rosie", "Alfie"];
const LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "Khan", "Okafor", "Hughes", "Clarke", "Begum", "Murphy"];
// Per 120 staff: 50 teachers, 30 TAs, 16 support, 10 office, 4 supply, 4 volunteers, 6 governors (not in the AUP audience).
const GROUP_MIX: [StaffGroup, number][] = [
  ["TEACHER", 50], ["TEACHING_ASSISTANT", 30], ["SUPPORT", 16], ["OFFICE", 10], ["SUPPLY", 4], ["VOLUNTEER", 4], ["GOVERNOR", 6],
];
const AUDIENCE: StaffGroup[] = ["TEACHER", "TEACHING_ASSISTANT", "SUPPORT", "OFFICE", "SUPPLY", "VOLUNTEER"];
const groupAt = (i: number): StaffGroup => {
  const total = GROUP_MIX.reduce((a, [, n]) => a + n, 0);
  let k = i % total;
  for (const [g, n] of GROUP_MIX) {
    if (k < n) return g;
    k -= n;
  }
  return "TEACHER";
};

type Member = { membershipId: string; personId: string; name: string; email: string; staffGroup: StaffGroup; startDate: Date; schoolIdx: number };

async function chunked<T>(rows: T[], size: number, fn: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await fn(rows.slice(i, i + size));
}

async function seed() {
  const now = Date.now();
  const publishedAt = new Date(now - 30 * DAY);
  const org = await db.organisation.create({ data: { id: cid(), name: "Bench Valley Learning Trust", kind: "TRUST" } });
  const schools = Array.from({ length: SCHOOLS }, (_, i) => ({
    id: cid(),
    organisationId: org.id,
    name: `Bench School ${String(i + 1).padStart(3, "0")}`,
    slug: `bench-${String(i + 1).padStart(3, "0")}`,
    urn: String(900000 + i),
  }));
  await db.school.createMany({ data: schools });

  const members: Member[] = [];
  for (let s = 0; s < SCHOOLS; s++)
    for (let j = 0; j < STAFF_PER_SCHOOL; j++) {
      const n = s * STAFF_PER_SCHOOL + j;
      const name = `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]} ${n}`;
      // Most in post for years; every 15th started 10 days ago (still within their due days).
      const startDate = j % 15 === 14 ? new Date(Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate()) - 10 * DAY) : new Date("2019-09-01T00:00:00.000Z");
      members.push({ membershipId: cid(), personId: cid(), name, email: `staff${n}@bench-trust.org.uk`, staffGroup: groupAt(j), startDate, schoolIdx: s });
    }
  await chunked(members, 2000, (c) => db.person.createMany({ data: c.map((m) => ({ id: m.personId, name: m.name, email: m.email })) }));
  await chunked(members, 2000, (c) =>
    db.membership.createMany({
      data: c.map((m) => ({ id: m.membershipId, schoolId: schools[m.schoolIdx].id, personId: m.personId, staffGroup: m.staffGroup, roles: ["STAFF"], startDate: m.startDate })),
    }),
  );

  // A trust admin who acts through the organisation role only.
  const trustAdmin = await db.person.create({ data: { id: cid(), name: "Rachel Bench", email: "trust.admin@bench-trust.org.uk" } });
  await db.organisationRole.create({ data: { organisationId: org.id, personId: trustAdmin.id, role: "TRUST_ADMIN" } });

  // The AUP: inserted as DRAFT, then published with its hash (the trigger freezes PUBLISHED rows).
  const policy = await db.policy.create({ data: { id: cid(), organisationId: org.id, title: "ICT Acceptable Use Policy (staff)", dueDays: 14, firstReminderDays: 7 } });
  const content = {
    policyId: policy.id,
    number: 1,
    title: "ICT Acceptable Use Policy (staff)",
    sections: [
      { heading: "Scope", body: "This policy applies to all staff, volunteers and contractors who use the school's ICT systems." },
      { heading: "Use of devices", body: "Devices are provided for professional use. **Do not** install unapproved software." },
      { heading: "Data protection", body: "Personal data is handled in line with UK GDPR and the school's data protection policy." },
    ],
    statements: ["I will keep my passwords secret.", "I will report any suspected data breach to the DPO at once.", "I will not use personal devices to store pupil data."],
    declarationWording: "I have read and understood the ICT Acceptable Use Policy and agree to follow it.",
    audience: AUDIENCE,
    inductionRequired: true,
    approvedBy: "Trust Board",
    approvedOn: new Date(publishedAt.toISOString().slice(0, 10) + "T00:00:00.000Z"),
    reviewDue: new Date(Date.UTC(new Date(now).getUTCFullYear() + 1, 8, 1)),
    changeSummary: null,
  };
  const contentHash = policyContentHash(content);
  const version = await db.policyVersion.create({
    data: { id: cid(), ...content, status: "DRAFT", createdById: trustAdmin.id },
  });
  await db.policyVersion.update({ where: { id: version.id }, data: { status: "PUBLISHED", contentHash, publishedAt, publishedById: trustAdmin.id } });

  // ~60% of the audience in every school have signed, each with its audit row on the school's chain.
  const signed = new Set<string>();
  const declarations: {
    id: string; schoolId: string; personId: string; membershipId: string; policyVersionId: string; contentHash: string;
    typedName: string; consentWording: string; signedAt: Date; ip: string; userAgent: string; authMethod: string;
  }[] = [];
  for (const [idx, m] of members.entries()) {
    if (!AUDIENCE.includes(m.staffGroup)) continue;
    // A deterministic 60%: positions 0,1,2 of every 5 within the school.
    const j = idx % STAFF_PER_SCHOOL;
    if (j % 5 >= Math.round(SIGNED_SHARE * 5)) continue;
    signed.add(m.personId);
    declarations.push({
      id: cid(), schoolId: schools[m.schoolIdx].id, personId: m.personId, membershipId: m.membershipId, policyVersionId: version.id, contentHash,
      typedName: m.name, consentWording: content.declarationWording,
      signedAt: new Date(publishedAt.getTime() + ((j * 7919) % (25 * 24)) * 3_600_000), ip: "203.0.113.10", userAgent: "bench-seed", authMethod: "password",
    });
  }
  await chunked(declarations, 1500, (c) => db.declaration.createMany({ data: c }));

  const audit: (ChainedFields & { hash: string })[] = [];
  const bySchool = new Map<string, typeof declarations>();
  for (const d of declarations) (bySchool.get(d.schoolId) ?? bySchool.set(d.schoolId, []).get(d.schoolId)!).push(d);
  for (const [schoolId, ds] of bySchool) {
    let prev = GENESIS;
    ds.sort((a, b) => a.signedAt.getTime() - b.signedAt.getTime()).forEach((d, i) => {
      const fields: ChainedFields = {
        chain: schoolId, seq: i + 1, schoolId, organisationId: org.id, actorId: d.personId, action: "declaration.signed",
        entityType: "Declaration", entityId: d.id,
        data: { policyId: policy.id, policyVersionId: version.id, versionNumber: 1, contentHash, drawnSignature: false, authMethod: "password" },
        at: d.signedAt, prevHash: prev,
      };
      const hash = hashEvent(fields);
      audit.push({ ...fields, hash });
      prev = hash;
    });
  }
  await chunked(audit, 1500, (c) => db.auditEvent.createMany({ data: c.map((a) => ({ ...a, data: a.data as object })) }));
  await db.$executeRawUnsafe("ANALYZE");

  const outstanding = members.filter((m) => AUDIENCE.includes(m.staffGroup) && !signed.has(m.personId));
  return { org, schools, members, trustAdmin, policy, version, declarations: declarations.length, auditRows: audit.length, outstanding };
}

// ---------- main ----------
async function main() {
  const t0 = performance.now();
  await database.create();

  let t = performance.now();
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });
  const migrateMs = performance.now() - t;
  console.log(`migrate deploy: ${fmt(migrateMs / 1000, 1)} s`);

  t = performance.now();
  const data = await seed();
  const seedMs = performance.now() - t;
  console.log(
    `seeded ${data.schools.length} schools, ${data.members.length} people/memberships, ${data.declarations} declarations, ${data.auditRows} audit rows, ` +
      `${data.outstanding.length} outstanding: ${fmt(seedMs / 1000, 1)} s`,
  );

  const school = data.schools[0];
  const schoolRef = { id: school.id, organisationId: school.organisationId };
  const trustCtx: SchoolContext = {
    person: { id: data.trustAdmin.id, name: data.trustAdmin.name, email: data.trustAdmin.email, authMethod: "password" },
    school: { id: school.id, slug: school.slug, name: school.name, organisationId: school.organisationId },
    membership: null,
    schoolRoles: [],
    orgRoles: ["TRUST_ADMIN"],
    permissions: permissionsFor({ isMember: false, schoolRoles: [], orgRoles: ["TRUST_ADMIN"] }),
  };

  // Sanity: the lib sees what we loaded.
  const check = await policyCoverage(schoolRef, data.policy.id);
  if (!check) throw new Error("policyCoverage returned null: the AUP is not visible to the school");
  const trustCheck = await trustPolicyCoverage(trustCtx, data.policy.id);
  if (!trustCheck || trustCheck.length !== SCHOOLS) throw new Error(`trustPolicyCoverage returned ${trustCheck?.length ?? "null"} schools`);
  console.log(`school 1 AUP totals: ${JSON.stringify(check.totals)} (people listed: ${check.people.length})`);

  console.log("\nread paths");
  await measure("policyCoverage(school, AUP) — one school", 30, () => policyCoverage(schoolRef, data.policy.id), "coverage page, one school");
  await measure(`trustPolicyCoverage(ctx, AUP) — ${SCHOOLS} schools`, 7, () => trustPolicyCoverage(trustCtx, data.policy.id), "trust coverage page / CSV", 1);
  await measure(
    `Promise.all(policyCoverage) × ${SCHOOLS} (for comparison)`, 7,
    () => Promise.all(data.schools.map((s) => policyCoverage({ id: s.id, organisationId: s.organisationId }, data.policy.id))),
    "same work, schools in parallel (not what the lib does)", 1,
  );
  const someone = data.members.find((m) => m.schoolIdx === 0 && m.staffGroup === "TEACHER")!;
  await measure("obligationsFor(school, member) — one person", 100, () => obligationsFor(schoolRef, someone), "induction gate: every page + action");
  await measure("latestPublishedVersions(school)", 100, () => latestPublishedVersions(schoolRef), "part of the above");
  // Pure CPU: londonDateString builds a new Intl.DateTimeFormat per call; coverage calls it 2× per person.
  {
    const d = new Date();
    const n = 12_000;
    const t1 = performance.now();
    for (let i = 0; i < n; i++) londonDateString(d);
    const per = (performance.now() - t1) / n;
    stats.push({ name: `londonDateString(): ${n} calls (CPU only)`, runs: 1, median: per * n, p95: per * n, min: per * n, queries: 0, note: `${fmt(per * 1000, 1)} µs/call` });
    console.log(`  londonDateString: ${fmt(per * 1000, 1)} µs per call`);
  }

  // ---------- signing ----------
  console.log("\nsigning");
  const evidence = { ip: "203.0.113.20", userAgent: "Mozilla/5.0 (bench)" };
  const memberPerms = permissionsFor({ isMember: true, schoolRoles: ["STAFF"], orgRoles: [] });
  const ctxFor = (m: Member): SchoolContext => {
    const s = data.schools[m.schoolIdx];
    return {
      person: { id: m.personId, name: m.name, email: m.email, authMethod: "password" },
      school: { id: s.id, slug: s.slug, name: s.name, organisationId: s.organisationId },
      membership: { id: m.membershipId, staffGroup: m.staffGroup, startDate: m.startDate },
      schoolRoles: ["STAFF"],
      orgRoles: [],
      permissions: memberPerms,
    };
  };
  const sign = async (m: Member) => {
    const r = await signDeclaration(ctxFor(m), { policyVersionId: data.version.id, typedName: m.name, signaturePng: null, confirmed: true }, evidence);
    if (r.alreadySigned) throw new Error(`unexpected alreadySigned for ${m.personId}`);
  };
  if (data.outstanding.length < 2 * SIGN_N) throw new Error(`only ${data.outstanding.length} outstanding people for 2 × ${SIGN_N} signings`);
  // Outstanding people in school order: a batch of 300 covers ~7 schools, so 8 concurrent signers mostly
  // queue on the same school's advisory lock (a whole staff room signing after an INSET session).
  const seqBatch = data.outstanding.slice(0, SIGN_N);
  const concBatch = data.outstanding.slice(SIGN_N, 2 * SIGN_N);
  // A different school's staff, one signer per school at a time, to show what the per-school lock costs.
  const bySchool = new Map<number, Member[]>();
  for (const m of data.outstanding.slice(2 * SIGN_N)) (bySchool.get(m.schoolIdx) ?? bySchool.set(m.schoolIdx, []).get(m.schoolIdx)!).push(m);

  const signRun = async (name: string, batch: Member[], workers: number, note: string) => {
    const lat: number[] = [];
    const q0 = queryCount();
    let next = 0;
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < batch.length) {
          const m = batch[next++];
          const t2 = performance.now();
          await sign(m);
          lat.push(performance.now() - t2);
        }
      }),
    );
    const wall = performance.now() - t1;
    lat.sort((a, b) => a - b);
    const rate = (batch.length / wall) * 1000;
    const s: Stat = { name, runs: batch.length, median: quantile(lat, 0.5), p95: quantile(lat, 0.95), min: lat[0], queries: (queryCount() - q0) / batch.length, note: `${fmt(rate, 0)} declarations/s (${fmt(wall / 1000, 2)} s wall); ${note}` };
    stats.push(s);
    console.log(`  ${name}: ${fmt(rate, 0)} /s, per signing median ${fmt(s.median)} ms p95 ${fmt(s.p95)} ms, ${fmt(s.queries, 0)} queries each`);
  };
  await signRun(`signDeclaration × ${SIGN_N}, sequential`, seqBatch, 1, `${new Set(seqBatch.map((m) => m.schoolIdx)).size} schools`);
  await signRun(`signDeclaration × ${SIGN_N}, ${CONCURRENCY} concurrent`, concBatch, CONCURRENCY, `${new Set(concBatch.map((m) => m.schoolIdx)).size} schools, mostly same-school lock`);
  // Round-robin across schools so that the 8 in flight are in 8 different schools.
  const spread: Member[] = [];
  const queuesBySchool = [...bySchool.values()];
  for (let i = 0; spread.length < SIGN_N && queuesBySchool.some((q) => q.length > i); i++)
    for (const q of queuesBySchool) if (q[i] && spread.length < SIGN_N) spread.push(q[i]);
  if (spread.length === SIGN_N)
    await signRun(`signDeclaration × ${SIGN_N}, ${CONCURRENCY} concurrent, schools interleaved`, spread, CONCURRENCY, "8 in flight = 8 different schools");

  // ---------- audit verify ----------
  console.log("\naudit");
  const busiest = await db.auditEvent.groupBy({ by: ["chain"], _count: { _all: true }, orderBy: { _count: { chain: "desc" } }, take: 1 });
  const chain = busiest[0].chain;
  const chainLen = busiest[0]._count._all;
  const v = await verifyAuditLog(chain);
  if (v.broken) throw new Error(`audit chain broken after signing: ${JSON.stringify(v.broken)}`);
  await measure(`verifyAuditLog(chain) — ${chainLen} events`, 10, () => verifyAuditLog(chain), "one school's chain, after signing");
  const totalAudit = await db.auditEvent.count();
  await measure(`verifyAuditLog() — all ${totalAudit} events`, 3, () => verifyAuditLog(), `${SCHOOLS} chains, audit:verify`, 1);

  // A long chain (a large school after a few years of every kind of event), to see how verify scales.
  {
    const LONG = Number(process.env.BENCH_LONG_CHAIN ?? 20_000);
    const chainId = `bench-long-${cid()}`;
    const rows: (ChainedFields & { hash: string })[] = [];
    let prev = GENESIS;
    const start = Date.now() - 3 * 365 * DAY;
    for (let i = 0; i < LONG; i++) {
      const f: ChainedFields = {
        chain: chainId, seq: i + 1, schoolId: chainId, organisationId: data.org.id, actorId: data.trustAdmin.id, action: "declaration.signed",
        entityType: "Declaration", entityId: `d${i}`, data: { policyId: data.policy.id, versionNumber: 1, drawnSignature: false, authMethod: "password" },
        at: new Date(start + i * 60_000), prevHash: prev,
      };
      prev = hashEvent(f);
      rows.push({ ...f, hash: prev });
    }
    await chunked(rows, 2000, (c) => db.auditEvent.createMany({ data: c.map((a) => ({ ...a, data: a.data as object })) }));
    await measure(`verifyAuditLog(chain) — ${LONG} events`, 3, () => verifyAuditLog(chainId), "one synthetic long chain", 1);
  }

  // ---------- table ----------
  const totalS = (performance.now() - t0) / 1000;
  printTable(stats, `${SCHOOLS} schools × ${STAFF_PER_SCHOOL} staff · DB pool ${process.env.DATABASE_POOL_MAX ?? 10}`);
  console.log(`\nsetup: migrate ${fmt(migrateMs / 1000)} s, seed ${fmt(seedMs / 1000)} s; whole run ${fmt(totalS)} s`);
}

run(main, dropDatabase);
