import { describe, it, expect, beforeEach } from "vitest";
import { db } from "../support/owner-db";
import { markLeaverAction } from "@/lib/people/actions";
import { resolveAccess } from "@/lib/authz/access";
import { londonDateString } from "@/lib/dates";
import { makeMember, schoolState, auditCount, londonDay } from "../support/fixtures";
import { signInAs } from "../support/session";
import { peopleWorld, REFUSED_IN_A, ALLOWED_IN_A, actAs, expectRefusedUnchanged, expectOneNewAuditRow, person, currentPersonAs, type PeopleWorld } from "./helpers";

let w: PeopleWorld;
beforeEach(async () => {
  w = await peopleWorld();
});

const day = async (offset: number) => londonDateString(await londonDay(offset));
const membership = (id: string) => db.membership.findUniqueOrThrow({ where: { id } });


describe("markLeaverAction: who may", () => {
  it.each(ALLOWED_IN_A)("%s marks a leaver, with one audit row", async (_who, pick) => {
    const actor = pick(w);
    const endDate = await day(14);
    const before = await auditCount(w.a.id);
    const others = await schoolState(w.a2.id, w.b.id);
    signInAs(actor);
    const res = await markLeaverAction(w.a.slug, { membershipId: w.teacherA.membership.id, endDate });
    expect(res).toEqual({ ok: true, data: undefined });
    expect((await membership(w.teacherA.membership.id)).endDate).toEqual(new Date(`${endDate}T00:00:00.000Z`));
    const row = await expectOneNewAuditRow(w.a.id, before);
    expect(row).toMatchObject({
      action: "person.marked_leaver",
      actorId: actor.id,
      entityType: "Membership",
      entityId: w.teacherA.membership.id,
      data: { personId: w.teacherA.person.id, endDate: `${endDate}T00:00:00.000Z`, personLeft: false },
    });
    expect(await schoolState(w.a2.id, w.b.id)).toEqual(others);
  });

  it.each(REFUSED_IN_A)("%s is refused, and nothing changes", async (_who, pick, code) => {
    const before = await schoolState(w.a.id, w.a2.id, w.b.id);
    actAs(pick(w));
    const res = await markLeaverAction(w.a.slug, { membershipId: w.teacherA.membership.id, endDate: await day(-1) });
    await expectRefusedUnchanged(res, code, before, [w.a.id, w.a2.id, w.b.id]);
  });

  it("a trust admin marks a leaver in the sibling school, and gets NOT_FOUND in another trust's", async () => {
    signInAs(w.trustAdmin);
    const sibling = await makeMember(w.a2.id);
    const before = await auditCount(w.a2.id);
    expect((await markLeaverAction(w.a2.slug, { membershipId: sibling.membership.id, endDate: await day(5) })).ok).toBe(true);
    await expectOneNewAuditRow(w.a2.id, before);
    const stateB = await schoolState(w.b.id);
    const res = await markLeaverAction(w.b.slug, { membershipId: w.teacherB.membership.id, endDate: await day(-1) });
    await expectRefusedUnchanged(res, "NOT_FOUND", stateB, [w.b.id]);
  });

  it("a membership of another school passed through this school is NOT_FOUND, and nothing changes anywhere", async () => {
    const before = await schoolState(w.a.id, w.b.id);
    signInAs(w.headA.person);
    const res = await markLeaverAction(w.a.slug, { membershipId: w.teacherB.membership.id, endDate: await day(-1) });
    await expectRefusedUnchanged(res, "NOT_FOUND", before, [w.a.id, w.b.id]);
    expect((await person(w.teacherB.person.id)).status).toBe("ACTIVE");
  });
});

describe("markLeaverAction: input", () => {
  beforeEach(() => signInAs(w.headA.person));

  it.each([
    [{ endDate: "" }, { endDate: "Enter the leaving date" }],
    [{ endDate: "2026-02-30" }, { endDate: "Enter the leaving date as a real date" }],
    [{ endDate: "22/07/2026" }, { endDate: "Enter the leaving date as a real date" }],
    [{}, { endDate: "Enter the leaving date" }],
  ])("%j is INVALID with %j and nothing changes", async (bad, errors) => {
    const before = await schoolState(w.a.id);
    const res = await markLeaverAction(w.a.slug, { membershipId: w.teacherA.membership.id, ...bad });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
    expect(res.ok ? null : res.fieldErrors).toEqual(errors);
  });

  it("an unknown field is INVALID and nothing changes", async () => {
    const before = await schoolState(w.a.id);
    const res = await markLeaverAction(w.a.slug, { membershipId: w.teacherA.membership.id, endDate: await day(-1), status: "ACTIVE" });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
  });

  it("a leaving date before the start date is INVALID on endDate and nothing changes", async () => {
    const before = await schoolState(w.a.id);
    const res = await markLeaverAction(w.a.slug, { membershipId: w.teacherA.membership.id, endDate: "2019-08-31" });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
    expect(res.ok ? null : res.fieldErrors).toEqual({ endDate: "The leaving date cannot be before they started." });
  });
});

