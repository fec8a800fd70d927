import { describe, it, expect, beforeEach } from "vitest";
import { db } from "../support/owner-db";
import { changeRolesAction } from "@/lib/people/actions";
import { resolveAccess } from "@/lib/authz/access";
import { makeMember, schoolState, auditCount, londonDay } from "../support/fixtures";
import { signInAs } from "../support/session";
import { peopleWorld, REFUSED_IN_A, ALLOWED_IN_A, actAs, expectRefusedUnchanged, expectOneNewAuditRow, type PeopleWorld } from "./helpers";

let w: PeopleWorld;
beforeEach(async () => {
  w = await peopleWorld();
});

const rolesOf = async (membershipId: string) => (await db.membership.findUniqueOrThrow({ where: { id: membershipId } })).roles;

describe("changeRolesAction: who may", () => {
  it.each(ALLOWED_IN_A)("%s changes a person's roles, with one audit row", async (_who, pick) => {
    const actor = pick(w);
    // Staff is a role every people manager may give (appointments have their own tests).
    const volunteer = await makeMember(w.a.id, { roles: [], staffGroup: "VOLUNTEER" });
    const before = await auditCount(w.a.id);
    const others = await schoolState(w.a2.id, w.b.id);
    signInAs(actor);
    const res = await changeRolesAction(w.a.slug, { membershipId: volunteer.membership.id, roles: ["STAFF", "STAFF"] });
    expect(res).toEqual({ ok: true, data: undefined });
    expect(await rolesOf(volunteer.membership.id)).toEqual(["STAFF"]);
    const row = await expectOneNewAuditRow(w.a.id, before);
    expect(row).toMatchObject({
      action: "person.roles_changed",
      actorId: actor.id,
      entityType: "Membership",
      entityId: volunteer.membership.id,
      data: { personId: volunteer.person.id, from: [], to: ["STAFF"] },
    });
    expect(await schoolState(w.a2.id, w.b.id)).toEqual(others);
  });

  it("the new roles take effect at the person's next request", async () => {
    const who = { id: w.teacherA.person.id, name: "", email: "", authMethod: "password" };
    expect((await resolveAccess(who, w.a.slug))?.permissions.has("people:read")).toBe(false);
    signInAs(w.headA.person);
    expect((await changeRolesAction(w.a.slug, { membershipId: w.teacherA.membership.id, roles: ["DEPUTY_HEAD"] })).ok).toBe(true);
    expect((await resolveAccess(who, w.a.slug))?.permissions.has("people:read")).toBe(true);
  });

  it("a trust admin changes roles in the sibling school too, but gets NOT_FOUND in another trust", async () => {
    signInAs(w.trustAdmin);
    const before = await auditCount(w.a2.id);
    expect((await changeRolesAction(w.a2.slug, { membershipId: w.headA2.membership.id, roles: ["HEADTEACHER", "DSL"] })).ok).toBe(true);
    await expectOneNewAuditRow(w.a2.id, before);
    const stateB = await schoolState(w.b.id);
    const res = await changeRolesAction(w.b.slug, { membershipId: w.teacherB.membership.id, roles: ["DSL"] });
    await expectRefusedUnchanged(res, "NOT_FOUND", stateB, [w.b.id]);
  });

  it.each(REFUSED_IN_A)("%s is refused, and nothing changes", async (_who, pick, code) => {
    const before = await schoolState(w.a.id, w.a2.id, w.b.id);
    actAs(pick(w));
    const res = await changeRolesAction(w.a.slug, { membershipId: w.teacherA.membership.id, roles: ["HEADTEACHER"] });
    await expectRefusedUnchanged(res, code, before, [w.a.id, w.a2.id, w.b.id]);
  });

  it("a teacher cannot give themselves a role", async () => {
    const before = await schoolState(w.a.id);
    signInAs(w.teacherA.person);
    const res = await changeRolesAction(w.a.slug, { membershipId: w.teacherA.membership.id, roles: ["STAFF", "DSL"] });
    await expectRefusedUnchanged(res, "FORBIDDEN", before, [w.a.id]);
  });
});

describe("changeRolesAction: the membership must be this school's", () => {
  it("a membership id of another school, through this school, is NOT_FOUND and changes nothing anywhere", async () => {
    const before = await schoolState(w.a.id, w.b.id);
    signInAs(w.headA.person);
    const res = await changeRolesAction(w.a.slug, { membershipId: w.teacherB.membership.id, roles: ["DSL"] });
    await expectRefusedUnchanged(res, "NOT_FOUND", before, [w.a.id, w.b.id]);
    expect(res.ok ? null : res.error).toBe("That person was not found.");
  });

  it("a membership of the sibling school is NOT_FOUND for school A's head", async () => {
    const before = await schoolState(w.a.id, w.a2.id);
    signInAs(w.headA.person);
    const res = await changeRolesAction(w.a.slug, { membershipId: w.headA2.membership.id, roles: [] });
    await expectRefusedUnchanged(res, "NOT_FOUND", before, [w.a.id, w.a2.id]);
  });

  it("an id that does not exist is NOT_FOUND", async () => {
    const before = await schoolState(w.a.id);
    signInAs(w.headA.person);
    await expectRefusedUnchanged(await changeRolesAction(w.a.slug, { membershipId: "nope", roles: [] }), "NOT_FOUND", before, [w.a.id]);
  });
});

