// `npm run bench:governance` — the governors' summaries at trust scale (issue 10, point 5).
//
// Creates a throwaway database `ict_bench_gov_<timestamp>` on the local PostgreSQL (BENCH_ADMIN_DATABASE_URL,
// default postgresql://postgres@127.0.0.1:5432/postgres), applies the migrations, bulk-loads (INSERT …
// SELECT generate_series, in the database) a trust of 50 schools × 120 staff with 100,000 declarations,
// 5,000 incidents, 10,000 loans and 1,000,000 audit events, then times the school summary and the trust
// roll-up beside a hand-written SQL floor for the same figures, 5 schools against 50, each section on its
// own (the profile), and counts the queries each sends: fully cold (every count made afresh, as before the
// cache of decision 0027 and the kept table of decision 0029), as a new process that finds the day's counts
// in the kept table, then with the counts kept in the process, with nothing changed since the last view and with one
// school changed. Prints a table and drops the database.
// Run with `tsx --conditions=react-server` so that "server-only" resolves to its empty build.
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import pg from "pg";

import { db } from "@/lib/db";
import { resolveAccess, type SchoolContext } from "@/lib/authz/access";
import { inductionGatePolicy } from "@/lib/declarations/obligations";
import { policyContentHash } from "@/lib/policies/content";
import { londonToday } from "@/lib/dates";
import { thisYear, instantsOf } from "@/lib/governance/period";
import { gatherFigures, schoolFigures, trustFigures, type SchoolRef } from "@/lib/governance/summary";
import { forgetFigures } from "@/lib/governance/cache";
import { record } from "@/lib/audit/record";
import { schoolReport, trustReport } from "@/lib/governance/report";
import { declarationSection } from "@/lib/governance/sections/declarations";
import { policySection } from "@/lib/governance/sections/policies";
import { incidentCountsInScope, combineIncidents } from "@/lib/governance/sections/incidents";
import { runInScope } from "@/lib/db/context";
import { equipmentSection } from "@/lib/governance/sections/equipment";
import { auditSection } from "@/lib/governance/sections/audit";
import { ASSET_KINDS } from "@/lib/equipment/kinds";
import { checkState, defaultTerms } from "@/lib/equipment/checks";
import type { StaffGroup } from "@/generated/prisma/enums";
import { countQueries, throwawayDatabase, printTable, fmt, run, timeRuns, type Stat } from "./support";

const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 50);
const STAFF = Number(process.env.BENCH_STAFF ?? 120);
const DECLARATIONS = Number(process.env.BENCH_DECLARATIONS ?? 100_000);
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 5_000);
const LOANS = Number(process.env.BENCH_LOANS ?? 10_000);
const AUDIT = Number(process.env.BENCH_AUDIT ?? 1_000_000);
const DB_NAME = `ict_bench_gov_${Date.now()}`;

const queryCount = countQueries();
const stats: Stat[] = [];
async function measure(name: string, runs: number, fn: () => Promise<unknown>, note = "", before?: () => Promise<unknown>): Promise<Stat> {
  const s = { name, runs, note, ...(await timeRuns(runs, fn, queryCount, 2, before)) };
  stats.push(s);
  console.log(`  ${name}: median ${fmt(s.median)} ms, p95 ${fmt(s.p95)} ms, ${fmt(s.queries, 0)} queries`);
  return s;
}

let floorClient: pg.Client | null = null;
const database = throwawayDatabase(DB_NAME, async () => {
  await db.$disconnect();
  await floorClient?.end();
});
// BENCH_KEEP=1 leaves the database for EXPLAIN ANALYZE by hand.
const dropDatabase = () => (process.env.BENCH_KEEP === "1" ? Promise.resolve(console.log(`kept database ${DB_NAME}`)) : database.drop());

// Per 120 staff: 50 teachers, 30 TAs, 16 support, 10 office, 4 supply, 4 volunteers, 6 governors.
const GROUPS: [StaffGroup, number][] = [["TEACHER", 50], ["TEACHING_ASSISTANT", 30], ["SUPPORT", 16], ["OFFICE", 10], ["SUPPLY", 4], ["VOLUNTEER", 4], ["GOVERNOR", 6]];
const groupCase = (() => {
  let at = 0;
  const arms = GROUPS.map(([g, n]) => {
    at += n;
    return `WHEN j < ${at} THEN '${g}'`;
  });
  return `(CASE ${arms.join(" ")} END)::"StaffGroup"`;
})();

