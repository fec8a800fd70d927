import { describe, it, expect, beforeAll } from "vitest";
import { createHash } from "node:crypto";
import { db } from "../support/owner-db";
import { canonical } from "@/lib/audit/canonical";
import {
  requestChangeAction, authoriseChangeAction, refuseChangeAction, recordMadeAction, confirmChangeAction, reviewChangeAction, markRevertedAction,
} from "@/lib/filtering/actions";
import { changeSnapshot } from "@/lib/filtering/service";
import { listChanges } from "@/lib/filtering/queries";
import { resolveAccess } from "@/lib/authz/access";
import { signInAs, signOut } from "../support/session";
import { londonDay } from "../support/fixtures";
import { filteringWorld, requestAs, changeInput, filteringState, type FilteringWorld } from "./filtering-world";

let w: FilteringWorld;
beforeAll(async () => {
  w = await filteringWorld();
});

const iso = (d: Date) => d.toISOString().slice(0, 10);
async function madeBy(person: { id: string }, changeId: string, who: Record<string, unknown> = { madeBy: "PROVIDER", madeByName: "Tom Price", madeByCompany: "Focus Networks" }) {
  signInAs(person);
  return recordMadeAction(w.a.slug, { changeId, madeOn: iso(await londonDay(0)), ...who });
}

/** Requested by the teacher, authorised by the ICT lead, made by the outside provider, confirmed by the DSL. */
async function confirmedChange(over: Record<string, unknown> = {}) {
  const id = await requestAs(w.people.teacher, w.a.slug, over);
  signInAs(w.people.ict);
  expect(await authoriseChangeAction(w.a.slug, { changeId: id })).toMatchObject({ ok: true });
  expect(await madeBy(w.people.ict, id)).toMatchObject({ ok: true });
  signInAs(w.people.dsl);
  expect(await confirmChangeAction(w.a.slug, { changeId: id })).toMatchObject({ ok: true });
  return id;
}

