import { describe, it, expect, beforeAll, afterAll } from "vitest";
import pg from "pg";
import { db } from "../support/owner-db";
import { db as appDb } from "@/lib/db";
import { runInScope } from "@/lib/db/context";
import { incidentCountsInScope } from "@/lib/governance/sections/incidents";
import { inScopeOf } from "../support/school-scope";
import { signDeclaration } from "@/lib/declarations/service";
import { thisTerm, thisYear, instantsOf } from "@/lib/governance/period";
import { schoolFigures, trustFigures, precountSchool } from "@/lib/governance/summary";
import { runGovernanceSnapshots } from "@/lib/governance/snapshot-job";
import { forgetFigures } from "@/lib/governance/cache";
import { londonToday } from "@/lib/dates";
import { makeOrgRole } from "../support/fixtures";
import { incidentWorld, report, ctxOf, type IncidentWorld } from "./incident-world";
import { publishedPolicy } from "./policies-world";

// Decision 0029: each school's shared counts kept in a table for every process, under the same key as the
// in-process cache (school, period, London date, stamp), and written early each morning by a daily job.

const DAY = 86_400_000;
let w: IncidentWorld;
let trustee: { id: string; name: string; email: string };
let versionId: string;
let app: pg.Client;
const period = () => thisTerm();
const trust = async () => (await trustFigures(await ctxOf(trustee, w.a.slug), period()))!.figures;
const forgetAll = async () => {
  forgetFigures();
  await db.governanceSnapshot.deleteMany({ where: { schoolId: { in: [w.a.id, w.a2.id, w.b.id] } } });
  await db.governanceIncidentSnapshot.deleteMany({ where: { schoolId: { in: [w.a.id, w.a2.id, w.b.id] } } });
};
const reports = (f: Awaited<ReturnType<typeof trust>>, schoolId: string | null) => f.incidents.totals.find((t) => t.schoolId === schoolId)?.reports ?? 0;
// The incident counts as the count functions make them for this reader, nothing kept.
const countedFor = (personId: string, scope: { schoolId: string } | { organisationId: string }, ids: string[]) =>
  runInScope({ ...scope, personId }, () => appDb.$transaction((tx) => incidentCountsInScope(tx, ids, instantsOf(period()).from, instantsOf(period()).to)));

beforeAll(async () => {
  w = await incidentWorld();
  trustee = await makeOrgRole(w.trust.id, "TRUSTEE");
  ({ versionId } = await inScopeOf(publishedPolicy)(await ctxOf(w.people.head, w.a.slug), { audience: ["TEACHER"], publishedAt: new Date(Date.now() - 20 * DAY) }));
  await inScopeOf(signDeclaration)(await ctxOf(w.people.teacher, w.a.slug), { policyVersionId: versionId, typedName: w.people.teacher.name, confirmed: true, signaturePng: null }, { ip: null, userAgent: null });
  await report(w.people.teacher, w.a.slug, "SECURITY_CONCERN");
  app = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await app.connect();
});

afterAll(async () => {
  await app?.end();
});

