import { describe, it, expect, beforeEach } from "vitest";
import { db } from "../support/owner-db";
import { runInScope } from "@/lib/db/context";
import { inSchoolScope } from "@/lib/authz/require";
import { db as appDb, type Tx } from "@/lib/db";
import { requestAuthorisationAction, decideAuthorisationAction, recordOutcomeAction } from "@/lib/monitoring/actions";
import { listAuthorisations, getAuthorisation, visibleMonitoringIds } from "@/lib/monitoring/queries";
import { monitoringSection } from "@/lib/governance/sections/monitoring";
import { runMonitoringEnd } from "@/lib/monitoring/job";
import { authorisationSnapshot, snapshotHash } from "@/lib/monitoring/snapshot";
import { searchAuditEvents } from "@/lib/audit/queries";
import { auditReaderFor } from "@/lib/audit/reader";
import { GET as exportCsv } from "@/app/s/[school]/audit/export.csv/route";
import { makeMember } from "../support/fixtures";
import { signInAs } from "../support/session";
import { incidentWorld, ctxOf, type IncidentWorld } from "./incident-world";
import { requestAs, approveAs, requestInput, dayInput } from "./monitoring-world";

// The governors' figures as the governance summary reads them: as ict_web, in one transaction in the school's
// scope with the reader set (decision 0029).
const monitoringCount = (schoolIds: string[], from: Date, to: Date, readerId: string) =>
  runInScope({ schoolId: schoolIds[0], personId: readerId }, () => appDb.$transaction((tx: Tx) => monitoringSection(tx, schoolIds, from, to)));

// Issue 9 point 3 and its tests (point 6): who sees, who decides, the 30 days, the daily end, the outcome,
// the hash of what was decided, the governors' count and the audit log, through the actions and queries.

let w: IncidentWorld;
beforeEach(async () => {
  w = await incidentWorld();
});

const mailedAbout = async (id: string) => (await db.devMail.findMany({ where: { text: { contains: id } }, select: { to: true } })).map((m) => m.to).sort();
const emails = (...people: { email: string }[]) => people.map((p) => p.email).sort();

async function seesNothing(person: { id: string; name: string; email: string }, id: string) {
  const ctx = await ctxOf(person, w.a.slug);
  expect(await listAuthorisations(ctx)).toEqual([]);
  expect(await getAuthorisation(ctx, id)).toBeNull();
  expect(await visibleMonitoringIds(ctx)).toEqual([]);
}

describe("who sees an authorisation", () => {
  it("the DSL asks about a teacher: the Chair and the DSL see it; the teacher, the Head and the trust do not; only the Chair is emailed, with a link only", async () => {
    const id = await requestAs(w.people.dsl, w.a.slug, w.people.teacher.id);
    const chair = await ctxOf(w.people.chair, w.a.slug);
    expect(await listAuthorisations(chair)).toEqual([
      expect.objectContaining({ id, awaitingYou: true, status: "AWAITING", kinds: ["EMAIL", "INTERNET_HISTORY"], subjectName: "Teacher", requesterName: "DSL" }),
    ]);
    const view = await getAuthorisation(chair, id);
    expect(view).toMatchObject({ status: "AWAITING", mayDecide: true, subjectName: "Teacher", requesterName: "DSL" });
    expect(view!.deciders.map((d) => d.id)).toEqual([w.people.chair.id]);
    expect((await getAuthorisation(await ctxOf(w.people.dsl, w.a.slug), id))?.mayDecide).toBe(false);

    for (const p of [w.people.teacher, w.people.head, w.people.ict, w.people.governor, w.people.trustAdmin, w.people.ceo]) await seesNothing(p, id);
    expect(await mailedAbout(id)).toEqual(emails(w.people.chair));
    const mail = await db.devMail.findFirstOrThrow({ where: { text: { contains: id } } });
    // The link and the school's name; nothing of whom it concerns or what it is for.
    expect(`${mail.subject} ${mail.text.replace(/http\S+/g, "")}`).not.toMatch(/Teacher|monitor|internet|gambling|DSL/i);
    expect(mail.text).toContain(`/s/${w.a.slug}/monitoring/${id}`);
  });

  it("a subject who holds a requesting role (the Head) sees nothing, is counted in nothing and is emailed nothing", async () => {
    const id = await requestAs(w.people.dsl, w.a.slug, w.people.head.id);
    await approveAs(w.people.chair, w.a.slug, id);
    await seesNothing(w.people.head, id);
    expect(await mailedAbout(id)).not.toContain(w.people.head.email);
    const [forHead] = await monitoringCount([w.a.id], new Date(Date.now() - 3_600_000), new Date(Date.now() + 3_600_000), w.people.head.id);
    expect(forHead).toEqual({ schoolId: w.a.id, authorisations: 0 });
  });
});

