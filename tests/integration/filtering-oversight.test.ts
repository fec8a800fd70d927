import { describe, it, expect, beforeAll } from "vitest";
import { db } from "../support/owner-db";
import { runInScope } from "@/lib/db/context";
import { db as appDb, type Tx } from "@/lib/db";
import { recordCheckAction, setResponsiblePeopleAction, recordAnnualReviewAction, authoriseChangeAction, recordMadeAction, confirmChangeAction } from "@/lib/filtering/actions";
import { filteringSummary } from "@/lib/filtering/summary";
import { runFilteringReviewReminders } from "@/lib/filtering/reminders";
import { listChecks, logFigures } from "@/lib/filtering/queries";
import { resolveAccess } from "@/lib/authz/access";
import { GET as logCsvRoute } from "@/app/s/[school]/filtering/log.csv/route";
import { signInAs, signOut } from "../support/session";
import { londonDay, makeSchool, makeMember } from "../support/fixtures";
import { filteringWorld, requestAs, filteringState, type FilteringWorld } from "./filtering-world";

// The governors' figures as the governance summary reads them: as ict_web, in one transaction in a school's
// scope (decision 0029).
const asGovernance = <T>(schoolId: string, fn: (tx: Tx) => Promise<T>) => runInScope({ schoolId }, () => appDb.$transaction(fn));

let w: FilteringWorld;
beforeAll(async () => {
  w = await filteringWorld();
});
const iso = (d: Date) => d.toISOString().slice(0, 10);

const checkInput = async (over: Record<string, unknown> = {}) => ({
  checkedOn: iso(await londonDay(0)), tested: "testfiltering.com: adult content, gambling and self-harm categories", device: "Class laptop (Year 6)",
  userGroup: "Pupils, Key Stage 2", result: "PASS", notes: "", nextCheckDue: iso(await londonDay(30)), ...over,
});
const reviewInput = async (over: Record<string, unknown> = {}) => ({
  reviewedOn: iso(await londonDay(-1)), seniorLeaderId: w.people.deputy.id, dslId: w.people.dsl.id, governorId: w.people.governor.id,
  itProvider: "Tom Price, Focus Networks", others: "", findings: "Filtering meets the standards; monitoring alerts reach the DSL within the hour.",
  actions: [{ action: "Add the new tablets to the filtered group", owner: "ICT lead", dueOn: iso(await londonDay(30)) }],
  nextReviewOn: iso(await londonDay(364)), ...over,
});

/** A change taken to "made", ready for the DSL; with confirm, confirmed by the DSL. */
async function changeTo(stage: "requested" | "made" | "confirmed", schoolSlug = w.a.slug, reviewIn = 30) {
  const id = await requestAs(w.people.teacher, schoolSlug, { reviewOn: iso(await londonDay(reviewIn)) });
  if (stage === "requested") return id;
  signInAs(w.people.ict);
  await authoriseChangeAction(schoolSlug, { changeId: id });
  await recordMadeAction(schoolSlug, { changeId: id, madeBy: "PROVIDER", madeByName: "Tom Price", madeByCompany: "Focus Networks", madeOn: iso(await londonDay(0)) });
  if (stage === "made") return id;
  signInAs(w.people.dsl);
  expect(await confirmChangeAction(schoolSlug, { changeId: id })).toMatchObject({ ok: true });
  return id;
}

describe("the DSL's filtering checks", () => {
  it("are recorded by the DSL (what was tested, device, user group, result), listed with the next check due, and cannot be changed", async () => {
    signInAs(w.people.dsl);
    expect(await recordCheckAction(w.a.slug, await checkInput({ result: "FAIL", notes: "A proxy site loaded", nextCheckDue: iso(await londonDay(7)) }))).toMatchObject({ ok: true });
    const out = await recordCheckAction(w.a.slug, await checkInput());
    expect(out).toMatchObject({ ok: true });
    const ctx = (await resolveAccess({ ...w.people.dsl, authMethod: "password" }, w.a.slug))!;
    const { checks, nextCheckDue } = await listChecks(ctx);
    expect(checks).toHaveLength(2);
    expect(nextCheckDue).toEqual(await londonDay(30));
    expect(checks.map((c) => c.checkedBy)).toEqual([w.people.dsl.name, w.people.dsl.name]);
    const id = out.ok ? out.data.id : "";
    await expect(db.$executeRawUnsafe(`UPDATE "FilteringCheck" SET result = 'FAIL' WHERE id = $1`, id)).rejects.toThrow();
    await expect(db.$executeRawUnsafe(`DELETE FROM "FilteringCheck" WHERE id = $1`, id)).rejects.toThrow();
    expect(await db.auditEvent.count({ where: { schoolId: w.a.id, action: "filtering.check_recorded" } })).toBe(2);
  });

  it("refuses a check in the future, and anyone but the DSL or a deputy", async () => {
    const before = await filteringState(w.a.id);
    signInAs(w.people.dsl);
    expect(await recordCheckAction(w.a.slug, await checkInput({ checkedOn: iso(await londonDay(2)) }))).toMatchObject({ ok: false, fieldErrors: { checkedOn: "The date of the check cannot be in the future." } });
    expect(await recordCheckAction(w.a.slug, await checkInput({ tested: "" }))).toMatchObject({ ok: false, fieldErrors: { tested: "Enter the what was tested" } });
    for (const p of [w.people.ict, w.people.teacher, w.people.head]) {
      signInAs(p);
      expect(await recordCheckAction(w.a.slug, await checkInput())).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    signInAs(w.dslB);
    expect(await recordCheckAction(w.a.slug, await checkInput())).toMatchObject({ ok: false, code: "NOT_FOUND" });
    signOut();
    expect(await recordCheckAction(w.a.slug, await checkInput())).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await filteringState(w.a.id)).toEqual(before);
  });
});