async function load(c: pg.Client) {
  const today = londonToday();
  const t = (label: string, ms: number) => console.log(`  ${label}: ${fmt(ms / 1000, 1)} s`);
  let t0 = performance.now();
  await c.query(`INSERT INTO "Organisation" (id, name, kind) VALUES ('borg', 'Bench Valley Learning Trust', 'TRUST')`);
  await c.query(`INSERT INTO "School" (id, "organisationId", name, slug)
    SELECT 'bs' || lpad(i::text, 3, '0'), 'borg', 'Bench School ' || lpad(i::text, 3, '0'), 'bench-' || lpad(i::text, 3, '0') FROM generate_series(1, ${SCHOOLS}) i`);
  // Staff n = 0 … SCHOOLS*STAFF-1: school n / STAFF, position j = n % STAFF. Every 15th joined this
  // academic year (a new starter), every 40th leaves in three weeks; position 114 of each school chairs its governors.
  await c.query(`INSERT INTO "Person" (id, name, email, "updatedAt")
    SELECT 'bp' || n, 'Staff ' || n, 'staff' || n || '@bench-trust.org.uk', now() FROM generate_series(0, ${SCHOOLS * STAFF - 1}) n`);
  await c.query(`INSERT INTO "Membership" (id, "schoolId", "personId", "staffGroup", roles, "startDate", "endDate", "updatedAt")
    SELECT 'bm' || n, 'bs' || lpad((n / ${STAFF} + 1)::text, 3, '0'), 'bp' || n, ${groupCase},
           CASE WHEN j = 114 THEN ARRAY['CHAIR_OF_GOVERNORS', 'GOVERNOR']::"SchoolRole"[] ELSE ARRAY['STAFF']::"SchoolRole"[] END,
           CASE WHEN j % 15 = 14 THEN $1::date - 20 ELSE DATE '2019-09-01' END,
           CASE WHEN j % 40 = 39 THEN $1::date + 21 ELSE NULL END, now()
    FROM (SELECT n, n % ${STAFF} AS j FROM generate_series(0, ${SCHOOLS * STAFF - 1}) n) x`, [today]);
  await c.query(`INSERT INTO "Person" (id, name, email, "updatedAt") VALUES ('btrustee', 'Bench Trustee', 'trustee@bench-trust.org.uk', now())`);
  await c.query(`INSERT INTO "OrganisationRole" (id, "organisationId", "personId", role) VALUES ('bor1', 'borg', 'btrustee', 'TRUSTEE')`);
  t("schools, people, memberships", performance.now() - t0);

  // Six trust-wide policies, four published versions each (the latest is what coverage counts; the older
  // ones hold history). Published through Prisma with their content hash, as the publish trigger checks.
  t0 = performance.now();
  const titles = ["ICT Acceptable Use (staff)", "Online Safety", "Data Protection", "Social Media", "Remote Working", "Use of Cameras and Phones"];
  for (const [pi, title] of titles.entries()) {
    const policy = await db.policy.create({ data: { id: `bpol${pi}`, organisationId: "borg", title, dueDays: 14 } });
    for (let v = 1; v <= 4; v++) {
      const publishedAt = new Date(Date.now() - (500 - v * 120 + pi) * 86_400_000);
      const content = {
        policyId: policy.id, number: v, title, sections: [{ heading: "Scope", body: `Version ${v} of ${title}.` }], statements: ["I will follow it."],
        declarationWording: `I have read ${title} and will follow it.`,
        audience: pi === 5 ? (["TEACHER", "TEACHING_ASSISTANT"] as StaffGroup[]) : (["TEACHER", "TEACHING_ASSISTANT", "SUPPORT", "OFFICE", "SUPPLY", "VOLUNTEER"] as StaffGroup[]),
        inductionRequired: pi === 0, approvedBy: "Trust Board", approvedOn: new Date(publishedAt.toISOString().slice(0, 10)),
        // One policy past its review, one due within weeks, the rest next year.
        reviewDue: new Date(Date.UTC(today.getUTCFullYear() + (pi === 1 ? -1 : pi === 2 ? 0 : 1), today.getUTCMonth(), pi === 2 ? Math.min(28, today.getUTCDate() + 20) : 1)),
        changeSummary: v > 1 ? "Updated" : null,
      };
      const version = await db.policyVersion.create({ data: { id: `bpv${pi}_${v}`, ...content, status: "DRAFT" } });
      await db.policyVersion.update({ where: { id: version.id }, data: { status: "PUBLISHED", contentHash: policyContentHash(content), publishedAt } });
    }
  }
  // ~93% of every (member, version) pair in the audience (~120,000), capped at DECLARATIONS.
  await c.query(`INSERT INTO "Declaration" (id, "schoolId", "personId", "membershipId", "policyVersionId", "contentHash", "typedName", "consentWording", "signedAt", "authMethod")
    SELECT 'bd' || row_number() OVER (), m."schoolId", m."personId", m.id, v.id, v."contentHash", 'Staff', v."declarationWording",
           greatest(v."publishedAt", m."startDate"::timestamptz) + ((abs(hashtext(m.id || v.id)) % 30) || ' days')::interval, 'password'
    FROM "Membership" m JOIN "PolicyVersion" v ON m."staffGroup" = ANY (v.audience)
    WHERE abs(hashtext(v.id || m.id)) % 1000 < 930
    LIMIT ${DECLARATIONS}`);
  t("policies and declarations", performance.now() - t0);

  // Incidents over the last year: every third closed (not breaches), breaches decided 0–4 days after the
  // school became aware, every tenth about a member of staff (a subject).
  t0 = performance.now();
  const cats = ["SECURITY_CONCERN", "ACCIDENTAL_ACCESS", "DATA_BREACH", "INAPPROPRIATE_MESSAGE", "FILTER_BYPASS", "ONLINE_SAFETY_PUPIL", "ACCOUNT_COMPROMISE", "CYBERBULLYING"];
  await c.query(`INSERT INTO "Incident" (id, "schoolId", number, category, status, description, "awareAt", "reporterId", "routedRoles", outcome, "outcomeSummary", "closedAt", "createdAt", "updatedAt")
    SELECT 'bi' || i, 'bs' || lpad((i % ${SCHOOLS} + 1)::text, 3, '0'), i / ${SCHOOLS} + 1, cat,
           CASE WHEN closed THEN 'CLOSED' ELSE 'INVESTIGATING' END::"IncidentStatus", 'Bench incident ' || i, at,
           'bp' || ((i % ${SCHOOLS}) * ${STAFF} + (i % 50)), ARRAY['DSL']::"SchoolRole"[],
           CASE WHEN closed THEN 'NO_FURTHER_ACTION'::"IncidentOutcome" END, CASE WHEN closed THEN 'Dealt with' END,
           CASE WHEN closed THEN at + ((i % 20) || ' days')::interval END, at, now()
    FROM (SELECT i, (ARRAY[${cats.map((x) => `'${x}'`).join(",")}]::"IncidentCategory"[])[i % ${cats.length} + 1] AS cat,
                 now() - ((i * 7 % 365) || ' days')::interval AS at,
                 i % 3 = 0 AND i % ${cats.length} <> 2 AS closed
          FROM generate_series(0, ${INCIDENTS - 1}) i) x`);
  await c.query(`INSERT INTO "BreachRecord" ("incidentId", reported, "notReportedReason", "decidedAt", "updatedAt")
    SELECT id, false, 'Unlikely to result in a risk', "awareAt" + ((substr(id, 3)::int % 5) || ' days')::interval, now() FROM "Incident" WHERE category = 'DATA_BREACH'`);
  await c.query(`INSERT INTO "IncidentSubject" ("incidentId", "personId")
    SELECT id, 'bp' || ((substr(id, 3)::int % ${SCHOOLS}) * ${STAFF} + 60) FROM "Incident" WHERE substr(id, 3)::int % 10 = 0`);
  t("incidents", performance.now() - t0);

  // Loans: one item each, on its own asset. 60% on loan (every 7th overdue back), 20% returned, 10% awaiting
  // the borrower's signature, 10% lost or stolen with the charge owed or waived.
  t0 = performance.now();
  await c.query(`INSERT INTO "Asset" (id, "schoolId", tag, kind, make, model, encrypted, "personalData", status, "updatedAt")
    SELECT 'ba' || i, 'bs' || lpad((i % ${SCHOOLS} + 1)::text, 3, '0'), 'TAG-' || i,
           (ARRAY['CAMERA','LAPTOP','MEMORY_STICK','TABLET','MOBILE_PHONE']::"AssetKind"[])[i % 5 + 1], 'Make', 'Model', true, i % 2 = 0,
           CASE WHEN i % 10 < 6 THEN 'ON_LOAN' WHEN i % 10 < 8 THEN 'AVAILABLE' WHEN i % 10 = 8 THEN 'AWAITING_SIGNATURE' ELSE 'LOST' END::"AssetStatus", now()
    FROM generate_series(0, ${LOANS - 1}) i`);
  await c.query(`INSERT INTO "Loan" (id, "schoolId", "borrowerId", "issuedById", "startDate")
    SELECT 'bl' || i, 'bs' || lpad((i % ${SCHOOLS} + 1)::text, 3, '0'), 'bp' || ((i % ${SCHOOLS}) * ${STAFF} + (i / ${SCHOOLS}) % ${STAFF}),
           'bp' || ((i % ${SCHOOLS}) * ${STAFF} + 5), $1::date - (i % 200) FROM generate_series(0, ${LOANS - 1}) i`, [today]);
  await c.query(`INSERT INTO "LoanItem" (id, "schoolId", "loanId", "assetId", status, conditions, "dueBack", "updatedAt")
    SELECT 'bli' || i, 'bs' || lpad((i % ${SCHOOLS} + 1)::text, 3, '0'), 'bl' || i, 'ba' || i,
           CASE WHEN i % 10 < 6 THEN 'ON_LOAN' WHEN i % 10 < 8 THEN 'RETURNED' WHEN i % 10 = 8 THEN 'AWAITING_SIGNATURE' ELSE 'LOST' END::"LoanItemStatus",
           'The conditions', CASE WHEN i % 7 = 0 THEN $1::date - 3 ELSE $1::date + 30 END, now()
    FROM generate_series(0, ${LOANS - 1}) i`, [today]);
  await c.query(`INSERT INTO "AssetLoss" (id, "schoolId", "assetId", "loanItemId", kind, "reportedById", "occurredAt", place, "wasEncrypted", contents, "chargePence", "chargeStatus", "chargeSettledById", "chargeSettledAt", "chargeNote", "createdAt")
    SELECT 'bal' || i, 'bs' || lpad((i % ${SCHOOLS} + 1)::text, 3, '0'), 'ba' || i, 'bli' || i, CASE WHEN i % 20 = 9 THEN 'LOST' ELSE 'STOLEN' END::"LossKind",
           'bp' || ((i % ${SCHOOLS}) * ${STAFF} + 5), now() - ((i % 300) || ' days')::interval, 'Somewhere', true, 'Photos', 2500,
           CASE WHEN i % 3 = 0 THEN 'WAIVED' ELSE 'OWED' END::"ChargeStatus", CASE WHEN i % 3 = 0 THEN 'bp' || ((i % ${SCHOOLS}) * ${STAFF} + 5) END,
           CASE WHEN i % 3 = 0 THEN now() END, CASE WHEN i % 3 = 0 THEN 'Accident' END, now() - ((i % 300) || ' days')::interval
    FROM generate_series(0, ${LOANS - 1}) i WHERE i % 10 = 9`);
  // Half the items on loan have had their checks recorded this month.
  await c.query(`INSERT INTO "EquipmentCheck" (id, "schoolId", "assetId", "check", "doneAt", "doneById")
    SELECT 'bc' || i || k, 'bs' || lpad((i % ${SCHOOLS} + 1)::text, 3, '0'), 'ba' || i, k, now() - interval '2 days', 'bp' || ((i % ${SCHOOLS}) * ${STAFF} + 5)
    FROM generate_series(0, ${LOANS - 1}) i
    CROSS JOIN LATERAL unnest(CASE i % 5 WHEN 0 THEN ARRAY['CAMERA_CLEARED','ANNUAL_CONFIRMATION'] WHEN 1 THEN ARRAY['LAPTOP_UPDATES','ANNUAL_CONFIRMATION']
                                       WHEN 4 THEN ARRAY['PHONE_TEXTS_DELETED','ANNUAL_CONFIRMATION'] ELSE ARRAY['ANNUAL_CONFIRMATION'] END) k
    WHERE i % 10 < 6 AND i % 20 < 10`);
  t("equipment", performance.now() - t0);

  // A million audit events, 20,000 on each school's chain. The summary reads each chain's checkpoint and
  // its last seq (it does not re-hash), so the rows carry placeholder hashes; the checkpoint sits 50
  // events short of the end, as it would between nightly checks.
  t0 = performance.now();
  const per = Math.floor(AUDIT / SCHOOLS);
  await c.query(`INSERT INTO "AuditEvent" (chain, seq, "schoolId", "organisationId", "actorId", action, "entityType", "entityId", data, at, "prevHash", hash)
    SELECT s.id, g, s.id, 'borg', 'bp' || (g % ${STAFF}), 'bench.event', 'Bench', 'e' || g, '{}'::jsonb,
           now() - ((${per} - g) || ' minutes')::interval, md5(s.id || (g - 1)), md5(s.id || g)
    FROM "School" s CROSS JOIN generate_series(1, ${per}) g`);
  await c.query(`INSERT INTO "AuditCheckpoint" (chain, seq, hash, "verifiedAt", "fullVerifiedAt")
    SELECT id, ${per - 50}, md5(id || ${per - 50}), now(), now() FROM "School"`);
  t("audit events", performance.now() - t0);
  await c.query("ANALYZE");
}

