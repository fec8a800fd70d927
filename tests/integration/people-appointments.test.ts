import { describe, it, expect, beforeEach } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "../support/owner-db";
import { addPersonAction, changeRolesAction, markLeaverAction, setSuspendedAction } from "@/lib/people/actions";
import type { SchoolRole } from "@/generated/prisma/enums";
import { makeMember, schoolState, auditCount } from "../support/fixtures";
import { signInAs } from "../support/session";
import { peopleWorld, expectRefusedUnchanged, expectOneNewAuditRow, person, type PeopleWorld } from "./helpers";

// Issue 6, point 4: appointments stay with those who may make them; nobody changes their own roles;
// suspending or reinstating counts the person's roles in every school of the organisation.

let w: PeopleWorld;
beforeEach(async () => {
  w = await peopleWorld();
});

const rolesOf = async (membershipId: string) => (await db.membership.findUniqueOrThrow({ where: { id: membershipId } })).roles;
type Pick = (w: PeopleWorld) => { id: string };
const BM: Pick = (x) => x.bmA.person;
const ICT: Pick = (x) => x.ictA.person;
const HEAD: Pick = (x) => x.headA.person;
const ADMIN: Pick = (x) => x.trustAdmin;

describe("appointing and removing, through changeRolesAction in school A", () => {
  // [who, actor, whose membership, roles before, roles after]: each is refused and nothing changes.
  const REFUSED: [string, Pick, (x: PeopleWorld) => { membership: { id: string } }, SchoolRole[]][] = [
    ["the Business Manager makes a teacher Chair of Governors", BM, (x) => x.teacherA, ["STAFF", "CHAIR_OF_GOVERNORS"]],
    ["the Business Manager makes a teacher a Governor", BM, (x) => x.teacherA, ["STAFF", "GOVERNOR"]],
    ["the Business Manager removes a Governor", BM, (x) => x.governorA, []],
    ["the Business Manager appoints a DSL", BM, (x) => x.teacherA, ["STAFF", "DSL"]],
    ["the ICT lead appoints a DSL", ICT, (x) => x.teacherA, ["STAFF", "DSL"]],
    ["the ICT lead removes the DSL", ICT, (x) => x.dslA, []],
    ["the ICT lead appoints a Deputy DSL", ICT, (x) => x.teacherA, ["STAFF", "DEPUTY_DSL"]],
    ["the ICT lead appoints a Deputy Head", ICT, (x) => x.teacherA, ["STAFF", "DEPUTY_HEAD"]],
    ["the ICT lead makes a teacher Chair of Governors", ICT, (x) => x.teacherA, ["STAFF", "CHAIR_OF_GOVERNORS"]],
    ["the Headteacher makes a governor Chair of Governors", HEAD, (x) => x.governorA, ["GOVERNOR", "CHAIR_OF_GOVERNORS"]],
  ];

  it.each(REFUSED)("%s: refused, and nothing changes", async (_what, actor, target, roles) => {
    const before = await schoolState(w.a.id, w.a2.id, w.b.id);
    signInAs(actor(w));
    const res = await changeRolesAction(w.a.slug, { membershipId: target(w).membership.id, roles });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id, w.a2.id, w.b.id]);
    expect(res.ok ? null : res.fieldErrors?.roles).toMatch(/^You cannot give or remove the roles?: /);
  });

  const ALLOWED: [string, Pick, (x: PeopleWorld) => { membership: { id: string } }, SchoolRole[]][] = [
    ["the Headteacher appoints a DSL", HEAD, (x) => x.teacherA, ["STAFF", "DSL"]],
    ["the Headteacher removes the DSL", HEAD, (x) => x.dslA, ["STAFF"]],
    ["the Headteacher appoints a Deputy Head and a Deputy DSL", HEAD, (x) => x.teacherA, ["STAFF", "DEPUTY_HEAD", "DEPUTY_DSL"]],
    ["the Headteacher appoints a Governor", HEAD, (x) => x.teacherA, ["STAFF", "GOVERNOR"]],
    ["the trust admin makes a governor Chair of Governors", ADMIN, (x) => x.governorA, ["GOVERNOR", "CHAIR_OF_GOVERNORS"]],
    ["the trust admin appoints a DSL", ADMIN, (x) => x.teacherA, ["DSL"]],
  ];

  it.each(ALLOWED)("%s, with one audit row", async (_what, actor, target, roles) => {
    const before = await auditCount(w.a.id);
    signInAs(actor(w));
    const res = await changeRolesAction(w.a.slug, { membershipId: target(w).membership.id, roles });
    expect(res).toEqual({ ok: true, data: undefined });
    expect(await rolesOf(target(w).membership.id)).toEqual(roles);
    expect(await expectOneNewAuditRow(w.a.id, before)).toMatchObject({ action: "person.roles_changed", actorId: actor(w).id });
  });

  it("the Business Manager may still change the ordinary roles of a Governor's membership, leaving the appointment alone", async () => {
    signInAs(w.bmA.person);
    expect((await changeRolesAction(w.a.slug, { membershipId: w.governorA.membership.id, roles: ["GOVERNOR", "STAFF"] })).ok).toBe(true);
    expect(await rolesOf(w.governorA.membership.id)).toEqual(["GOVERNOR", "STAFF"]);
  });

  it("adding a person as Chair of Governors or DSL is refused to the Business Manager, and nobody is created", async () => {
    signInAs(w.bmA.person);
    for (const roles of [["CHAIR_OF_GOVERNORS"], ["GOVERNOR"], ["DSL"], ["DEPUTY_HEAD"]] as SchoolRole[][]) {
      const email = `new-${randomUUID().slice(0, 8)}@example.org.uk`;
      const before = await schoolState(w.a.id);
      const res = await addPersonAction(w.a.slug, { name: "Nia New", email, staffGroup: "GOVERNOR", jobTitle: "", roles, startDate: "2026-09-01" });
      await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
      expect(await db.person.count({ where: { email } })).toBe(0);
    }
  });
});