describe("the senior leader and governor responsible", () => {
  it("are named by the Head or the trust administrator, from the leadership and the governors, audited", async () => {
    signInAs(w.people.head);
    expect(await setResponsiblePeopleAction(w.a.slug, { seniorLeaderId: w.people.teacher.id, governorId: w.people.governor.id })).toMatchObject({ ok: false, fieldErrors: { seniorLeaderId: "Choose a member of the school's senior leadership." } });
    expect(await setResponsiblePeopleAction(w.a.slug, { seniorLeaderId: w.people.deputy.id, governorId: w.people.teacher.id })).toMatchObject({ ok: false, fieldErrors: { governorId: "Choose one of the school's governors." } });
    expect(await setResponsiblePeopleAction(w.a.slug, { seniorLeaderId: w.people.deputy.id, governorId: w.people.governor.id })).toMatchObject({ ok: true });
    signInAs(w.people.trustAdmin);
    expect(await setResponsiblePeopleAction(w.a.slug, { seniorLeaderId: w.people.head.id, governorId: w.people.governor.id })).toMatchObject({ ok: true });
    expect(await db.filteringResponsibility.findUniqueOrThrow({ where: { schoolId: w.a.id } })).toMatchObject({ seniorLeaderId: w.people.head.id, governorId: w.people.governor.id, updatedById: w.people.trustAdmin.id });
    const events = await db.auditEvent.findMany({ where: { schoolId: w.a.id, action: "filtering.responsible_people_set" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.actorId)).toEqual([w.people.head.id, w.people.trustAdmin.id]);
  });

  it("nobody else may name them, and nothing changes when they try", async () => {
    const before = await filteringState(w.a.id, w.b.id);
    for (const p of [w.people.ict, w.people.dsl, w.people.governor, w.people.trustIct]) {
      signInAs(p);
      expect(await setResponsiblePeopleAction(w.a.slug, { seniorLeaderId: w.people.deputy.id, governorId: w.people.governor.id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    signInAs(w.ictB);
    expect(await setResponsiblePeopleAction(w.a.slug, { seniorLeaderId: w.people.deputy.id, governorId: w.people.governor.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    signOut();
    expect(await setResponsiblePeopleAction(w.a.slug, { seniorLeaderId: w.people.deputy.id, governorId: w.people.governor.id })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await filteringState(w.a.id, w.b.id)).toEqual(before);
  });
});

describe("the annual review", () => {
  it("is recorded by the Head with its participants, findings, actions and next review date, hashed, and is append-only", async () => {
    signInAs(w.people.head);
    const out = await recordAnnualReviewAction(w.a.slug, await reviewInput());
    expect(out).toMatchObject({ ok: true });
    const review = await db.filteringAnnualReview.findUniqueOrThrow({ where: { id: out.ok ? out.data.id : "" } });
    expect(review.participants).toEqual([
      { role: "Senior leader", name: w.people.deputy.name, personId: w.people.deputy.id },
      { role: "Designated Safeguarding Lead", name: w.people.dsl.name, personId: w.people.dsl.id },
      { role: "IT provider", name: "Tom Price, Focus Networks", personId: null },
      { role: "Governor", name: w.people.governor.name, personId: w.people.governor.id },
    ]);
    expect(review.actions).toEqual([{ action: "Add the new tablets to the filtered group", owner: "ICT lead", dueOn: iso(await londonDay(30)) }]);
    expect(review.contentHash).toMatch(/^[0-9a-f]{64}$/);
    await expect(db.$executeRawUnsafe(`UPDATE "FilteringAnnualReview" SET findings = 'rewritten' WHERE id = $1`, review.id)).rejects.toThrow();
    await expect(db.$executeRawUnsafe(`DELETE FROM "FilteringAnnualReview" WHERE id = $1`, review.id)).rejects.toThrow();
    expect((await db.filteringAnnualReview.findUniqueOrThrow({ where: { id: review.id } })).findings).toBe(review.findings);
  });

  it("refuses a governor who is not one, a next date before the review, and anyone but the Head or trust administrator", async () => {
    const before = await filteringState(w.a.id, w.b.id);
    signInAs(w.people.head);
    expect(await recordAnnualReviewAction(w.a.slug, await reviewInput({ governorId: w.people.teacher.id }))).toMatchObject({ ok: false, fieldErrors: { governorId: "Choose one of the school's governors." } });
    expect(await recordAnnualReviewAction(w.a.slug, await reviewInput({ dslId: w.people.ict.id }))).toMatchObject({ ok: false, fieldErrors: { dslId: "Choose the school's DSL or a deputy DSL." } });
    expect(await recordAnnualReviewAction(w.a.slug, await reviewInput({ nextReviewOn: iso(await londonDay(-2)) }))).toMatchObject({ ok: false, fieldErrors: { nextReviewOn: "The next review is after this one." } });
    expect(await recordAnnualReviewAction(w.a.slug, await reviewInput({ actions: [{ action: "", owner: "", dueOn: "" }] }))).toMatchObject({ ok: false, fieldErrors: { "actions.0.action": "Enter the action" } });
    for (const p of [w.people.ict, w.people.dsl, w.people.governor, w.people.deputy]) {
      signInAs(p);
      expect(await recordAnnualReviewAction(w.a.slug, await reviewInput())).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    signInAs(w.ictB);
    expect(await recordAnnualReviewAction(w.a.slug, await reviewInput())).toMatchObject({ ok: false, code: "NOT_FOUND" });
    signOut();
    expect(await recordAnnualReviewAction(w.a.slug, await reviewInput())).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await filteringState(w.a.id, w.b.id)).toEqual(before);
  });
});

describe("review reminders to the DSL", () => {
  it("go on the review date and weekly after, to the DSL and deputies only, as a link with nothing about the site", async () => {
    const id = await changeTo("confirmed");
    const reviewOn = await londonDay(0);
    await db.filteringChange.update({ where: { id }, data: { reviewOn } });
    const mails = () => db.devMail.findMany({ where: { subject: { contains: "filtering change" }, AND: [{ text: { contains: id } }, { text: { contains: "date for review" } }] } });
    const at = (days: number) => new Date(reviewOn.getTime() + days * 86_400_000 + 10 * 3_600_000);
    expect(await runFilteringReviewReminders(at(0), { schoolIds: [w.a.id] })).toMatchObject({ sent: 2, failures: 0 });
    let sent = await mails();
    expect(sent.map((m) => m.to).sort()).toEqual([w.people.dsl.email, w.people.deputyDsl.email].sort());
    expect(sent[0].text).not.toContain("example.com");
    await runFilteringReviewReminders(at(1), { schoolIds: [w.a.id] });
    expect(await mails()).toHaveLength(2);
    await runFilteringReviewReminders(at(7), { schoolIds: [w.a.id] });
    expect(await mails()).toHaveLength(4);
    // Reviewed (kept): no more reminders until the next date.
    await db.filteringChange.update({ where: { id }, data: { reviewOn: await londonDay(60) } });
    await runFilteringReviewReminders(at(14), { schoolIds: [w.a.id] });
    sent = await mails();
    expect(sent).toHaveLength(4);
  });
});

describe("filteringSummary", () => {
  it("gives exact figures per school from grouped queries", async () => {
    const s = await makeSchool(w.trust.id);
    const empty = await makeSchool(w.trust.id);
    const [dsl, ict, teacher, gov] = await Promise.all([
      makeMember(s.id, { roles: ["DSL", "HEADTEACHER"] }), makeMember(s.id, { roles: ["ICT_LEAD"] }), makeMember(s.id, { roles: ["STAFF"] }), makeMember(s.id, { roles: ["GOVERNOR"] }),
    ]);
    const base = {
      schoolId: s.id, targetKind: "WEBSITE" as const, direction: "ALLOW" as const, temporary: false, reason: "r", requestedById: teacher.person.id,
    };
    const day = (n: number) => londonDay(n);
    const made = { authorisedById: ict.person.id, madeByName: "Tech", madeOn: await day(0) };
    const done = { ...made, confirmedById: dsl.person.id, status: "CONFIRMED" as const };
    await db.filteringChange.createMany({
      data: [
        { ...base, target: "a", reviewOn: await day(10), status: "REQUESTED" },
        { ...base, target: "b", reviewOn: await day(10), status: "MADE", ...made },
        { ...base, target: "c", reviewOn: await day(10), status: "MADE", ...made },
        { ...base, target: "d", reviewOn: await day(0), ...done }, // due today
        { ...base, target: "e", reviewOn: await day(30), ...done }, // due within 30 days
        { ...base, target: "f", reviewOn: await day(31), ...done }, // not yet
        { ...base, target: "g", reviewOn: await day(-1), ...done }, // overdue
        { ...base, target: "h", reviewOn: await day(-40), ...done }, // overdue
        { ...base, target: "i", reviewOn: await day(-40), status: "REVERTED", ...made, confirmedById: dsl.person.id }, // reverted: nothing due
        { ...base, target: "old", reviewOn: await day(10), status: "REQUESTED", createdAt: new Date(Date.now() - 400 * 86_400_000) }, // before the period
      ],
    });
    const check = { schoolId: s.id, checkedById: dsl.person.id, tested: "t", device: "d", userGroup: "u", result: "PASS" as const, nextCheckDue: await day(30) };
    await db.filteringCheck.createMany({ data: [{ ...check, checkedOn: await day(-1) }, { ...check, checkedOn: await day(-20) }, { ...check, checkedOn: await day(-400) }] });
    const review = { schoolId: s.id, participants: [], findings: "f", actions: [], recordedById: dsl.person.id, contentHash: "x" };
    await db.filteringAnnualReview.createMany({
      data: [
        { ...review, reviewedOn: await day(-400), nextReviewOn: await day(-35) },
        { ...review, reviewedOn: await day(-30), nextReviewOn: await day(335) },
      ],
    });
    void gov;
    const now = new Date();
    const from = new Date(now.getTime() - 365 * 86_400_000);
    const to = new Date(now.getTime() + 86_400_000);
    const out = await asGovernance(s.id, (tx) => filteringSummary(tx, [s.id, empty.id], from, to, now));
    expect(out).toEqual([
      { schoolId: s.id, changes: 9, awaitingConfirmation: 2, reviewsDue: 2, reviewsOverdue: 2, checks: 2, lastAnnualReview: await day(-30), nextAnnualReviewDue: await day(335) },
      { schoolId: empty.id, changes: 0, awaitingConfirmation: 0, reviewsDue: 0, reviewsOverdue: 0, checks: 0, lastAnnualReview: null, nextAnnualReviewDue: null },
    ]);
    expect(await asGovernance(s.id, (tx) => filteringSummary(tx, [], from, to, now))).toEqual([]);
    // The log page's own figures agree, whatever filters the page has.
    const dslCtx = (await resolveAccess({ ...dsl.person, authMethod: "password" }, s.slug))!;
    expect(await logFigures(dslCtx, now)).toEqual({ awaitingConfirmation: 2, reviewsOverdue: 2, revertDue: 0 });
  });
});

describe("the change log as CSV", () => {
  const csv = (slug: string) => logCsvRoute(new Request(`http://localhost/s/${slug}/filtering/log.csv`), { params: Promise.resolve({ school: slug }) });

  it("has seed 004's columns and every change of the school, none of another; refused to a wrong role, another school and no session", async () => {
    const id = await changeTo("confirmed");
    const target = (await db.filteringChange.findUniqueOrThrow({ where: { id } })).target;
    await requestAs(w.dslB, w.b.slug, { target: "other-school.example" });
    signInAs(w.people.dsl);
    const res = await csv(w.a.slug);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const text = await res.text();
    expect(text.split("\r\n")[0]).toBe("Website / category,Kind,Allow or block,Temporary until,Requested (London),Requested by,Reason,Authorised by,Change made by,Made on,Confirmed by,Date for review,Status,Attention");
    expect(text).toContain(`${target},Website,Allow,Permanent`);
    expect(text).toContain(`${w.people.ict.name},Tom Price (Focus Networks)`);
    expect(text).toContain(`${w.people.dsl.name},`);
    expect(text).not.toContain("other-school.example");
    signInAs(w.people.teacher);
    expect((await csv(w.a.slug)).status).toBe(403);
    signInAs(w.dslB);
    expect((await csv(w.a.slug)).status).toBe(404);
    signOut();
    expect((await csv(w.a.slug)).status).toBe(401);
  });
});