async function counts(c: pg.Client) {
  const r = await c.query(`SELECT (SELECT count(*) FROM "School") schools, (SELECT count(*) FROM "Membership") staff, (SELECT count(*) FROM "Declaration") declarations,
    (SELECT count(*) FROM "Incident") incidents, (SELECT count(*) FROM "Loan") loans, (SELECT count(*) FROM "AuditEvent") audit`);
  return r.rows[0] as Record<string, string>;
}

/**
 * The floor: the roll-up's figures as one hand-written statement per figure family, straight through pg
 * with no ORM and no report model; checks overdue use the same pure rule as the app (there is no SQL for
 * term dates). The same figures the roll-up shows, so the ratio is what the app's structure costs.
 */
async function floor(c: pg.Client, schoolIds: string[], viewerId: string) {
  const today = londonToday();
  const period = thisYear(today);
  const at = instantsOf(period);
  // One connection, one statement after another (as the app's transaction does).
  const [decl, pol, inc, eq, audit, items] = [
    await c.query(`WITH v AS (SELECT DISTINCT ON (p.id) v.id, v.audience, v."publishedAt", p."dueDays" FROM "Policy" p JOIN "PolicyVersion" v ON v."policyId" = p.id AND v.status = 'PUBLISHED'
                        WHERE p."organisationId" IN (SELECT "organisationId" FROM "School" WHERE id = ANY ($1::text[])) OR p."schoolId" = ANY ($1::text[]) ORDER BY p.id, v.number DESC)
      SELECT m."schoolId", count(d.id) signed, count(*) total,
             count(*) FILTER (WHERE d.id IS NULL AND $2::date > greatest((v."publishedAt" AT TIME ZONE 'Europe/London')::date, m."startDate") + v."dueDays") overdue
      FROM v JOIN "Membership" m ON m."staffGroup" = ANY (v.audience) AND m."schoolId" = ANY ($1) AND m."startDate" <= $2 AND (m."endDate" IS NULL OR m."endDate" >= $2)
      JOIN "Person" pe ON pe.id = m."personId" AND pe.status = 'ACTIVE'
      LEFT JOIN "Declaration" d ON d."schoolId" = m."schoolId" AND d."personId" = m."personId" AND d."policyVersionId" = v.id
      GROUP BY 1`, [schoolIds, today]),
    await c.query(`SELECT s.id, count(*) FILTER (WHERE x."reviewDue" < $2) FROM "School" s JOIN LATERAL (
               SELECT DISTINCT ON (p.id) v."reviewDue" FROM "Policy" p JOIN "PolicyVersion" v ON v."policyId" = p.id AND v.status = 'PUBLISHED'
               WHERE p."schoolId" = s.id OR p."organisationId" = s."organisationId" ORDER BY p.id, v.number DESC) x ON true
             WHERE s.id = ANY ($1) GROUP BY 1`, [schoolIds, today]),
    await c.query(`SELECT i."schoolId", count(*) FROM "Incident" i WHERE i."schoolId" = ANY ($1) AND i."createdAt" >= $2 AND i."createdAt" < $3
               AND NOT EXISTS (SELECT 1 FROM "IncidentSubject" s WHERE s."incidentId" = i.id AND s."personId" = $4) GROUP BY 1`, [schoolIds, at.from, at.to, viewerId]),
    await c.query(`SELECT li."schoolId", count(*) FILTER (WHERE li."dueBack" < $2) overdue,
               count(DISTINCT m.id) FILTER (WHERE m."endDate" IS NOT NULL) leavers
             FROM "LoanItem" li JOIN "Loan" l ON l.id = li."loanId"
             LEFT JOIN "Membership" m ON m."schoolId" = l."schoolId" AND m."personId" = l."borrowerId"
             WHERE li."schoolId" = ANY ($1) AND li.status IN ('ON_LOAN', 'AWAITING_SIGNATURE') GROUP BY 1`, [schoolIds, today]),
    await c.query(`SELECT c.chain, c."brokenSeq" FROM "AuditCheckpoint" c WHERE c.chain = ANY ($1)`, [schoolIds]),
    await c.query(`SELECT li."schoolId", a.kind, l."startDate", array_agg(ec."check") FILTER (WHERE ec.id IS NOT NULL) checks, array_agg(ec."doneAt") FILTER (WHERE ec.id IS NOT NULL) done
             FROM "LoanItem" li JOIN "Asset" a ON a.id = li."assetId" JOIN "Loan" l ON l.id = li."loanId" LEFT JOIN "EquipmentCheck" ec ON ec."assetId" = a.id
             WHERE li."schoolId" = ANY ($1) AND li.status = 'ON_LOAN' GROUP BY li.id, li."schoolId", a.kind, l."startDate"`, [schoolIds]),
  ];
  const terms = defaultTerms();
  let overdueChecks = 0;
  for (const r of items.rows as { kind: keyof typeof ASSET_KINDS; startDate: Date; checks: string[] | null; done: Date[] | null }[])
    for (const check of ASSET_KINDS[r.kind].checks) {
      const doneAt = (r.checks ?? []).flatMap((k, i) => (k === check ? [new Date(r.done![i])] : []));
      if (checkState({ check, terms, onLoanFrom: r.startDate, doneAt, today })?.state === "overdue") overdueChecks++;
    }
  return { decl: decl.rows.length, pol: pol.rows.length, inc: inc.rows.length, eq: eq.rows.length, audit: audit.rows.length, overdueChecks };
}

