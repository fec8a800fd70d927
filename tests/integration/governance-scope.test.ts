import { describe, it, expect, beforeAll, afterAll } from "vitest";
import pg from "pg";
import { db } from "../support/owner-db";
import { incidentWorld, report, type IncidentWorld } from "./incident-world";
import { makeMember, makeOrgRole } from "../support/fixtures";
import { gatherFigures } from "@/lib/governance/summary";
import { thisTerm } from "@/lib/governance/period";

// Decision 0029: the governors' counts of confidential rows come from SECURITY DEFINER functions that give
// out counts only, within the scope the transaction has set (a school, or an organisation's schools), never
// counting a report or an authorisation about the reader. Here they are called as the app's own login
// (ict_web, DATABASE_URL), with the scope set exactly as lib/db.ts sets it.

const HOUR = 3_600_000;
let w: IncidentWorld;
let trustee: { id: string };
let app: pg.Client;
const from = new Date(Date.now() - 24 * HOUR);
const to = new Date(Date.now() + 24 * HOUR);

type Scope = { schoolId?: string; organisationId?: string; personId?: string };
/** One function call in a transaction with this scope (or none), rolled back, as ict_web. */
async function call(scope: Scope | null, fn: string, schoolIds: string[]) {
  await app.query("BEGIN");
  try {
    if (scope) {
      await app.query("SELECT set_config('app.school_id', $1, true), set_config('app.person_id', $2, true), set_config('app.organisation_id', $3, true)", [
        scope.schoolId ?? "", scope.personId ?? "", scope.organisationId ?? "",
      ]);
    }
    const res = await app.query(`SELECT * FROM ${fn}($1::text[], $2, $3)`, [schoolIds, from, to]);
    return { rows: res.rows as Record<string, unknown>[], columns: res.fields.map((f) => f.name) };
  } finally {
    await app.query("ROLLBACK");
  }
}
const FUNCTIONS = ["governance_incident_months", "governance_incident_totals", "governance_monitoring_counts"] as const;
const schoolsIn = (rows: Record<string, unknown>[]) => [...new Set(rows.map((r) => r.schoolId as string))].sort();
const reports = async (scope: Scope | null, ids: string[]) =>
  Object.fromEntries((await call(scope, "governance_incident_totals", ids)).rows.map((r) => [r.schoolId as string, r.reports as number]));
const authorisations = async (scope: Scope | null, ids: string[]) =>
  Object.fromEntries((await call(scope, "governance_monitoring_counts", ids)).rows.map((r) => [r.schoolId as string, r.authorisations as number]));

beforeAll(async () => {
  w = await incidentWorld();
  trustee = await makeOrgRole(w.trust.id, "TRUSTEE");
  // A: two security concerns, and a concern about the Head. A2 (same trust): one. B (another trust): one.
  await report(w.people.teacher, w.a.slug, "SECURITY_CONCERN");
  await report(w.people.teacher, w.a.slug, "SECURITY_CONCERN");
  await report(w.people.teacher2, w.a.slug, "CONCERN_ABOUT_HEAD", { subjectIds: [w.people.head.id] });
  await report(w.headA2, w.a2.slug, "SECURITY_CONCERN");
  await report(w.dslB, w.b.slug, "SECURITY_CONCERN");
  // Monitoring: in A one about the teacher and one about the Head; one in A2, two in B.
  const authorise = (schoolId: string, requesterId: string, subjectId: string) =>
    db.monitoringAuthorisation.create({
      data: {
        schoolId, requesterId, subjectId, kinds: ["EMAIL"], grounds: ["SYSTEM_SECURITY"], necessity: "Needed", alternatives: "None",
        startsOn: new Date("2026-12-01T00:00:00Z"), endsOn: new Date("2026-12-20T00:00:00Z"),
      },
    });
  await authorise(w.a.id, w.people.dsl.id, w.people.teacher.id);
  await authorise(w.a.id, w.people.dsl.id, w.people.head.id);
  const a2Teacher = await makeMember(w.a2.id, { name: "Teacher of A2" });
  await authorise(w.a2.id, a2Teacher.person.id, w.headA2.id);
  await authorise(w.b.id, w.dslB.id, w.headB.id);
  app = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await app.connect();
});

afterAll(async () => {
  await app?.end();
});