describe("the kept table of shared counts", () => {
  it("gives a process that has not seen the trust the same figures as counting them, without counting", async () => {
    await forgetAll();
    const counted = await trust();
    expect(await db.governanceSnapshot.count({ where: { schoolId: { in: [w.a.id, w.a2.id] } } })).toBe(2);
    // A row written without its audit event is invisible to kept counts: so these come from the table.
    await db.permissionRequest.create({ data: { schoolId: w.a.id, kind: "PERSONAL_USE", requesterId: w.people.teacher.id, approverRoles: ["HEADTEACHER"], details: { what: "x" } } });
    forgetFigures();
    const kept = await trust();
    expect({ ...kept, generatedAt: null }).toEqual({ ...counted, generatedAt: null });
    expect(kept.policies.every((p) => p.publishedAt instanceof Date)).toBe(true);
    // The school's own page reads the same row.
    forgetFigures();
    const school = await schoolFigures(await ctxOf(w.people.chair, w.a.slug), period());
    expect(school.requests).toEqual(counted.requests.filter((r) => r.schoolId === w.a.id));
    await forgetAll();
    expect((await trust()).requests.filter((r) => r.schoolId === w.a.id).reduce((n, r) => n + r.count, 0)).toBe(
      counted.requests.filter((r) => r.schoolId === w.a.id).reduce((n, r) => n + r.count, 0) + 1,
    );
  });

  it("is not used once the school's stamp has moved", async () => {
    const signed = (f: Awaited<ReturnType<typeof trust>>) => f.declarations.filter((r) => r.schoolId === w.a.id).reduce((n, r) => n + r.signed, 0);
    const before = signed(await trust());
    await inScopeOf(signDeclaration)(await ctxOf(w.people.teacher2, w.a.slug), { policyVersionId: versionId, typedName: w.people.teacher2.name, confirmed: true, signaturePng: null }, { ip: null, userAgent: null });
    forgetFigures();
    expect(signed(await trust())).toBe(before + 1);
  });

  it("holds the counts every reader sees alike, and no incident or monitoring count", async () => {
    await trust();
    const rows = await db.governanceSnapshot.findMany({ where: { schoolId: w.a.id } });
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(Object.keys(JSON.parse(r.counts)).sort()).toEqual(["declarations", "equipment", "filtering", "policies", "requests"]);
  });

  it("is a tenant table: its school's rows in its scope, its organisation's read and written in that scope (the roll-up's one statement), no other organisation's, nothing with no scope", async () => {
    await trust();
    const q = async (scope: { schoolId?: string; organisationId?: string }, sql: string) => {
      await app.query("BEGIN");
      try {
        await app.query("SELECT set_config('app.school_id', $1, true), set_config('app.organisation_id', $2, true)", [scope.schoolId ?? "", scope.organisationId ?? ""]);
        return (await app.query(sql)).rows;
      } finally {
        await app.query("ROLLBACK");
      }
    };
    const schools = `SELECT DISTINCT "schoolId" FROM "GovernanceSnapshot" WHERE "schoolId" IN ('${w.a.id}', '${w.a2.id}') ORDER BY 1`;
    expect(await q({ schoolId: w.a.id }, schools)).toEqual([{ schoolId: w.a.id }]);
    expect(await q({ organisationId: w.trust.id }, schools)).toEqual([w.a.id, w.a2.id].sort().map((schoolId) => ({ schoolId })));
    expect(await q({ organisationId: w.b.organisationId }, schools)).toEqual([]);
    expect(await q({}, schools)).toEqual([]);
    const update = `UPDATE "GovernanceSnapshot" SET stamp = 'x' WHERE "schoolId" = '${w.a.id}' RETURNING 1`;
    expect((await q({ organisationId: w.trust.id }, update)).length).toBeGreaterThan(0);
    expect(await q({ organisationId: w.b.organisationId }, update)).toEqual([]);
    expect(await q({}, update)).toEqual([]);
    const insertA = `INSERT INTO "GovernanceSnapshot" ("schoolId", "periodFrom", "periodTo", day, stamp, counts) VALUES ('${w.a.id}', '2020-01-01', '2020-02-01', '2020-01-01', 'x', '{}')`;
    await expect(q({ organisationId: w.b.organisationId }, insertA)).rejects.toThrow(/row-level security/);
    await expect(q({ organisationId: w.trust.id, schoolId: w.a2.id }, insertA)).rejects.toThrow(/row-level security/);
    await expect(q({ schoolId: w.b.id }, `INSERT INTO "GovernanceSnapshot" ("schoolId", "periodFrom", "periodTo", day, stamp, counts) VALUES ('${w.a.id}', '2020-01-01', '2020-02-01', '2020-01-01', 'x', '{}')`)).rejects.toThrow(/row-level security/);
  });
});

