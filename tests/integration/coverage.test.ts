import { describe, it, expect, beforeEach } from "vitest";
import { db } from "../support/owner-db";
import * as coverage from "@/lib/declarations/coverage";
import { outstandingPeople } from "@/lib/declarations/coverage";
import { runInScope } from "@/lib/db/context";
import { inScopeOf } from "../support/school-scope";
import { signDeclaration } from "@/lib/declarations/service";
import { GET as coverageCsv } from "@/app/s/[school]/policies/[policyId]/coverage.csv/route";
import { makeMember, londonDay } from "../support/fixtures";
import { signInAs } from "../support/session";
import { policyWorld, publishedPolicy, ctxOf, actAs, type PolicyWorld, type Actor } from "./policies-world";

let w: PolicyWorld;
beforeEach(async () => {
  w = await policyWorld();
});

const DAY = 86_400_000;

// The coverage pages' queries, in the scope requireMember gives them (a school's pages read in that school).
type School = { id: string; organisationId: string };
const policyCoverage = (school: School, policyId: string) => runInScope({ schoolId: school.id }, () => coverage.policyCoverage(school, policyId));
const schoolCoverage = (school: School) => runInScope({ schoolId: school.id }, () => coverage.schoolCoverage(school));
const trustPolicyCoverage = inScopeOf(coverage.trustPolicyCoverage);
const trustCoverageSummary = inScopeOf(coverage.trustCoverageSummary);

async function sign(person: { id: string; name: string; email: string }, slug: string, versionId: string) {
  const ctx = await ctxOf(person, slug);
  // As the signing action runs it, in the factory's scope.
  return inScopeOf(signDeclaration)(ctx, { policyVersionId: versionId, typedName: person.name, confirmed: true, signaturePng: null }, { ip: null, userAgent: null });
}

/**
 * School A's audience (TEACHER, TEACHING_ASSISTANT) after a policy published 20 days ago, due in 14:
 * teachers: head, DSL, ICT lead, teacherA, plus two more; TAs: taA plus one more; a new starter (2 days
 * in: outstanding, not overdue); a leaver and a future starter (not counted); office and governor (not
 * in the audience).
 */
async function coverageWorld() {
  const head = await ctxOf(w.headA.person, w.a.slug);
  const { policyId, versionId } = await publishedPolicy(head, { audience: ["TEACHER", "TEACHING_ASSISTANT"], publishedAt: new Date(Date.now() - 20 * DAY) });
  const [t1, t2, ta2, starter] = await Promise.all([
    makeMember(w.a.id, { name: "Tess One" }),
    makeMember(w.a.id, { name: "=HYPERLINK(\"http://evil.example\",\"Click\")" }),
    makeMember(w.a.id, { name: "Tara Two", staffGroup: "TEACHING_ASSISTANT" }),
    makeMember(w.a.id, { name: "Nia Newstart", startDate: await londonDay(-2) }),
    makeMember(w.a.id, { name: "Lee Leaver", endDate: await londonDay(-1), startDate: new Date("2019-09-01T00:00:00Z") }),
    makeMember(w.a.id, { name: "Fay Future", startDate: await londonDay(5) }),
  ]);
  // Signed: the head and t1 (teachers), ta2 (TA).
  await sign(w.headA.person, w.a.slug, versionId);
  await sign(t1.person, w.a.slug, versionId);
  await sign(ta2.person, w.a.slug, versionId);
  return { policyId, versionId, t1, t2, ta2, starter };
}

