import { describe, it, expect, beforeEach } from "vitest";
import { db } from "../support/owner-db";
import { setSuspendedAction, signOutEverywhereAction } from "@/lib/people/actions";
import { getCurrentPerson } from "@/lib/auth/session";
import { verifyAuditLog } from "@/lib/audit/verify";
import { PLATFORM_CHAIN } from "@/lib/audit/chain";
import { makePerson, makeMember, schoolState, auditCount } from "../support/fixtures";
import { signInAs, signOut } from "../support/session";
import { peopleWorld, REFUSED_IN_A, ALLOWED_IN_A, actAs, expectRefusedUnchanged, expectOneNewAuditRow, person, currentPersonAs, type PeopleWorld } from "./helpers";

let w: PeopleWorld;
beforeEach(async () => {
  w = await peopleWorld();
});



describe("setSuspendedAction: who may", () => {
  it.each(ALLOWED_IN_A)("%s suspends a person, with one audit row", async (_who, pick) => {
    const actor = pick(w);
    const before = await auditCount(w.a.id);
    const others = await schoolState(w.a2.id, w.b.id);
    signInAs(actor);
    const res = await setSuspendedAction(w.a.slug, { membershipId: w.teacherA.membership.id, suspended: true });
    expect(res).toEqual({ ok: true, data: undefined });
    expect(await person(w.teacherA.person.id)).toMatchObject({ status: "SUSPENDED", sessionVersion: 1 });
    const row = await expectOneNewAuditRow(w.a.id, before);
    expect(row).toMatchObject({
      action: "person.suspended",
      actorId: actor.id,
      entityType: "Person",
      entityId: w.teacherA.person.id,
      data: { membershipId: w.teacherA.membership.id },
    });
    expect(await schoolState(w.a2.id, w.b.id)).toEqual(others);
  });

  it.each(REFUSED_IN_A)("%s is refused, and nothing changes", async (_who, pick, code) => {
    const before = await schoolState(w.a.id, w.a2.id, w.b.id);
    actAs(pick(w));
    const res = await setSuspendedAction(w.a.slug, { membershipId: w.teacherA.membership.id, suspended: true });
    await expectRefusedUnchanged(res, code, before, [w.a.id, w.a2.id, w.b.id]);
  });

  it("a trust admin suspends in the sibling school, and gets NOT_FOUND in another trust's", async () => {
    signInAs(w.trustAdmin);
    const sibling = await makeMember(w.a2.id);
    const before = await auditCount(w.a2.id);
    expect((await setSuspendedAction(w.a2.slug, { membershipId: sibling.membership.id, suspended: true })).ok).toBe(true);
    await expectOneNewAuditRow(w.a2.id, before);
    const stateB = await schoolState(w.b.id);
    const res = await setSuspendedAction(w.b.slug, { membershipId: w.teacherB.membership.id, suspended: true });
    await expectRefusedUnchanged(res, "NOT_FOUND", stateB, [w.b.id]);
  });

  it("a membership of another school passed through this school is NOT_FOUND and nothing changes", async () => {
    const before = await schoolState(w.a.id, w.b.id);
    signInAs(w.headA.person);
    const res = await setSuspendedAction(w.a.slug, { membershipId: w.teacherB.membership.id, suspended: true });
    await expectRefusedUnchanged(res, "NOT_FOUND", before, [w.a.id, w.b.id]);
  });
});