describe("the kept incident counts (decision 0037)", () => {
  it("give a reader the same incident figures as counting them, read from the database's kept row", async () => {
    await forgetAll();
    const counted = await countedFor(trustee.id, { organisationId: w.trust.id }, [w.a.id, w.a2.id]);
    const first = await trust();
    expect(first.incidents.totals.filter((t) => t.schoolId !== null)).toEqual([counted.get(w.a.id)!.totals]);
    expect(first.incidents.months.filter((m) => m.schoolId !== null)).toEqual([...counted.get(w.a.id)!.months, ...counted.get(w.a2.id)!.months]);
    const kept = await db.governanceIncidentSnapshot.findMany({ where: { schoolId: { in: [w.a.id, w.a2.id] } } });
    expect(kept.map((k) => k.schoolId).sort()).toEqual([w.a.id, w.a2.id].sort());
    // Changed behind the app's back (no audit event, so the chain head has not moved): a new process reads it.
    await db.governanceIncidentSnapshot.update({
      where: { schoolId_windowFrom_windowTo: { schoolId: w.a.id, windowFrom: kept[0].windowFrom, windowTo: kept[0].windowTo } },
      data: { counts: JSON.stringify({ months: [["DATA_BREACH", "2020-01", 2]], totals: { reports: 41, open: 41, closed: 0, closeDays: [], breaches: 0, breachesDecidedWithin72h: 0 } }) },
    });
    forgetFigures();
    const tampered = await trust();
    expect(reports(tampered, w.a.id)).toBe(41);
    expect(tampered.incidents.months).toContainEqual({ schoolId: w.a.id, category: "DATA_BREACH", month: "2020-01", count: 2 });
    await forgetAll();
    expect(reports(await trust(), w.a.id)).toBe(reports(first, w.a.id));
  });

  it("are counted again once the school's audit chain has moved (every change to a report writes to it)", async () => {
    const before = reports(await trust(), w.a.id);
    await report(w.people.teacher2, w.a.slug, "FILTER_BYPASS");
    forgetFigures();
    expect(reports(await trust(), w.a.id)).toBe(before + 1);
  });

  it("never give a reader counts that include a report about them: that school is counted for them without it", async () => {
    await report(w.people.teacher, w.a.slug, "COLLEAGUE_MISUSE", { subjectIds: [w.people.chair.id] });
    await forgetAll();
    const everyone = reports(await trust(), w.a.id);
    // The kept row holds every report, the one about the Chair included.
    const kept = await db.governanceIncidentSnapshot.findFirstOrThrow({ where: { schoolId: w.a.id } });
    expect(JSON.parse(kept.counts).totals.reports).toBe(everyone);
    forgetFigures();
    const chair = await ctxOf(w.people.chair, w.a.slug);
    const theirs = await schoolFigures(chair, period());
    expect(reports(theirs, w.a.id)).toBe(everyone - 1);
    const counted = await countedFor(w.people.chair.id, { schoolId: w.a.id }, [w.a.id]);
    expect(theirs.incidents.totals.filter((t) => t.schoolId !== null)).toEqual([counted.get(w.a.id)!.totals]);
    expect(theirs.incidents.months.filter((m) => m.schoolId !== null)).toEqual(counted.get(w.a.id)!.months);
  });

  it("cannot be read or written by the app's role, and the functions give out only the scope's schools, only to a reader", async () => {
    await trust();
    const { from, to } = instantsOf(period());
    const q = async (scope: { schoolId?: string; organisationId?: string; personId?: string }, sql: string, params: unknown[] = []) => {
      await app.query("BEGIN");
      try {
        await app.query("SELECT set_config('app.school_id', $1, true), set_config('app.organisation_id', $2, true), set_config('app.person_id', $3, true)", [scope.schoolId ?? "", scope.organisationId ?? "", scope.personId ?? ""]);
        return (await app.query(sql, params)).rows;
      } finally {
        await app.query("ROLLBACK");
      }
    };
    await expect(q({ schoolId: w.a.id, personId: trustee.id }, `SELECT * FROM "GovernanceIncidentSnapshot"`)).rejects.toThrow(/permission denied/);
    await expect(q({ schoolId: w.a.id }, `UPDATE "GovernanceIncidentSnapshot" SET seq = 0`)).rejects.toThrow(/permission denied/);
    await expect(q({ schoolId: w.a.id }, `SELECT governance_chain_head($1)`, [w.a.id])).rejects.toThrow(/permission denied/);
    await expect(q({ schoolId: w.a.id, personId: trustee.id }, `SELECT governance_reader_is_subject($1, $2, $3)`, [w.a.id, from, to])).rejects.toThrow(/permission denied/);
    const kept = (scope: Parameters<typeof q>[0]) => q(scope, `SELECT "schoolId" FROM governance_kept_incident_counts($1::text[], $2, $3) ORDER BY 1`, [[w.a.id, w.a2.id, w.b.id], from, to]);
    expect(await kept({ organisationId: w.trust.id, personId: trustee.id })).toEqual([w.a.id, w.a2.id].sort().map((schoolId) => ({ schoolId })));
    expect(await kept({ schoolId: w.a2.id, personId: w.headA2.id })).toEqual([{ schoolId: w.a2.id }]);
    expect(await kept({ organisationId: w.trust.id })).toEqual([]);
    expect(await kept({ schoolId: w.b.id, personId: w.headB.id })).toEqual([]);
    // Keeping in school B's scope touches nothing of A's, and gives back nothing with no reader set.
    const stampA = async () => (await db.governanceIncidentSnapshot.findMany({ where: { schoolId: w.a.id }, select: { updatedAt: true, counts: true } }));
    const beforeA = await stampA();
    expect(await q({ schoolId: w.b.id }, `SELECT * FROM governance_keep_incident_counts($1::text[], $2, $3)`, [[w.a.id, w.b.id], from, to])).toEqual([]);
    expect(await stampA()).toEqual(beforeA);
  });
});