describe("the four steps, each by its own person", () => {
  it("request → authorise → made → confirm, each a hashed step of the change as it stood, each audited", async () => {
    const id = await confirmedChange();
    const change = await db.filteringChange.findUniqueOrThrow({ where: { id }, include: { steps: { orderBy: { at: "asc" } } } });
    expect(change).toMatchObject({
      status: "CONFIRMED", requestedById: w.people.teacher.id, authorisedById: w.people.ict.id, madeById: null,
      madeByName: "Tom Price", madeByCompany: "Focus Networks", confirmedById: w.people.dsl.id,
    });
    expect(change.steps.map((s) => [s.kind, s.actorId])).toEqual([
      ["REQUESTED", w.people.teacher.id], ["AUTHORISED", w.people.ict.id], ["MADE", w.people.ict.id], ["CONFIRMED", w.people.dsl.id],
    ]);
    // Each step's hash is over the change as it stood after that step; the last one is the change now.
    for (const s of change.steps) expect(s.snapshotHash).toBe(createHash("sha256").update(canonical(s.snapshot)).digest("hex"));
    expect(change.steps[0].snapshot).toMatchObject({ status: "REQUESTED", authorisedById: null });
    expect(change.steps[3].snapshotHash).toBe(createHash("sha256").update(canonical(changeSnapshot(change))).digest("hex"));
    const audit = await db.auditEvent.findMany({ where: { schoolId: w.a.id, entityId: id }, orderBy: { seq: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["filtering.requested", "filtering.authorised", "filtering.made", "filtering.confirmed"]);
    // The DSLs were asked to confirm by a link, with nothing about the site in the mail.
    const mail = await db.devMail.findMany({ where: { to: w.people.deputyDsl.email, text: { contains: id } } });
    expect(mail).toHaveLength(1);
    expect(mail[0].text).not.toContain("example.com");
  });

  it("a technician of the school can be recorded as the one who made it, and must work here", async () => {
    const id = await requestAs(w.people.teacher, w.a.slug);
    signInAs(w.people.trustIct);
    expect(await authoriseChangeAction(w.a.slug, { changeId: id })).toMatchObject({ ok: true });
    expect(await madeBy(w.people.ict, id, { madeBy: "PERSON", madeById: w.ictB.id })).toMatchObject({ ok: false, fieldErrors: { madeById: "Choose someone who works at this school." } });
    expect(await madeBy(w.people.ict, id, { madeBy: "PROVIDER", madeByName: "", madeByCompany: "" })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { madeByName: "Enter the technician's name" } });
    expect(await madeBy(w.people.ict, id, { madeBy: "PERSON", madeById: w.people.technician.id })).toMatchObject({ ok: true });
    expect(await db.filteringChange.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "MADE", madeById: w.people.technician.id, authorisedById: w.people.trustIct.id });
  });

  it("a refusal needs a reason and ends the change", async () => {
    const id = await requestAs(w.people.teacher, w.a.slug);
    signInAs(w.people.ict);
    expect(await refuseChangeAction(w.a.slug, { changeId: id, reason: "" })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { reason: "Enter the reason for refusing" } });
    expect(await refuseChangeAction(w.a.slug, { changeId: id, reason: "Not needed for the curriculum" })).toMatchObject({ ok: true });
    expect(await authoriseChangeAction(w.a.slug, { changeId: id })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await db.filteringChange.findUniqueOrThrow({ where: { id } })).status).toBe("REFUSED");
  });

  it("steps out of order are refused", async () => {
    const id = await requestAs(w.people.teacher, w.a.slug);
    signInAs(w.people.dsl);
    expect(await confirmChangeAction(w.a.slug, { changeId: id })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await madeBy(w.people.ict, id)).toMatchObject({ ok: false, code: "CONFLICT" });
    expect((await db.filteringChange.findUniqueOrThrow({ where: { id } })).status).toBe("REQUESTED");
  });

  it("each step only by its role: a teacher, the Head and the DSL cannot authorise; the ICT lead and the Head cannot confirm", async () => {
    const id = await requestAs(w.people.governor, w.a.slug);
    for (const p of [w.people.teacher, w.people.head, w.people.dsl, w.people.trustAdmin]) {
      signInAs(p);
      expect(await authoriseChangeAction(w.a.slug, { changeId: id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    signInAs(w.people.ict);
    await authoriseChangeAction(w.a.slug, { changeId: id });
    expect(await madeBy(w.people.dsl, id)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    await madeBy(w.people.ict, id);
    for (const p of [w.people.ict, w.people.head, w.people.teacher, w.people.trustIct]) {
      signInAs(p);
      expect(await confirmChangeAction(w.a.slug, { changeId: id })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
    expect((await db.filteringChange.findUniqueOrThrow({ where: { id } })).status).toBe("MADE");
  });

  it("bad input is refused next to its field, and nothing is written", async () => {
    const before = await db.filteringChange.count({ where: { schoolId: w.a.id } });
    signInAs(w.people.teacher);
    expect(await requestChangeAction(w.a.slug, await changeInput({ reviewOn: iso(await londonDay(-1)) }))).toMatchObject({ ok: false, fieldErrors: { reviewOn: "The date for review cannot be in the past." } });
    expect(await requestChangeAction(w.a.slug, await changeInput({ temporary: true, endsOn: "" }))).toMatchObject({ ok: false, fieldErrors: { endsOn: "Enter the date a temporary change ends" } });
    expect(await requestChangeAction(w.a.slug, await changeInput({ target: "   " }))).toMatchObject({ ok: false, fieldErrors: { target: "Enter the website or category" } });
    expect(await requestChangeAction(w.a.slug, { ...(await changeInput()), extra: 1 })).toMatchObject({ ok: false, code: "INVALID" });
    expect(await db.filteringChange.count({ where: { schoolId: w.a.id } })).toBe(before);
  });
});

describe("requested, authorised and confirmed are three different people", () => {
  it("the service refuses the requester authorising, and the requester, authoriser or maker confirming, with a clear message", async () => {
    // The ICT lead asks for a change: someone else (the trust ICT lead) must authorise it.
    const own = await requestAs(w.people.ict, w.a.slug);
    signInAs(w.people.ict);
    const refused = await authoriseChangeAction(w.a.slug, { changeId: own });
    expect(refused).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(!refused.ok && refused.error).toMatch(/someone else must authorise it: requested, authorised and confirmed are three different people/);

    // The DSL asks: the deputy DSL confirms, not the DSL.
    const dslOwn = await requestAs(w.people.dsl, w.a.slug);
    signInAs(w.people.ict);
    await authoriseChangeAction(w.a.slug, { changeId: dslOwn });
    await madeBy(w.people.ict, dslOwn);
    signInAs(w.people.dsl);
    expect(await confirmChangeAction(w.a.slug, { changeId: dslOwn })).toMatchObject({ ok: false, code: "CONFLICT", error: expect.stringMatching(/You asked for this change/) });
    signInAs(w.people.deputyDsl);
    expect(await confirmChangeAction(w.a.slug, { changeId: dslOwn })).toMatchObject({ ok: true });

    // The deputy DSL made the change on the filter: the DSL confirms it, not the deputy.
    const made = await requestAs(w.people.teacher, w.a.slug);
    signInAs(w.people.ict);
    await authoriseChangeAction(w.a.slug, { changeId: made });
    await madeBy(w.people.ict, made, { madeBy: "PERSON", madeById: w.people.deputyDsl.id });
    signInAs(w.people.deputyDsl);
    expect(await confirmChangeAction(w.a.slug, { changeId: made })).toMatchObject({ ok: false, code: "CONFLICT", error: expect.stringMatching(/You made this change/) });
    expect((await db.filteringChange.findUniqueOrThrow({ where: { id: made } })).status).toBe("MADE");
  });

  it("someone who is both ICT lead and DSL cannot authorise and then confirm the same change", async () => {
    const both = await db.membership.create({
      data: { schoolId: w.a.id, personId: (await db.person.create({ data: { name: "Both Roles", email: `both-${Date.now()}@example.org.uk` } })).id, staffGroup: "TEACHER", roles: ["ICT_LEAD", "DSL"], startDate: new Date("2020-09-01") },
    });
    const id = await requestAs(w.people.teacher, w.a.slug);
    signInAs({ id: both.personId });
    expect(await authoriseChangeAction(w.a.slug, { changeId: id })).toMatchObject({ ok: true });
    await madeBy({ id: both.personId }, id);
    signInAs({ id: both.personId });
    expect(await confirmChangeAction(w.a.slug, { changeId: id })).toMatchObject({ ok: false, code: "CONFLICT", error: expect.stringMatching(/You authorised this change/) });
  });

  it("the database refuses the same person in two of the steps, whoever writes (raw SQL as the owner)", async () => {
    const id = await confirmedChange();
    const p = w.people;
    const insert = (authorisedBy: string, confirmedBy: string | null) =>
      db.$executeRawUnsafe(
        `INSERT INTO "FilteringChange" (id, "schoolId", "targetKind", target, direction, temporary, reason, "reviewOn", status, "requestedById", "authorisedById", "madeByName", "confirmedById", "updatedAt")
         VALUES ($1, $2, 'WEBSITE', 'raw.example', 'ALLOW', false, 'raw', CURRENT_DATE + 30, $3::"FilteringStatus", $4, $5, 'Tech', $6, now())`,
        `raw-${Math.random()}`, w.a.id, confirmedBy ? "CONFIRMED" : "AUTHORISED", p.teacher.id, authorisedBy, confirmedBy,
      );
    await expect(insert(p.teacher.id, null)).rejects.toThrow(/cannot authorise it/);
    await expect(insert(p.ict.id, p.teacher.id)).rejects.toThrow(/confirmed by someone who did not request, authorise or make it/);
    await expect(insert(p.ict.id, p.ict.id)).rejects.toThrow(/confirmed by someone who did not request, authorise or make it/);
    await expect(db.$executeRawUnsafe(`UPDATE "FilteringChange" SET "confirmedById" = "requestedById" WHERE id = $1`, id)).rejects.toThrow(/did not request, authorise or make it|not changed afterwards/);
    await expect(db.$executeRawUnsafe(`UPDATE "FilteringChange" SET "authorisedById" = $2 WHERE id = $1`, id, p.trustIct.id)).rejects.toThrow(/not changed afterwards/);
    await expect(db.$executeRawUnsafe(`UPDATE "FilteringChange" SET target = 'other.example' WHERE id = $1`, id)).rejects.toThrow(/not changed afterwards/);
    const fresh = await requestAs(p.teacher, w.a.slug);
    await expect(db.$executeRawUnsafe(`UPDATE "FilteringChange" SET "authorisedById" = "requestedById", status = 'AUTHORISED' WHERE id = $1`, fresh)).rejects.toThrow(/cannot authorise it/);
    await expect(db.$executeRawUnsafe(`UPDATE "FilteringChange" SET status = 'REQUESTED' WHERE id = $1`, id)).rejects.toThrow(/cannot go from CONFIRMED to REQUESTED/);
    expect(await db.filteringChange.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "CONFIRMED", confirmedById: p.dsl.id, target: "www.example.com" });
  });

  it("the steps are append-only", async () => {
    const id = await confirmedChange();
    await expect(db.$executeRawUnsafe(`UPDATE "FilteringChangeStep" SET note = 'edited' WHERE "changeId" = $1`, id)).rejects.toThrow();
    await expect(db.$executeRawUnsafe(`DELETE FROM "FilteringChangeStep" WHERE "changeId" = $1`, id)).rejects.toThrow();
    expect(await db.filteringChangeStep.count({ where: { changeId: id } })).toBe(4);
  });
});

describe("review: keep or revert", () => {
  it("keep moves the date for review on; revert makes it due for revert, and the ICT lead marks it reverted", async () => {
    const keep = await confirmedChange();
    signInAs(w.people.dsl);
    expect(await reviewChangeAction(w.a.slug, { changeId: keep, decision: "KEEP", nextReviewOn: "", note: "Still needed" })).toMatchObject({ ok: false, fieldErrors: { nextReviewOn: "Enter when it is next reviewed" } });
    const next = iso(await londonDay(90));
    expect(await reviewChangeAction(w.a.slug, { changeId: keep, decision: "KEEP", nextReviewOn: next, note: "Still needed for A Level" })).toMatchObject({ ok: true });
    expect(await db.filteringChange.findUniqueOrThrow({ where: { id: keep } })).toMatchObject({ status: "CONFIRMED", reviewOn: new Date(`${next}T00:00:00.000Z`) });

    const revert = await confirmedChange();
    signInAs(w.people.ict);
    expect(await markRevertedAction(w.a.slug, { changeId: revert, note: "Undone" })).toMatchObject({ ok: false, code: "CONFLICT" });
    signInAs(w.people.teacher);
    expect(await reviewChangeAction(w.a.slug, { changeId: revert, decision: "REVERT", note: "No longer needed" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signInAs(w.people.deputyDsl);
    expect(await reviewChangeAction(w.a.slug, { changeId: revert, decision: "REVERT", note: "No longer needed" })).toMatchObject({ ok: true });
    expect((await db.filteringChange.findUniqueOrThrow({ where: { id: revert } })).status).toBe("REVERT_DUE");
    signInAs(w.people.ict);
    expect(await markRevertedAction(w.a.slug, { changeId: revert, note: "Removed from the allow list by Focus Networks" })).toMatchObject({ ok: true });
    const steps = await db.filteringChangeStep.findMany({ where: { changeId: revert }, orderBy: { at: "asc" } });
    expect(steps.map((s) => s.kind).slice(-2)).toEqual(["REVIEW_REVERT", "REVERTED"]);
    expect((await db.filteringChange.findUniqueOrThrow({ where: { id: revert } })).status).toBe("REVERTED");
  });

  it("a temporary change past its end date shows as due for revert", async () => {
    const id = await confirmedChange({ temporary: true, endsOn: iso(await londonDay(10)), reviewOn: iso(await londonDay(5)) });
    // Time passes: the same change as it would stand twelve days later (the end date cannot be edited).
    const ctx = (await resolveAccess({ ...w.people.ict, authMethod: "password" }, w.a.slug))!;
    const later = new Date(Date.now() + 12 * 86_400_000);
    const row = (await listChanges(ctx, {}, later)).find((r) => r.id === id)!;
    expect(row.review).toBe("revert-due");
    expect((await listChanges(ctx, { attention: "revert" }, later)).map((r) => r.id)).toContain(id);
    expect((await listChanges(ctx, { attention: "revert" })).map((r) => r.id)).not.toContain(id);
  });
});

describe("who sees the log", () => {
  it("a teacher sees only their own requests; the ICT lead sees every change of the school, none of another", async () => {
    const mine = await requestAs(w.people.teacher, w.a.slug, { target: "teacher-own.example" });
    const theirs = await requestAs(w.people.governor, w.a.slug, { target: "governor-own.example" });
    const other = await requestAs(w.dslB, w.b.slug);
    const teacher = (await resolveAccess({ ...w.people.teacher, authMethod: "password" }, w.a.slug))!;
    const ids = (await listChanges(teacher)).map((r) => r.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    const ict = (await resolveAccess({ ...w.people.ict, authMethod: "password" }, w.a.slug))!;
    const all = (await listChanges(ict)).map((r) => r.id);
    expect(all).toEqual(expect.arrayContaining([mine, theirs]));
    expect(all).not.toContain(other);
  });
});

describe("refusals change nothing", () => {
  type Call = [name: string, run: (slug: string, id: string) => Promise<unknown>];
  const CALLS: Call[] = [
    ["request", (s) => requestChangeAction(s, { targetKind: "WEBSITE", target: "x.example", direction: "BLOCK", temporary: false, endsOn: "", reason: "r", reviewOn: "2099-01-01" })],
    ["authorise", (s, id) => authoriseChangeAction(s, { changeId: id })],
    ["refuse", (s, id) => refuseChangeAction(s, { changeId: id, reason: "No" })],
    ["record made", (s, id) => recordMadeAction(s, { changeId: id, madeBy: "PROVIDER", madeByName: "A", madeByCompany: "B", madeOn: "2026-01-01" })],
    ["confirm", (s, id) => confirmChangeAction(s, { changeId: id })],
    ["review", (s, id) => reviewChangeAction(s, { changeId: id, decision: "REVERT", note: "No" })],
    ["mark reverted", (s, id) => markRevertedAction(s, { changeId: id, note: "Done" })],
  ];
  let requested: string;
  let made: string;
  beforeAll(async () => {
    requested = await requestAs(w.people.teacher, w.a.slug);
    made = await requestAs(w.people.teacher, w.a.slug);
    signInAs(w.people.ict);
    await authoriseChangeAction(w.a.slug, { changeId: made });
    await madeBy(w.people.ict, made);
  });
  const ACTORS: [string, () => { id: string } | null, () => string, string][] = [
    ["the ICT lead of another school, in this school", () => w.ictB, () => w.a.slug, "NOT_FOUND"],
    ["nobody signed in", () => null, () => w.a.slug, "UNAUTHENTICATED"],
  ];
  it.each(ACTORS.flatMap(([who, person, slug, code]) => CALLS.map(([name, run]) => [who, name, person, slug, code, run] as const)))("%s: %s is refused", async (_who, _name, person, slug, code, run) => {
    const before = await filteringState(w.a.id, w.b.id);
    const p = person();
    if (p) signInAs(p);
    else signOut();
    expect(await run(slug(), made)).toMatchObject({ ok: false, code });
    expect(await run(slug(), requested)).toMatchObject({ ok: false, code });
    expect(await filteringState(w.a.id, w.b.id)).toEqual(before);
  });

  it("another school's own ICT lead and DSL, in their school, find this school's change not found", async () => {
    const before = await filteringState(w.a.id, w.b.id);
    signInAs(w.ictB);
    expect(await authoriseChangeAction(w.b.slug, { changeId: requested })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    signInAs(w.dslB);
    expect(await confirmChangeAction(w.b.slug, { changeId: made })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await filteringState(w.a.id, w.b.id)).toEqual(before);
  });

  it("a wrong role is forbidden, with nothing changed", async () => {
    const before = await filteringState(w.a.id, w.b.id);
    signInAs(w.people.teacher);
    for (const [, run] of CALLS.slice(1)) expect(await run(w.a.slug, made)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signInAs(w.people.trustAdmin); // an organisation role is not a member: it does not ask for changes
    expect(await CALLS[0][1](w.a.slug, made)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await filteringState(w.a.id, w.b.id)).toEqual(before);
  });
});