describe("nobody changes their own roles", () => {
  it("a Business Manager cannot make themselves Chair of Governors (nor a Governor)", async () => {
    const before = await schoolState(w.a.id);
    signInAs(w.bmA.person);
    for (const roles of [["BUSINESS_MANAGER", "CHAIR_OF_GOVERNORS"], ["BUSINESS_MANAGER", "GOVERNOR"]] as SchoolRole[][]) {
      const res = await changeRolesAction(w.a.slug, { membershipId: w.bmA.membership.id, roles });
      await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
      expect(res.ok ? null : res.fieldErrors).toEqual({ roles: "You cannot change your own roles: ask another administrator." });
    }
  });

  it("a Headteacher cannot give themselves a role they could give anyone else, nor drop one", async () => {
    await makeMember(w.a.id, { roles: ["HEADTEACHER"] });
    const before = await schoolState(w.a.id);
    signInAs(w.headA.person);
    for (const roles of [["HEADTEACHER", "DSL"], ["STAFF"], []] as SchoolRole[][]) {
      const res = await changeRolesAction(w.a.slug, { membershipId: w.headA.membership.id, roles });
      await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
    }
  });

  it("a trust admin who is also on a school's list cannot change their own roles there", async () => {
    const admin = await person(w.trustAdmin.id);
    const own = await db.membership.create({
      data: { schoolId: w.a.id, personId: admin.id, staffGroup: "OFFICE", roles: ["STAFF"], startDate: new Date("2020-09-01") },
    });
    const before = await schoolState(w.a.id);
    signInAs(w.trustAdmin);
    const res = await changeRolesAction(w.a.slug, { membershipId: own.id, roles: ["STAFF", "CHAIR_OF_GOVERNORS"] });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
  });

  it("a trust admin cannot add themselves to a school with a role", async () => {
    const admin = await person(w.trustAdmin.id);
    const before = await schoolState(w.a.id);
    signInAs(w.trustAdmin);
    const res = await addPersonAction(w.a.slug, { name: admin.name, email: admin.email, staffGroup: "OFFICE", jobTitle: "", roles: ["HEADTEACHER"], startDate: "2026-09-01" });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
    expect(res.ok ? null : res.fieldErrors).toEqual({ email: "You cannot add yourself or give yourself roles: ask another administrator." });
  });

  it("nobody marks themselves as a leaver (it ends their roles)", async () => {
    const before = await schoolState(w.a.id);
    signInAs(w.bmA.person);
    const res = await markLeaverAction(w.a.slug, { membershipId: w.bmA.membership.id, endDate: "2026-01-01" });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
  });
});