describe("the daily job", () => {
  it("keeps this term's and this year's counts for every school, and counts nothing again the same day", async () => {
    await forgetAll();
    // Only this file's schools: other files' schools share the database.
    const mine = [w.a.id, w.a2.id, w.b.id];
    expect(await runGovernanceSnapshots(new Date(), { schoolIds: mine })).toEqual({ schools: 3, counted: 6 });
    const today = londonToday();
    const rows = await db.governanceSnapshot.findMany({ where: { schoolId: { in: [w.a.id, w.a2.id, w.b.id] } } });
    const key = (d: Date) => d.toISOString().slice(0, 10);
    const want = [thisTerm(today), thisYear(today)].map((p) => `${key(p.from)}|${key(p.to)}`).sort();
    for (const id of [w.a.id, w.a2.id, w.b.id]) {
      const mine = rows.filter((r) => r.schoolId === id);
      expect(mine.map((r) => `${key(r.periodFrom)}|${key(r.periodTo)}`).sort()).toEqual(want);
      expect(mine.every((r) => key(r.day) === key(today))).toBe(true);
    }
    // The incident counts too, for both periods' windows, with no reader needed.
    const windows = [thisTerm(today), thisYear(today)].map((p) => instantsOf(p)).map((i) => `${i.from.toISOString()}|${i.to.toISOString()}`).sort();
    const incidentRows = await db.governanceIncidentSnapshot.findMany({ where: { schoolId: { in: mine } } });
    for (const id of mine) expect(incidentRows.filter((r) => r.schoolId === id).map((r) => `${r.windowFrom.toISOString()}|${r.windowTo.toISOString()}`).sort()).toEqual(windows);
    forgetFigures();
    expect(await runGovernanceSnapshots(new Date(), { schoolIds: mine })).toEqual({ schools: 3, counted: 0 });
    expect(await precountSchool(w.a.id, [thisTerm(today)])).toBe(0);
  });
});