describe("changeRolesAction: input", () => {
  beforeEach(() => signInAs(w.headA.person));

  it.each([
    [{ membershipId: "x", roles: ["KING"] }, "roles.0"],
    [{ membershipId: "x", roles: "STAFF" }, "roles"],
    [{ roles: ["STAFF"] }, "membershipId"],
    [{ membershipId: "x", roles: ["STAFF"], schoolId: "elsewhere" }, "_form"],
  ])("%j is INVALID on %s, and nothing changes", async (bad, key) => {
    const body = { ...bad, ...("membershipId" in bad ? { membershipId: w.teacherA.membership.id } : {}) };
    const before = await schoolState(w.a.id);
    const res = await changeRolesAction(w.a.slug, body);
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
    expect(Object.keys(res.ok ? {} : res.fieldErrors ?? {})).toEqual([key]);
  });
});

describe("changeRolesAction: the last Headteacher", () => {
  // The trust admin acts: a Headteacher cannot change their own roles at all.
  beforeEach(() => signInAs(w.trustAdmin));

  it("the only Headteacher cannot drop the role; the field says why and nothing changes", async () => {
    const before = await schoolState(w.a.id);
    const res = await changeRolesAction(w.a.slug, { membershipId: w.headA.membership.id, roles: ["STAFF"] });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
    expect(res.ok ? null : res.fieldErrors).toEqual({ roles: "A school must keep at least one Headteacher." });
  });

  it("with a second Headteacher in post, one of them may drop the role", async () => {
    await makeMember(w.a.id, { roles: ["HEADTEACHER"] });
    const res = await changeRolesAction(w.a.slug, { membershipId: w.headA.membership.id, roles: ["STAFF"] });
    expect(res.ok).toBe(true);
    expect(await rolesOf(w.headA.membership.id)).toEqual(["STAFF"]);
  });

  it("a suspended second Headteacher does not count as one in post", async () => {
    const other = await makeMember(w.a.id, { roles: ["HEADTEACHER"] });
    await db.person.update({ where: { id: other.person.id }, data: { status: "SUSPENDED" } });
    const before = await schoolState(w.a.id);
    const res = await changeRolesAction(w.a.slug, { membershipId: w.headA.membership.id, roles: ["STAFF"] });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
  });

  it("a Headteacher who has not started yet does not count as one in post", async () => {
    await makeMember(w.a.id, { roles: ["HEADTEACHER"], startDate: await londonDay(30) });
    const before = await schoolState(w.a.id);
    const res = await changeRolesAction(w.a.slug, { membershipId: w.headA.membership.id, roles: ["STAFF"] });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
  });

  it("a former Headteacher (membership ended) may lose the role while the school keeps its one head", async () => {
    const former = await makeMember(w.a.id, { roles: ["HEADTEACHER"], startDate: new Date("2010-09-01"), endDate: new Date("2019-08-31") });
    const res = await changeRolesAction(w.a.slug, { membershipId: former.membership.id, roles: ["STAFF"] });
    expect(res.ok).toBe(true);
    expect(await rolesOf(former.membership.id)).toEqual(["STAFF"]);
  });

  it("adding roles to the only Headteacher is fine", async () => {
    const res = await changeRolesAction(w.a.slug, { membershipId: w.headA.membership.id, roles: ["HEADTEACHER", "DSL"] });
    expect(res.ok).toBe(true);
  });
});

describe("changeRolesAction: nobody gives or removes more power than they hold", () => {
  it("the ICT lead cannot make anyone Headteacher, themselves included", async () => {
    const before = await schoolState(w.a.id);
    signInAs(w.ictA.person);
    const res = await changeRolesAction(w.a.slug, { membershipId: w.teacherA.membership.id, roles: ["STAFF", "HEADTEACHER"] });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
    expect(res.ok ? null : res.fieldErrors?.roles).toBe("You cannot give or remove the role: Headteacher.");
    const own = await changeRolesAction(w.a.slug, { membershipId: w.ictA.membership.id, roles: ["ICT_LEAD", "HEADTEACHER"] });
    await expectRefusedUnchanged(own, "INVALID", before, [w.a.id]);
  });

  it("the Business Manager cannot make themselves DPO (audit access), nor take the Headteacher role away", async () => {
    await makeMember(w.a.id, { roles: ["HEADTEACHER"] });
    const before = await schoolState(w.a.id);
    signInAs(w.bmA.person);
    await expectRefusedUnchanged(
      await changeRolesAction(w.a.slug, { membershipId: w.bmA.membership.id, roles: ["BUSINESS_MANAGER", "DPO"] }),
      "INVALID",
      before,
      [w.a.id],
    );
    await expectRefusedUnchanged(
      await changeRolesAction(w.a.slug, { membershipId: w.headA.membership.id, roles: ["STAFF"] }),
      "INVALID",
      before,
      [w.a.id],
    );
  });

  it("the Business Manager may still change the other roles of a Headteacher's membership", async () => {
    signInAs(w.bmA.person);
    const res = await changeRolesAction(w.a.slug, { membershipId: w.headA.membership.id, roles: ["HEADTEACHER", "STAFF"] });
    expect(res.ok).toBe(true);
  });

  it("a trust admin may appoint a Headteacher", async () => {
    signInAs(w.trustAdmin);
    const res = await changeRolesAction(w.a.slug, { membershipId: w.teacherA.membership.id, roles: ["HEADTEACHER"] });
    expect(res.ok).toBe(true);
    expect(await rolesOf(w.teacherA.membership.id)).toEqual(["HEADTEACHER"]);
  });
});