describe("the governors' count functions, called as the app role", () => {
  it("are called as ict_web, which cannot read the rows they count", async () => {
    expect((await app.query("SELECT current_user AS u")).rows[0].u).toBe("ict_web");
    await app.query("BEGIN");
    try {
      await app.query("SELECT set_config('app.school_id', $1, true), set_config('app.person_id', $2, true)", [w.a.id, w.people.governor.id]);
      expect((await app.query(`SELECT count(*)::int AS n FROM "Incident"`)).rows[0].n).toBe(0);
      expect((await app.query(`SELECT count(*)::int AS n FROM "MonitoringAuthorisation"`)).rows[0].n).toBe(0);
    } finally {
      await app.query("ROLLBACK");
    }
  });

  it("in school A's scope count school A only, whatever schools are asked for", async () => {
    const scope = { schoolId: w.a.id, personId: w.people.chair.id };
    const all = [w.a.id, w.a2.id, w.b.id];
    expect(await reports(scope, all)).toEqual({ [w.a.id]: 3 });
    expect(await authorisations(scope, all)).toEqual({ [w.a.id]: 2 });
    expect(schoolsIn((await call(scope, "governance_incident_months", all)).rows)).toEqual([w.a.id]);
    // Asked for school B alone from A's scope: nothing, not B's counts.
    for (const fn of FUNCTIONS) expect((await call(scope, fn, [w.b.id])).rows).toEqual([]);
  });

  it("with no scope, or no reader, count nothing", async () => {
    const all = [w.a.id, w.a2.id, w.b.id];
    for (const fn of FUNCTIONS) {
      expect((await call(null, fn, all)).rows).toEqual([]);
      expect((await call({}, fn, all)).rows).toEqual([]);
      expect((await call({ schoolId: w.a.id }, fn, all)).rows).toEqual([]);
      expect((await call({ organisationId: w.trust.id }, fn, all)).rows).toEqual([]);
      expect((await call({ personId: w.people.chair.id }, fn, all)).rows).toEqual([]);
    }
  });

  it("with a trust's scope cover that trust's schools only", async () => {
    const scope = { organisationId: w.trust.id, personId: trustee.id };
    const all = [w.a.id, w.a2.id, w.b.id];
    expect(await reports(scope, all)).toEqual({ [w.a.id]: 3, [w.a2.id]: 1 });
    expect(await authorisations(scope, all)).toEqual({ [w.a.id]: 2, [w.a2.id]: 1 });
    expect(schoolsIn((await call(scope, "governance_incident_months", all)).rows)).toEqual([w.a.id, w.a2.id].sort());
    // Only the schools asked for, of those.
    expect(await reports(scope, [w.a2.id])).toEqual({ [w.a2.id]: 1 });
    // B's own trust sees B, and none of the first trust's schools.
    expect(await reports({ organisationId: w.b.organisationId, personId: w.headB.id }, all)).toEqual({ [w.b.id]: 1 });
  });

  it("never count a report or an authorisation about the reader", async () => {
    const all = [w.a.id, w.a2.id];
    expect(await reports({ schoolId: w.a.id, personId: w.people.head.id }, all)).toEqual({ [w.a.id]: 2 });
    expect(await authorisations({ schoolId: w.a.id, personId: w.people.head.id }, all)).toEqual({ [w.a.id]: 1 });
    const months = (await call({ schoolId: w.a.id, personId: w.people.head.id }, "governance_incident_months", all)).rows;
    expect(months.map((m) => m.category)).not.toContain("CONCERN_ABOUT_HEAD");
    // The same in a trust's scope: A2's Head is the subject of A2's only authorisation.
    expect(await authorisations({ organisationId: w.trust.id, personId: w.headA2.id }, all)).toEqual({ [w.a.id]: 2 });
  });

  it("return counts only: no detail column", async () => {
    const scope = { organisationId: w.trust.id, personId: trustee.id };
    const ids = [w.a.id, w.a2.id];
    expect((await call(scope, "governance_incident_months", ids)).columns).toEqual(["schoolId", "category", "month", "count"]);
    expect((await call(scope, "governance_incident_totals", ids)).columns).toEqual(["schoolId", "reports", "open", "closed", "closeDays", "breaches", "breachesDecidedWithin72h"]);
    expect((await call(scope, "governance_monitoring_counts", ids)).columns).toEqual(["schoolId", "authorisations"]);
    const months = (await call(scope, "governance_incident_months", ids)).rows;
    for (const m of months) expect(m.month).toMatch(/^\d{4}-\d{2}$/);
  });

  it("are SECURITY DEFINER with a fixed search_path, and the helper they share is not the app's to call", async () => {
    const rows = await db.$queryRaw<{ proname: string; prosecdef: boolean; proconfig: string[] }[]>`
      SELECT proname::text, prosecdef, proconfig FROM pg_proc
      WHERE proname IN ('governance_incident_months', 'governance_incident_totals', 'governance_monitoring_counts') ORDER BY proname`;
    expect(rows.map((r) => r.proname)).toEqual(["governance_incident_months", "governance_incident_totals", "governance_monitoring_counts"]);
    for (const r of rows) {
      expect(r.prosecdef).toBe(true);
      expect(r.proconfig).toEqual(["search_path=public, pg_temp"]);
    }
    await expect(app.query("SELECT governance_count_schools(ARRAY[$1])", [w.a.id])).rejects.toThrow(/permission denied/);
  });

  it("are only asked about schools inside the read's scope: gatherFigures refuses any other", async () => {
    const b = { id: w.b.id, name: "B", slug: w.b.slug };
    await expect(gatherFigures([b], thisTerm(), { schoolId: w.a.id, personId: w.people.chair.id })).rejects.toThrow(/outside the read's scope/);
    await expect(gatherFigures([b], thisTerm(), { organisationId: w.trust.id, personId: trustee.id })).rejects.toThrow(/outside the read's scope/);
    const a2 = await gatherFigures([{ id: w.a2.id, name: "A2", slug: w.a2.slug }], thisTerm(), { organisationId: w.trust.id, personId: trustee.id });
    expect(a2.incidents.totals.find((t) => t.schoolId === w.a2.id)?.reports).toBe(1);
    expect(a2.monitoring).toEqual([{ schoolId: w.a2.id, authorisations: 1 }]);
  });
});