describe("suspending and reinstating count every school of the organisation", () => {
  /** Staff at school A, and with `rolesInA2` at the sibling school A2 of the same trust. */
  async function inBothSchools(rolesInA2: SchoolRole[]) {
    const p = await makeMember(w.a.id, { roles: ["STAFF"], name: "Works in two schools" });
    await db.membership.create({ data: { schoolId: w.a2.id, personId: p.person.id, staffGroup: "TEACHER", roles: rolesInA2, startDate: new Date("2021-09-01") } });
    return p;
  }

  it("school A's Business Manager cannot suspend the sibling school's DSL who is only staff at A; nothing changes", async () => {
    const dsl = await inBothSchools(["DSL"]);
    const before = await schoolState(w.a.id, w.a2.id);
    signInAs(w.bmA.person);
    const res = await setSuspendedAction(w.a.slug, { membershipId: dsl.membership.id, suspended: true });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id, w.a2.id]);
    expect(await person(dsl.person.id)).toMatchObject({ status: "ACTIVE", sessionVersion: 0 });
  });

  it("even school A's Headteacher cannot: they give no role in the sibling school", async () => {
    const dsl = await inBothSchools(["DSL"]);
    const before = await schoolState(w.a.id, w.a2.id);
    signInAs(w.headA.person);
    await expectRefusedUnchanged(await setSuspendedAction(w.a.slug, { membershipId: dsl.membership.id, suspended: true }), "INVALID", before, [w.a.id, w.a2.id]);
  });

  it("a plain member of staff in both schools is still beyond school A alone", async () => {
    const staff = await inBothSchools(["STAFF"]);
    const before = await schoolState(w.a.id, w.a2.id);
    signInAs(w.bmA.person);
    await expectRefusedUnchanged(await setSuspendedAction(w.a.slug, { membershipId: staff.membership.id, suspended: true }), "INVALID", before, [w.a.id, w.a2.id]);
  });

  it("school A's Business Manager cannot reinstate someone the sibling school's Head suspended", async () => {
    const p = await makeMember(w.a2.id, { roles: ["STAFF"], name: "Suspended at A2" });
    signInAs(w.headA2.person);
    expect((await setSuspendedAction(w.a2.slug, { membershipId: p.membership.id, suspended: true })).ok).toBe(true);
    // School A takes them on too, then tries to lift the sibling school's suspension.
    signInAs(w.bmA.person);
    const added = await addPersonAction(w.a.slug, { name: p.person.name, email: p.person.email, staffGroup: "TEACHER", jobTitle: "", roles: ["STAFF"], startDate: "2021-09-01" });
    expect(added.ok).toBe(true);
    const membershipId = (added as { ok: true; data: { membershipId: string } }).data.membershipId;
    const before = await schoolState(w.a.id, w.a2.id);
    const res = await setSuspendedAction(w.a.slug, { membershipId, suspended: false });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id, w.a2.id]);
    expect((await person(p.person.id)).status).toBe("SUSPENDED");
  });

  it("the trust admin, who manages people in both schools, may suspend them", async () => {
    const dsl = await inBothSchools(["DSL"]);
    const before = await auditCount(w.a.id);
    signInAs(w.trustAdmin);
    expect((await setSuspendedAction(w.a.slug, { membershipId: dsl.membership.id, suspended: true })).ok).toBe(true);
    expect((await person(dsl.person.id)).status).toBe("SUSPENDED");
    await expectOneNewAuditRow(w.a.id, before);
  });

  it("someone who is Headteacher of both schools may suspend a member of staff of both", async () => {
    const staff = await inBothSchools(["STAFF"]);
    await db.membership.create({ data: { schoolId: w.a2.id, personId: w.headA.person.id, staffGroup: "TEACHER", roles: ["HEADTEACHER"], startDate: new Date("2020-09-01") } });
    signInAs(w.headA.person);
    expect((await setSuspendedAction(w.a.slug, { membershipId: staff.membership.id, suspended: true })).ok).toBe(true);
    expect((await person(staff.person.id)).status).toBe("SUSPENDED");
  });

  it("a membership of the sibling school that has ended no longer counts", async () => {
    const p = await makeMember(w.a.id, { roles: ["STAFF"] });
    await db.membership.create({
      data: { schoolId: w.a2.id, personId: p.person.id, staffGroup: "TEACHER", roles: ["DSL"], startDate: new Date("2018-09-01"), endDate: new Date("2019-07-19") },
    });
    signInAs(w.bmA.person);
    expect((await setSuspendedAction(w.a.slug, { membershipId: p.membership.id, suspended: true })).ok).toBe(true);
  });
});