describe("who decides", () => {
  it("the Chair approves: the decision carries who, when and the SHA-256 of the authorisation as it stood; the requester is emailed", async () => {
    const id = await requestAs(w.people.dsl, w.a.slug, w.people.teacher.id, { dpiaReference: "DPIA-2026-07" });
    await approveAs(w.people.chair, w.a.slug, id);
    const a = await db.monitoringAuthorisation.findUniqueOrThrow({ where: { id }, include: { decision: true } });
    expect(a.status).toBe("APPROVED");
    expect(a.decision).toMatchObject({ decision: "APPROVED", deciderId: w.people.chair.id });
    expect(a.decision!.decidedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(a.decision!.snapshot).toEqual(authorisationSnapshot(a));
    expect(a.decision!.sha256).toBe(snapshotHash(authorisationSnapshot(a)));
    expect(a.decision!.snapshot).toMatchObject({ subjectId: w.people.teacher.id, dpiaReference: "DPIA-2026-07", kinds: ["EMAIL", "INTERNET_HISTORY"] });
    expect(await mailedAbout(id)).toEqual(emails(w.people.chair, w.people.dsl));
  });

  it("the requester, the subject and the Head are refused; deciding twice is refused; declining needs a reason", async () => {
    const id = await requestAs(w.people.dsl, w.a.slug, w.people.teacher.id);
    for (const p of [w.people.dsl, w.people.teacher, w.people.head]) {
      signInAs(p);
      expect(await decideAuthorisationAction(w.a.slug, { authorisationId: id, decision: "APPROVED" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    signInAs(w.people.chair);
    expect(await decideAuthorisationAction(w.a.slug, { authorisationId: id, decision: "DECLINED", reason: "" })).toMatchObject({
      ok: false, code: "INVALID", fieldErrors: { reason: "Give the reason for declining" },
    });
    expect(await decideAuthorisationAction(w.a.slug, { authorisationId: id, decision: "DECLINED", reason: "Speak to the member of staff first." })).toMatchObject({ ok: true });
    expect(await decideAuthorisationAction(w.a.slug, { authorisationId: id, decision: "APPROVED" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await db.monitoringAuthorisation.findUniqueOrThrow({ where: { id }, select: { status: true } })).toEqual({ status: "DECLINED" });
  });

  it("when the Chair is the subject, the trust's administrator and CEO decide, and the Chair sees nothing", async () => {
    const id = await requestAs(w.people.ict, w.a.slug, w.people.chair.id);
    expect(await mailedAbout(id)).toEqual(emails(w.people.trustAdmin, w.people.ceo));
    await seesNothing(w.people.chair, id);
    signInAs(w.people.chair);
    expect(await decideAuthorisationAction(w.a.slug, { authorisationId: id, decision: "APPROVED" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    signInAs(w.people.trustIct);
    expect(await decideAuthorisationAction(w.a.slug, { authorisationId: id, decision: "APPROVED" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    await approveAs(w.people.trustAdmin, w.a.slug, id);
    expect((await db.monitoringDecision.findUniqueOrThrow({ where: { authorisationId: id } })).deciderId).toBe(w.people.trustAdmin.id);
  });

  it("with co-chairs, the one who is not the subject decides; a Chair who is also the requester may not decide their own", async () => {
    const coChair = (await makeMember(w.a.id, { roles: ["CHAIR_OF_GOVERNORS"], name: "Co-chair" })).person;
    const aboutChair = await requestAs(w.people.dsl, w.a.slug, w.people.chair.id);
    expect(await mailedAbout(aboutChair)).toEqual(emails(coChair));
    await seesNothing(w.people.chair, aboutChair);
    await approveAs(coChair, w.a.slug, aboutChair);

    const headChair = (await makeMember(w.a.id, { roles: ["HEADTEACHER", "CHAIR_OF_GOVERNORS"], name: "Head and Chair" })).person;
    const own = await requestAs(headChair, w.a.slug, w.people.teacher.id);
    signInAs(headChair);
    const res = await decideAuthorisationAction(w.a.slug, { authorisationId: own, decision: "APPROVED" });
    expect(res).toMatchObject({ ok: false, error: expect.stringMatching(/never the person who asked/) });
    expect(await db.monitoringDecision.count({ where: { authorisationId: own } })).toBe(0);
  });
});

describe("the request", () => {
  it("lasts at most 30 days, starts no earlier than today, and needs the assessment and the less intrusive options", async () => {
    signInAs(w.people.dsl);
    const bad = async (over: Record<string, unknown>) => {
      const res = await requestAuthorisationAction(w.a.slug, requestInput(w.people.teacher.id, over));
      expect(res).toMatchObject({ ok: false, code: "INVALID" });
      return res.ok ? {} : res.fieldErrors;
    };
    expect(await bad({ endsOn: dayInput(30) })).toEqual({ endsOn: "An authorisation lasts at most 30 days, counting the first and last" });
    expect(await bad({ startsOn: dayInput(-1) })).toMatchObject({ startsOn: "The start date cannot be in the past" });
    expect(await bad({ necessity: "" })).toMatchObject({ necessity: expect.stringMatching(/necessary and proportionate/) });
    expect(await bad({ alternatives: "  " })).toMatchObject({ alternatives: expect.stringMatching(/less intrusive/) });
    expect(await bad({ kinds: [], grounds: [] })).toMatchObject({ kinds: "Choose what is to be monitored", grounds: "Choose the grounds" });
    expect(await requestAuthorisationAction(w.a.slug, requestInput(w.people.teacher.id, { endsOn: dayInput(29) }))).toMatchObject({ ok: true });
    expect(await requestAuthorisationAction(w.a.slug, requestInput(w.people.dsl.id))).toMatchObject({ ok: false, fieldErrors: { subjectId: expect.any(String) } });
    expect(await requestAuthorisationAction(w.a.slug, requestInput(w.headB.id))).toMatchObject({ ok: false, fieldErrors: { subjectId: "Choose a person from this school's list" } });
  });

  it("the database refuses more than 30 days even from the owner's connection", async () => {
    const start = new Date(`${dayInput(0)}T00:00:00Z`);
    await expect(
      db.monitoringAuthorisation.create({
        data: {
          schoolId: w.a.id, requesterId: w.people.dsl.id, subjectId: w.people.teacher.id, kinds: ["EMAIL"], grounds: ["SUSPECTED_CRIME"],
          necessity: "x".repeat(30), alternatives: "y".repeat(30), startsOn: start, endsOn: new Date(start.getTime() + 30 * 86_400_000),
        },
      }),
    ).rejects.toThrow(/at most 30 days/);
  });
});

describe("the end of an authorisation", () => {
  it("the daily job ends an approved one after its last day and lapses an undecided one, once; the outcome is then recorded once", async () => {
    const approved = await requestAs(w.people.dsl, w.a.slug, w.people.teacher.id, { endsOn: dayInput(2) });
    await approveAs(w.people.chair, w.a.slug, approved);
    const undecided = await requestAs(w.people.dsl, w.a.slug, w.people.teacher2.id, { endsOn: dayInput(2) });

    expect(await runMonitoringEnd(new Date(Date.now() + 2 * 86_400_000), { schoolIds: [w.a.id] })).toEqual({ ended: 0, lapsed: 0 });
    const later = new Date(Date.now() + 3 * 86_400_000 + 3_600_000);
    expect(await runMonitoringEnd(later, { schoolIds: [w.a.id] })).toEqual({ ended: 1, lapsed: 1 });
    expect(await runMonitoringEnd(later, { schoolIds: [w.a.id] })).toEqual({ ended: 0, lapsed: 0 });
    expect(await db.monitoringAuthorisation.findMany({ where: { id: { in: [approved, undecided] } }, select: { id: true, status: true }, orderBy: { createdAt: "asc" } })).toEqual([
      { id: approved, status: "ENDED" }, { id: undecided, status: "LAPSED" },
    ]);
    expect(await db.auditEvent.count({ where: { entityId: approved, action: "monitoring.ended", actorId: null } })).toBe(1);
    expect(await mailedAbout(approved)).toEqual(emails(w.people.chair, w.people.dsl, w.people.dsl));

    signInAs(w.people.teacher);
    expect(await recordOutcomeAction(w.a.slug, { authorisationId: approved, found: "x", actionTaken: "y" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signInAs(w.people.dsl);
    expect(await recordOutcomeAction(w.a.slug, { authorisationId: undecided, found: "Nothing", actionTaken: "None" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await recordOutcomeAction(w.a.slug, { authorisationId: approved, found: "Gambling sites at lunchtime", actionTaken: "Informal warning" })).toMatchObject({ ok: true });
    expect(await recordOutcomeAction(w.a.slug, { authorisationId: approved, found: "Again", actionTaken: "Again" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await getAuthorisation(await ctxOf(w.people.chair, w.a.slug), approved))?.outcome).toMatchObject({ found: "Gambling sites at lunchtime", recordedByName: "DSL" });
  });

  it("recording the outcome before the last day ends it then", async () => {
    const id = await requestAs(w.people.dsl, w.a.slug, w.people.teacher.id);
    await approveAs(w.people.chair, w.a.slug, id);
    signInAs(w.people.chair);
    expect(await recordOutcomeAction(w.a.slug, { authorisationId: id, found: "Nothing of concern", actionTaken: "None" })).toMatchObject({ ok: true, data: { status: "ENDED" } });
    expect((await db.monitoringAuthorisation.findUniqueOrThrow({ where: { id } })).endedAt).not.toBeNull();
  });
});

describe("evidence", () => {
  it("decisions and outcomes are append-only, and what was asked for cannot be changed or deleted, even by the owner", async () => {
    const id = await requestAs(w.people.dsl, w.a.slug, w.people.teacher.id);
    await approveAs(w.people.chair, w.a.slug, id);
    await expect(db.monitoringDecision.update({ where: { authorisationId: id }, data: { decision: "DECLINED" } })).rejects.toThrow();
    await expect(db.monitoringDecision.delete({ where: { authorisationId: id } })).rejects.toThrow();
    await expect(db.monitoringAuthorisation.update({ where: { id }, data: { necessity: "Something else entirely, written later." } })).rejects.toThrow(/not changed/);
    await expect(db.monitoringAuthorisation.update({ where: { id }, data: { status: "AWAITING" } })).rejects.toThrow(/cannot go from/);
    await expect(db.monitoringAuthorisation.delete({ where: { id } })).rejects.toThrow(/never deleted/);
    signInAs(w.people.chair);
    await recordOutcomeAction(w.a.slug, { authorisationId: id, found: "Nothing", actionTaken: "None" });
    await expect(db.monitoringOutcome.update({ where: { authorisationId: id }, data: { found: "Something" } })).rejects.toThrow();
    expect(await db.monitoringDecision.findUniqueOrThrow({ where: { authorisationId: id } })).toMatchObject({ decision: "APPROVED" });
  });

  it("a decision by someone who may not decide is refused by the database too (the requester, the subject, the Head)", async () => {
    const id = await requestAs(w.people.dsl, w.a.slug, w.people.teacher.id);
    const a = await db.monitoringAuthorisation.findUniqueOrThrow({ where: { id } });
    const snapshot = authorisationSnapshot(a);
    for (const p of [w.people.dsl, w.people.teacher, w.people.head]) {
      await expect(
        db.monitoringDecision.create({ data: { authorisationId: id, decision: "APPROVED", deciderId: p.id, snapshot, sha256: snapshotHash(snapshot) } }),
      ).rejects.toThrow(/only the Chair of Governors/);
    }
    await expect(db.monitoringAuthorisation.update({ where: { id }, data: { status: "APPROVED" } })).rejects.toThrow(/only by its decision/);
  });
});

describe("counts and the audit log", () => {
  it("the governors' count is one grouped figure per school and never counts one about the viewer", async () => {
    await requestAs(w.people.dsl, w.a.slug, w.people.teacher.id);
    await requestAs(w.people.dsl, w.a.slug, w.people.head.id);
    const from = new Date(Date.now() - 3_600_000);
    const to = new Date(Date.now() + 3_600_000);
    expect(await monitoringCount([w.a.id, w.b.id], from, to, w.people.chair.id)).toEqual([
      { schoolId: w.a.id, authorisations: 2 }, { schoolId: w.b.id, authorisations: 0 },
    ]);
    expect(await monitoringCount([w.a.id], from, to, w.people.head.id)).toEqual([{ schoolId: w.a.id, authorisations: 1 }]);
    expect(await monitoringCount([w.a.id], to, new Date(to.getTime() + 3_600_000), w.people.chair.id)).toEqual([{ schoolId: w.a.id, authorisations: 0 }]);
  });

  it("the audit rows are in the Chair's log and absent from the Head's when the Head is the subject (page and CSV)", async () => {
    const id = await requestAs(w.people.dsl, w.a.slug, w.people.head.id);
    await approveAs(w.people.chair, w.a.slug, id);
    const actions = async (p: { id: string; name: string; email: string }) => {
      const ctx = await ctxOf(p, w.a.slug);
      // The audit page's query, in the scope requireMember gives it.
      const page = await inSchoolScope(ctx, async () => searchAuditEvents(ctx.school, {}, {}, 200, await auditReaderFor(ctx)));
      return page.events.filter((e) => e.entityType === "MonitoringAuthorisation").map((e) => e.action).sort();
    };
    // The Chair's log has both steps: the reads below see the rows, so their absence elsewhere means something.
    expect(await actions(w.people.chair)).toHaveLength(2);
    expect(await actions(w.people.trustAdmin)).toEqual([]);
    expect(await actions(w.people.head)).toEqual([]);
    expect(await actions(w.people.dpo)).toEqual([]);
    const rows = await db.auditEvent.findMany({ where: { entityId: id } });
    expect(rows.map((r) => r.data)).toEqual([{}, {}]);
    signInAs(w.people.head);
    const res = await exportCsv(new Request(`http://localhost/s/${w.a.slug}/audit/export.csv`), { params: Promise.resolve({ school: w.a.slug }) });
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).not.toContain(id);
    expect(csv).not.toMatch(/monitoring/i);
  });
});