describe("coverage", () => {
  it("counts signed, outstanding and overdue exactly, by staff group", async () => {
    const { policyId, starter, t2 } = await coverageWorld();
    const c = await policyCoverage(w.a, policyId);
    expect(c).not.toBeNull();
    expect(c!.totals).toEqual({ signed: 3, outstanding: 1, overdue: 5, total: 9 });
    expect(c!.byStaffGroup).toEqual([
      { staffGroup: "TEACHER", signed: 2, outstanding: 1, overdue: 4, total: 7 },
      { staffGroup: "TEACHING_ASSISTANT", signed: 1, outstanding: 0, overdue: 1, total: 2 },
    ]);
    const out = outstandingPeople(c!);
    expect(out.map((p) => p.name).sort()).toEqual(
      ["Dina Safeguard", "Ian Tech", "Laura Pemberton-Smith", "Nia Newstart", "Tom Assistant", t2.person.name].sort(),
    );
    expect(out.find((p) => p.personId === starter.person.id)).toMatchObject({ state: "outstanding", reminderCount: 0, lastRemindedAt: null });
    // The most overdue come first; the new starter (due later) last.
    expect(out[out.length - 1].personId).toBe(starter.person.id);
  });

  it("shows when each outstanding person was last reminded", async () => {
    const { policyId, versionId } = await coverageWorld();
    const at1 = new Date(Date.now() - 3 * DAY);
    const at2 = new Date(Date.now() - 1 * DAY);
    await db.policyReminder.createMany({
      data: [
        { schoolId: w.a.id, personId: w.teacherA.person.id, policyVersionId: versionId, sentAt: at1 },
        { schoolId: w.a.id, personId: w.teacherA.person.id, policyVersionId: versionId, sentAt: at2 },
        { schoolId: w.a.id, personId: w.teacherA.person.id, policyVersionId: versionId, sentAt: at2, escalation: true },
      ],
    });
    const c = await policyCoverage(w.a, policyId);
    expect(c!.people.find((p) => p.personId === w.teacherA.person.id)).toMatchObject({ reminderCount: 2, lastRemindedAt: at2, escalatedAt: at2 });
  });

  it("is per school: another school's policy has no coverage here; a trust policy is counted per school", async () => {
    const headB = await ctxOf(w.headB.person, w.b.slug);
    const { policyId: bPolicy } = await publishedPolicy(headB);
    expect(await policyCoverage(w.a, bPolicy)).toBeNull();

    const admin = await ctxOf(w.trustAdmin, w.a.slug);
    const { policyId, versionId } = await publishedPolicy(admin, { scope: "organisation", audience: ["TEACHER"] });
    await sign(w.headA2.person, w.a2.slug, versionId);
    expect((await policyCoverage(w.a, policyId))!.totals).toEqual({ signed: 0, outstanding: 4, overdue: 0, total: 4 });
    expect((await policyCoverage(w.a2, policyId))!.totals).toEqual({ signed: 1, outstanding: 0, overdue: 0, total: 1 });
    expect((await schoolCoverage(w.a)).map((c) => c.policy.id)).toEqual([policyId]);

    // Across the trust, for trust roles with policy:coverage only.
    const ceo = await ctxOf(w.ceo, w.a.slug);
    const perSchool = await trustPolicyCoverage(ceo, policyId);
    expect(perSchool?.map((r) => [r.school.id, r.coverage!.totals.signed, r.coverage!.totals.total]).sort()).toEqual(
      [
        [w.a.id, 0, 4],
        [w.a2.id, 1, 1],
      ].sort(),
    );
    expect(await trustPolicyCoverage(await ctxOf(w.headA.person, w.a.slug), policyId)).toBeNull();
    const summary = await trustCoverageSummary(ceo);
    expect(summary?.map((s) => s.school.id).sort()).toEqual([w.a.id, w.a2.id].sort());
    expect(JSON.stringify(summary)).not.toContain(w.teacherA.person.name);
  });
});

const csvRequest = (slug: string, policyId: string, query = "") =>
  coverageCsv(new Request(`http://localhost/s/${slug}/policies/${policyId}/coverage.csv${query}`), {
    params: Promise.resolve({ school: slug, policyId }),
  });

describe("coverage.csv route", () => {
  it("exports one row per person, with formula cells defused", async () => {
    const { policyId } = await coverageWorld();
    signInAs(w.bmA.person);
    const res = await csvRequest(w.a.slug, policyId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const cd = res.headers.get("content-disposition")!;
    expect(cd).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.csv"; filename\*=UTF-8''/);
    const text = await res.text();
    const lines = text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe(
      "School,Name,Staff group,Status,Due on,Signed at (London),Policy,Version,Reminders sent,Last reminded (London),Escalated (London)",
    );
    expect(lines).toHaveLength(1 + 9);
    expect(lines.filter((l) => l.includes(",Signed,"))).toHaveLength(3);
    expect(lines.filter((l) => l.includes(",Overdue,"))).toHaveLength(5);
    expect(lines.filter((l) => l.includes(",Outstanding,"))).toHaveLength(1);
    // The name that is a formula starts with a quote, so a spreadsheet shows it as text.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(text).not.toContain("Bea Manager"); // not in the audience
    expect(text).not.toContain("Lee Leaver");
  });

  it("across the trust for the CEO; refused to a school role", async () => {
    const admin = await ctxOf(w.trustAdmin, w.a.slug);
    const { policyId } = await publishedPolicy(admin, { scope: "organisation", audience: ["TEACHER"] });
    signInAs(w.ceo);
    const res = await csvRequest(w.a.slug, policyId, "?scope=trust");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(w.a.name);
    expect(text).toContain(w.a2.name);
    expect(text).toContain("Head of A2");

    signInAs(w.headA.person);
    expect((await csvRequest(w.a.slug, policyId, "?scope=trust")).status).toBe(403);
    expect((await csvRequest(w.a.slug, policyId, "?scope=everything")).status).toBe(400);
  });

  const REFUSED: [string, (w: PolicyWorld) => Actor, number][] = [
    ["a teacher", (w) => w.teacherA.person, 403],
    ["a governor", (w) => w.governorA.person, 403],
    ["the head of another school", (w) => w.headB.person, 404],
    ["nobody signed in", () => null, 401],
  ];
  it.each(REFUSED)("is refused to %s, with nothing in the body", async (_who, pick, status) => {
    const { policyId } = await coverageWorld();
    actAs(pick(w));
    const res = await csvRequest(w.a.slug, policyId);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const body = await res.text();
    expect(body).not.toContain("Laura");
  });

  it("another school's policy through one's own school is not found", async () => {
    const { policyId } = await coverageWorld();
    signInAs(w.headB.person);
    expect((await csvRequest(w.b.slug, policyId)).status).toBe(404);
  });
});