describe("setSuspendedAction: rules and input", () => {
  beforeEach(() => signInAs(w.headA.person));

  it("suspending ends the person's session at their next request", async () => {
    const claims = { id: w.teacherA.person.id, sessionVersion: 0 };
    expect((await currentPersonAs(claims))?.id).toBe(w.teacherA.person.id);
    expect((await setSuspendedAction(w.a.slug, { membershipId: w.teacherA.membership.id, suspended: true })).ok).toBe(true);
    expect(await currentPersonAs(claims)).toBeNull();
    // Not even claims carrying the new version: a suspended person has no session at all.
    expect(await currentPersonAs({ id: w.teacherA.person.id, sessionVersion: 1 })).toBeNull();
  });

  it("reinstating lets the person sign in again, but old sessions stay ended", async () => {
    expect((await setSuspendedAction(w.a.slug, { membershipId: w.teacherA.membership.id, suspended: true })).ok).toBe(true);
    const before = await auditCount(w.a.id);
    expect((await setSuspendedAction(w.a.slug, { membershipId: w.teacherA.membership.id, suspended: false })).ok).toBe(true);
    expect(await person(w.teacherA.person.id)).toMatchObject({ status: "ACTIVE", sessionVersion: 1 });
    expect(await expectOneNewAuditRow(w.a.id, before)).toMatchObject({ action: "person.reinstated", entityId: w.teacherA.person.id });
    expect(await currentPersonAs({ id: w.teacherA.person.id, sessionVersion: 0 })).toBeNull();
    expect((await currentPersonAs({ id: w.teacherA.person.id, sessionVersion: 1 }))?.id).toBe(w.teacherA.person.id);
  });

  it("nobody can suspend themselves", async () => {
    const before = await schoolState(w.a.id);
    const res = await setSuspendedAction(w.a.slug, { membershipId: w.headA.membership.id, suspended: true });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
    expect(res.ok ? null : res.error).toBe("You cannot suspend your own account.");
  });

  it("a person who has left cannot be suspended or reinstated", async () => {
    const leaver = await makeMember(w.a.id, { endDate: new Date("2023-07-21") });
    await db.person.update({ where: { id: leaver.person.id }, data: { status: "LEFT" } });
    const before = await schoolState(w.a.id);
    for (const suspended of [true, false]) {
      const res = await setSuspendedAction(w.a.slug, { membershipId: leaver.membership.id, suspended });
      await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
    }
  });

  it.each([
    [{ suspended: "yes" }, ["suspended"]],
    [{}, ["suspended"]],
    [{ suspended: true, status: "ACTIVE" }, ["_form"]],
  ])("%j is INVALID on %j and nothing changes", async (bad, keys) => {
    const before = await schoolState(w.a.id);
    const res = await setSuspendedAction(w.a.slug, { membershipId: w.teacherA.membership.id, ...bad });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
    expect(Object.keys(res.ok ? {} : res.fieldErrors ?? {})).toEqual(keys);
  });
});

describe("signOutEverywhereAction", () => {
  const platformRowsBy = (actorId: string) => db.auditEvent.findMany({ where: { chain: PLATFORM_CHAIN, actorId } });

  it("ends every session of the person: old claims are rejected, new ones work; one audit row", async () => {
    const me = await makePerson();
    const oldClaims = { id: me.id, sessionVersion: 0 };
    signInAs(oldClaims);
    expect((await getCurrentPerson())?.id).toBe(me.id);

    const res = await signOutEverywhereAction({});

    expect(res).toEqual({ ok: true, data: undefined });
    expect((await person(me.id)).sessionVersion).toBe(1);
    expect(await currentPersonAs(oldClaims)).toBeNull();
    expect((await currentPersonAs({ id: me.id, sessionVersion: 1 }))?.id).toBe(me.id);
    const rows = await platformRowsBy(me.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "auth.signed_out_everywhere", entityType: "Person", entityId: me.id, schoolId: null });
    expect((await verifyAuditLog(PLATFORM_CHAIN)).broken).toBeNull();
  });

  it("acts only on the signed-in person: others' sessions are untouched", async () => {
    signInAs(w.teacherA.person);
    expect((await signOutEverywhereAction({})).ok).toBe(true);
    expect((await person(w.headA.person.id)).sessionVersion).toBe(0);
    expect((await person(w.teacherA.person.id)).sessionVersion).toBe(1);
  });

  it("with no session it is UNAUTHENTICATED and writes nothing", async () => {
    signOut();
    const before = await schoolState(w.a.id);
    await expectRefusedUnchanged(await signOutEverywhereAction({}), "UNAUTHENTICATED", before, [w.a.id]);
  });

  it("with claims already ended it is UNAUTHENTICATED and changes nothing", async () => {
    const me = await makePerson();
    await db.person.update({ where: { id: me.id }, data: { sessionVersion: 1 } });
    signInAs({ id: me.id, sessionVersion: 0 });
    expect(await signOutEverywhereAction({})).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect((await person(me.id)).sessionVersion).toBe(1);
    expect(await platformRowsBy(me.id)).toHaveLength(0);
  });

  it("an unknown field (e.g. someone else's id) is INVALID and changes nothing", async () => {
    const me = await makePerson();
    signInAs(me);
    const res = await signOutEverywhereAction({ personId: w.headA.person.id });
    expect(res).toMatchObject({ ok: false, code: "INVALID" });
    expect((await person(me.id)).sessionVersion).toBe(0);
    expect((await person(w.headA.person.id)).sessionVersion).toBe(0);
    expect(await platformRowsBy(me.id)).toHaveLength(0);
  });
});