describe("markLeaverAction: what leaving does", () => {
  beforeEach(() => signInAs(w.headA.person));

  it("a past date for someone with no other school: status LEFT, and their session ends at the next request", async () => {
    const claims = { id: w.teacherA.person.id, sessionVersion: w.teacherA.person.sessionVersion };
    expect((await currentPersonAs(claims))?.id).toBe(w.teacherA.person.id);

    const res = await markLeaverAction(w.a.slug, { membershipId: w.teacherA.membership.id, endDate: await day(-1) });

    expect(res.ok).toBe(true);
    const after = await person(w.teacherA.person.id);
    expect(after.status).toBe("LEFT");
    expect(after.sessionVersion).toBe(w.teacherA.person.sessionVersion + 1);
    expect(await currentPersonAs(claims)).toBeNull();
    expect(await currentPersonAs({ id: after.id, sessionVersion: after.sessionVersion })).toBeNull();
    const row = await db.auditEvent.findFirstOrThrow({ where: { schoolId: w.a.id }, orderBy: { seq: "desc" } });
    expect(row.data).toMatchObject({ personLeft: true });
  });

  it("a past date for someone still active at another school: they stay ACTIVE and signed in, with access only there", async () => {
    await db.membership.create({
      data: { schoolId: w.b.id, personId: w.teacherA.person.id, staffGroup: "SUPPLY", roles: ["STAFF"], startDate: new Date("2021-01-04") },
    });
    const claims = { id: w.teacherA.person.id, sessionVersion: 0 };

    const res = await markLeaverAction(w.a.slug, { membershipId: w.teacherA.membership.id, endDate: await day(-1) });

    expect(res.ok).toBe(true);
    expect(await person(w.teacherA.person.id)).toMatchObject({ status: "ACTIVE", sessionVersion: 0 });
    const me = await currentPersonAs(claims);
    expect(me?.id).toBe(w.teacherA.person.id);
    expect(await resolveAccess(me!, w.a.slug)).toBeNull();
    expect(await resolveAccess(me!, w.b.slug)).not.toBeNull();
  });

  it("a past date for someone whose only other membership has also ended: LEFT", async () => {
    await db.membership.create({
      data: { schoolId: w.b.id, personId: w.teacherA.person.id, staffGroup: "SUPPLY", startDate: new Date("2021-01-04"), endDate: new Date("2022-07-20") },
    });
    expect((await markLeaverAction(w.a.slug, { membershipId: w.teacherA.membership.id, endDate: await day(-1) })).ok).toBe(true);
    expect((await person(w.teacherA.person.id)).status).toBe("LEFT");
  });

  it("a future leaving date keeps them ACTIVE with access until that day", async () => {
    const endDate = await day(20);
    expect((await markLeaverAction(w.a.slug, { membershipId: w.teacherA.membership.id, endDate })).ok).toBe(true);
    expect(await person(w.teacherA.person.id)).toMatchObject({ status: "ACTIVE", sessionVersion: 0 });
    const me = await currentPersonAs({ id: w.teacherA.person.id, sessionVersion: 0 });
    expect(await resolveAccess(me!, w.a.slug)).not.toBeNull();
  });

  it("today as the leaving date: today is their last day, so they still have access", async () => {
    expect((await markLeaverAction(w.a.slug, { membershipId: w.teacherA.membership.id, endDate: await day(0) })).ok).toBe(true);
    const me = await currentPersonAs({ id: w.teacherA.person.id, sessionVersion: 0 });
    expect(me).not.toBeNull();
    expect(await resolveAccess(me!, w.a.slug)).not.toBeNull();
  });

  it("a leaver drops off the people with access, but their membership stays on record", async () => {
    expect((await markLeaverAction(w.a.slug, { membershipId: w.teacherA.membership.id, endDate: await day(-1) })).ok).toBe(true);
    expect(await db.membership.count({ where: { id: w.teacherA.membership.id } })).toBe(1);
  });
});