async function main() {
  const t0 = performance.now();
  const url = await database.create();
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });

  floorClient = new pg.Client({ connectionString: url });
  await floorClient.connect();
  const t1 = performance.now();
  console.log("loading");
  await load(floorClient);
  const loadMs = performance.now() - t1;
  const n = await counts(floorClient);
  console.log(`loaded ${JSON.stringify(n)} in ${fmt(loadMs / 1000)} s`);

  const chairPerson = await db.person.findUniqueOrThrow({ where: { id: `bp${114}` } });
  const trusteePerson = await db.person.findUniqueOrThrow({ where: { id: "btrustee" } });
  const who = (p: { id: string; name: string; email: string }) => ({ id: p.id, name: p.name, email: p.email, authMethod: "password" });
  const chair = (await resolveAccess(who(chairPerson), "bench-001"))!;
  const trustee = (await resolveAccess(who(trusteePerson), "bench-001"))!;
  if (!chair.permissions.has("governance:view") || !trustee.permissions.has("governance:trust")) throw new Error("bench roles lack the governance permissions");
  const period = thisYear();
  const schools = await db.school.findMany({ select: { id: true, name: true, slug: true }, orderBy: { name: "asc" } });

  // Sanity: the figures are there.
  const one = schoolReport(await schoolFigures(chair, period));
  console.log(`school 1: ${one.sections[0].facts[0][1]}; incidents ${one.sections[2].facts[0][1]}; ${one.sections.at(-1)!.facts[0][1]}`);
  const trust = await trustFigures(trustee, period);
  if (trust?.figures.schools.length !== SCHOOLS) throw new Error("the roll-up does not have every school");

  console.log("\nprofile: each section alone, all schools");
  const ids = schools.map((s) => s.id);
  const today = londonToday();
  const at = instantsOf(period);
  await measure("section: declarations", 10, () => declarationSection(db, ids, period.from, period.to, today), `${n.declarations} declarations`);
  await measure("section: policies", 10, () => policySection(db, ids, today), "");
  // Through the count functions, which count only within the scope set and leave out the reader (decision 0029).
  const incidentsInTrust = () => runInScope({ organisationId: "borg", personId: trusteePerson.id }, () =>
    db.$transaction(async (tx) => combineIncidents([...(await incidentCountsInScope(tx, ids, at.from, at.to)).values()])));
  await measure("section: incidents", 10, incidentsInTrust, `${n.incidents} incidents`);
  await measure("section: equipment", 10, () => equipmentSection(db, ids, at.from, at.to, today), `${n.loans} loans`);
  await measure("section: audit", 10, () => auditSection(db, ids, today), `${n.audit} events; with the stamps the cache keys on`);

  console.log("\nthe pages");
  const page = async (ctx: SchoolContext) => {
    // What the page does: who is this in the school, the induction gate, then the summary.
    const c = (await resolveAccess(ctx.person, ctx.school.slug))!;
    await inductionGatePolicy(c);
    return schoolReport(await schoolFigures(c, period));
  };
  // The lines as before this cache: every call counts everything afresh (fully cold).
  const cold = <T>(fn: () => Promise<T>) => async () => {
    forgetFigures();
    await floorClient!.query(`DELETE FROM "GovernanceSnapshot"; DELETE FROM "GovernanceIncidentSnapshot"`);
    return fn();
  };
  // A process that has not seen the trust, with the kept table written (by the daily job or any process).
  const newProcess = <T>(fn: () => Promise<T>) => () => {
    forgetFigures();
    return fn();
  };
  const school = await measure("school summary page (access, induction gate, figures, report)", 30, cold(() => page(chair)), "one school, this academic year; cold");
  await measure("school summary figures + report only", 30, cold(async () => schoolReport(await schoolFigures(chair, period))), "lib/governance; cold");
  await measure("school summary, hand-written SQL floor", 30, () => floor(floorClient!, [schools[0].id], chairPerson.id), "6 statements via pg");
  const rollup = await measure(`trust roll-up, ${SCHOOLS} schools (figures + report)`, 10, cold(async () => {
    const t = (await trustFigures(trustee, period))!;
    return trustReport(t.organisation, t.figures);
  }), "page: /governance/trust; cold");
  const sqlFloor = await measure(`trust roll-up, hand-written SQL floor, ${SCHOOLS} schools`, 10, () => floor(floorClient!, schools.map((s) => s.id), trusteePerson.id), "6 statements via pg");
  const rollupOf = (list: SchoolRef[]) => async () => trustReport("Bench", await gatherFigures(list, period, { organisationId: "borg", personId: trusteePerson.id }));
  const five = await measure("trust roll-up, 5 schools (figures + report)", 10, cold(rollupOf(schools.slice(0, 5))), "same data, fewer schools asked for; cold");
  const fiveFloor = await measure("trust roll-up, hand-written SQL floor, 5 schools", 10, () => floor(floorClient!, schools.slice(0, 5).map((s) => s.id), trusteePerson.id), "the floor's own 50 ÷ 5");

  // The first view in a process, the day's counts kept in the table (decision 0029).
  console.log("\nfirst view in a process, with the kept table");
  const tableFifty = await measure(`trust roll-up, ${SCHOOLS} schools, new process (kept table)`, 10, newProcess(rollupOf(schools)), "counts read from the kept tables");
  const tableFive = await measure("trust roll-up, 5 schools, new process (kept table)", 10, newProcess(rollupOf(schools.slice(0, 5))), "counts read from the kept tables");
  const tableSchool = await measure("school summary page, new process (kept table)", 30, newProcess(() => page(chair)), "shared counts read from the table");

  // With the counts kept (decision 0027): nothing changed since the last view, or one school changed.
  console.log("\nwith the counts kept");
  const schoolWarm = await measure("school summary page, warm (nothing changed)", 30, () => page(chair), "kept counts, stamps read");
  const warm = await measure(`trust roll-up, ${SCHOOLS} schools, warm (nothing changed)`, 10, rollupOf(schools), "gatherFigures + trustReport");
  const warmFive = await measure("trust roll-up, 5 schools, warm (nothing changed)", 10, rollupOf(schools.slice(0, 5)), "gatherFigures + trustReport");
  // Where the warm time goes: the figures (the stamp statement and putting kept counts together) and the report model.
  const scopeOf = { organisationId: "borg", personId: trusteePerson.id };
  await measure(`gatherFigures only, ${SCHOOLS} schools, warm`, 10, () => gatherFigures(schools, period, scopeOf), "profile");
  await measure("gatherFigures only, 5 schools, warm", 10, () => gatherFigures(schools.slice(0, 5), period, scopeOf), "profile");
  const figs50 = await gatherFigures(schools, period, scopeOf);
  const figs5 = await gatherFigures(schools.slice(0, 5), period, scopeOf);
  await measure(`trustReport only, ${SCHOOLS} schools`, 10, async () => trustReport("Bench", figs50), "profile");
  await measure("trustReport only, 5 schools", 10, async () => trustReport("Bench", figs5), "profile");
  // A change in the first school, as any service makes one: an event on its audit chain (untimed).
  const change = () => db.$transaction((tx) => record(tx, { schoolId: schools[0].id, organisationId: "borg", action: "bench.changed", entityType: "Bench", entityId: "change" }));
  const oneChanged = await measure(`trust roll-up, ${SCHOOLS} schools, one school changed`, 10, rollupOf(schools), "the changed school counted again", change);
  const oneChangedFive = await measure("trust roll-up, 5 schools, one school changed", 10, rollupOf(schools.slice(0, 5)), "the changed school counted again", change);

  // Query count against the data's size: an empty school of its own trust asks exactly as many questions.
  await floorClient.query(`INSERT INTO "Organisation" (id, name, kind) VALUES ('bempty', 'Empty Trust', 'TRUST');
    INSERT INTO "School" (id, "organisationId", name, slug) VALUES ('bsempty', 'bempty', 'Empty School', 'bench-empty');
    INSERT INTO "Membership" (id, "schoolId", "personId", "staffGroup", roles, "startDate", "updatedAt") VALUES ('bmempty', 'bsempty', 'bp114', 'GOVERNOR', ARRAY['CHAIR_OF_GOVERNORS']::"SchoolRole"[], DATE '2019-09-01', now())`);
  const emptyChair = (await resolveAccess(who(chairPerson), "bench-empty"))!;
  const empty = await measure("school summary page, an empty school", 10, cold(() => page(emptyChair)), "same queries, no data; cold");

  const ratio = (a: Stat, b: Stat) => fmt(a.median / b.median, 2);
  printTable(stats, JSON.stringify(n));
  console.log(`\nroll-up ÷ SQL floor: ${ratio(rollup, sqlFloor)} (target ≤ 2)`);
  console.log(`50 schools ÷ 5 schools: cold ${ratio(rollup, five)} (the page, with its list of schools), the SQL floor's own ${ratio(sqlFloor, fiveFloor)}; warm ${ratio(warm, warmFive)}; one school changed ${ratio(oneChanged, oneChangedFive)} (target ≤ 2)`);
  console.log(`50 schools ÷ 5 schools, first view in a process with the kept table: ${ratio(tableFifty, tableFive)} (target ≤ 2); school page so: ${fmt(tableSchool.median)} ms`);
  console.log(`school summary page warm: ${fmt(schoolWarm.median)} ms; roll-up queries warm ${fmt(warm.queries, 0)}, one changed ${fmt(oneChanged.queries, 0)}`);
  console.log(`school summary page ÷ the same page for an empty school: ${ratio(school, empty)}`);
  console.log(`school summary page: ${fmt(school.median)} ms (target < 100)`);
  console.log(`queries per school page: ${fmt(school.queries, 0)} with data, ${fmt(empty.queries, 0)} empty; roll-up ${fmt(rollup.queries, 0)} for ${SCHOOLS} schools, ${fmt(five.queries, 0)} for 5`);
  console.log(`load ${fmt(loadMs / 1000)} s; whole run ${fmt((performance.now() - t0) / 1000)} s`);
}

run(main, dropDatabase);
