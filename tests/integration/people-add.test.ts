import { describe, it, expect, beforeEach } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "../support/owner-db";
import { addPersonAction } from "@/lib/people/actions";
import { resolveAccess } from "@/lib/authz/access";
import { getCurrentPerson } from "@/lib/auth/session";
import { makePerson, makeMember, schoolState, auditCount, londonDay } from "../support/fixtures";
import { signInAs } from "../support/session";
import { peopleWorld, REFUSED_IN_A, ALLOWED_IN_A, actAs, expectRefusedUnchanged, expectOneNewAuditRow, type PeopleWorld } from "./helpers";

let w: PeopleWorld;
beforeEach(async () => {
  w = await peopleWorld();
});

const newEmail = () => `new-${randomUUID().slice(0, 8)}@example.org.uk`;
const input = (email = newEmail()) => ({
  name: "Nia New",
  email,
  staffGroup: "TEACHING_ASSISTANT",
  jobTitle: "Teaching assistant, Year 2",
  roles: ["STAFF"],
  startDate: "2026-09-01",
});

describe("addPersonAction: who may", () => {
  it.each(ALLOWED_IN_A)("%s adds a person, with one audit row in the school's chain", async (_who, pick) => {
    const actor = pick(w);
    const email = newEmail();
    const before = await auditCount(w.a.id);
    const otherBefore = await schoolState(w.a2.id, w.b.id);
    signInAs(actor);

    const res = await addPersonAction(w.a.slug, { ...input(), email: `  ${email.toUpperCase()} ` });

    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const person = await db.person.findUniqueOrThrow({ where: { email } });
    expect(person).toMatchObject({ id: res.data.personId, name: "Nia New", status: "ACTIVE", sessionVersion: 0 });
    const m = await db.membership.findUniqueOrThrow({ where: { id: res.data.membershipId } });
    expect(m).toMatchObject({
      schoolId: w.a.id,
      personId: person.id,
      staffGroup: "TEACHING_ASSISTANT",
      jobTitle: "Teaching assistant, Year 2",
      roles: ["STAFF"],
      startDate: new Date("2026-09-01T00:00:00.000Z"),
      endDate: null,
    });
    const row = await expectOneNewAuditRow(w.a.id, before);
    expect(row).toMatchObject({
      action: "person.added",
      actorId: actor.id,
      organisationId: w.trust.id,
      entityType: "Membership",
      entityId: m.id,
      data: { personId: person.id, email, name: "Nia New", staffGroup: "TEACHING_ASSISTANT", roles: ["STAFF"], startDate: "2026-09-01T00:00:00.000Z" },
    });
    // Nothing happened anywhere else.
    expect(await schoolState(w.a2.id, w.b.id)).toEqual(otherBefore);
  });

  it("a trust admin adds people in each school of its trust, each audited in that school's own chain", async () => {
    signInAs(w.trustAdmin);
    const beforeA = await auditCount(w.a.id);
    const beforeA2 = await auditCount(w.a2.id);
    const r1 = await addPersonAction(w.a.slug, input());
    expect(await expectOneNewAuditRow(w.a.id, beforeA)).toMatchObject({ actorId: w.trustAdmin.id, schoolId: w.a.id });
    expect(await auditCount(w.a2.id)).toBe(beforeA2);
    const r2 = await addPersonAction(w.a2.slug, input());
    expect(await expectOneNewAuditRow(w.a2.id, beforeA2)).toMatchObject({ actorId: w.trustAdmin.id, schoolId: w.a2.id });
    expect(await auditCount(w.a.id)).toBe(beforeA + 1);
    expect(r1.ok && r2.ok).toBe(true);
  });

  it("a trust admin gets NOT_FOUND in another trust's school, and nothing is written", async () => {
    const email = newEmail();
    const before = await schoolState(w.b.id);
    signInAs(w.trustAdmin);
    await expectRefusedUnchanged(await addPersonAction(w.b.slug, input(email)), "NOT_FOUND", before, [w.b.id]);
    expect(await db.person.count({ where: { email } })).toBe(0);
  });

  it.each(REFUSED_IN_A)("%s is refused, and nothing is written", async (_who, pick, code) => {
    const email = newEmail();
    const before = await schoolState(w.a.id, w.a2.id, w.b.id);
    actAs(pick(w));
    await expectRefusedUnchanged(await addPersonAction(w.a.slug, input(email)), code, before, [w.a.id, w.a2.id, w.b.id]);
    expect(await db.person.count({ where: { email } })).toBe(0);
  });

  it("someone with no standing in the school hears NOT_FOUND even for bad input (nothing about the form leaks)", async () => {
    signInAs(w.headB.person);
    const res = await addPersonAction(w.a.slug, { ...input(), email: "bad", surprise: 1 });
    expect(res).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(res).not.toHaveProperty("fieldErrors");
  });

  it("a school that does not exist is NOT_FOUND", async () => {
    signInAs(w.headA.person);
    expect(await addPersonAction("no-such-school", input())).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await addPersonAction("x".repeat(500), input())).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("a person whose membership ended yesterday is NOT_FOUND, even if they were the Headteacher", async () => {
    const former = await makeMember(w.a.id, { roles: ["HEADTEACHER"], endDate: await londonDay(-1) });
    const email = newEmail();
    const before = await schoolState(w.a.id);
    signInAs(former.person);
    await expectRefusedUnchanged(await addPersonAction(w.a.slug, input(email)), "NOT_FOUND", before, [w.a.id]);
  });

  it("a suspended Headteacher's session is over: UNAUTHENTICATED", async () => {
    signInAs(w.headA.person);
    await db.person.update({ where: { id: w.headA.person.id }, data: { status: "SUSPENDED" } });
    const before = await schoolState(w.a.id);
    await expectRefusedUnchanged(await addPersonAction(w.a.slug, input()), "UNAUTHENTICATED", before, [w.a.id]);
  });

  it("claims from before a sign-out everywhere are UNAUTHENTICATED", async () => {
    await db.person.update({ where: { id: w.headA.person.id }, data: { sessionVersion: 3 } });
    signInAs({ id: w.headA.person.id, sessionVersion: 2 });
    const before = await schoolState(w.a.id);
    await expectRefusedUnchanged(await addPersonAction(w.a.slug, input()), "UNAUTHENTICATED", before, [w.a.id]);
    signInAs({ id: w.headA.person.id, sessionVersion: 3 });
    expect((await addPersonAction(w.a.slug, input())).ok).toBe(true);
  });
});

describe("addPersonAction: input", () => {
  beforeEach(() => signInAs(w.headA.person));

  it("a bad email is INVALID, with the message on the email field, and nothing is written", async () => {
    const before = await schoolState(w.a.id);
    const res = await addPersonAction(w.a.slug, { ...input(), email: "nia.new@school" });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
    expect(res.ok ? null : res.fieldErrors).toEqual({ email: "Enter an email address like name@school.org.uk" });
    expect(await db.person.count({ where: { email: "nia.new@school" } })).toBe(0);
  });

  it("an unknown field is INVALID and nothing is written (a forged form cannot set status)", async () => {
    const email = newEmail();
    const before = await schoolState(w.a.id);
    const res = await addPersonAction(w.a.slug, { ...input(email), status: "SUSPENDED" });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
    expect(res.ok ? null : res.fieldErrors?._form).toMatch(/status/);
    expect(await db.person.count({ where: { email } })).toBe(0);
  });

  it("a missing start date is INVALID on the startDate field", async () => {
    const email = newEmail();
    const { startDate: _omit, ...noDate } = input(email);
    const before = await schoolState(w.a.id);
    const res = await addPersonAction(w.a.slug, noDate);
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
    expect(res.ok ? null : res.fieldErrors).toEqual({ startDate: "Enter the start date" });
    expect(await db.person.count({ where: { email } })).toBe(0);
  });

  it("several bad fields are reported together, each under its own key", async () => {
    const before = await schoolState(w.a.id);
    const res = await addPersonAction(w.a.slug, { ...input(), name: "", startDate: "2026-02-30", staffGroup: "PIRATE" });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
    expect(Object.keys(res.ok ? {} : res.fieldErrors ?? {}).sort()).toEqual(["name", "staffGroup", "startDate"]);
  });

  it("input that is not an object is INVALID", async () => {
    const before = await schoolState(w.a.id);
    for (const bad of [null, "name=x", 42, []]) {
      await expectRefusedUnchanged(await addPersonAction(w.a.slug, bad), "INVALID", before, [w.a.id]);
    }
  });

  it("adding someone already on this school's list is a CONFLICT on the email field, whatever the case", async () => {
    const before = await schoolState(w.a.id);
    const res = await addPersonAction(w.a.slug, { ...input(), email: w.teacherA.person.email.toUpperCase() });
    await expectRefusedUnchanged(res, "CONFLICT", before, [w.a.id]);
    expect(res.ok ? null : res.fieldErrors).toEqual({ email: "This person is already on this school's list." });
  });

  it("adding someone who works at another school gives them a second membership, not a second account", async () => {
    const before = await auditCount(w.a.id);
    // Their name as the school knows it (case and spacing aside); a wrong one is refused (people-no-leaks).
    const res = await addPersonAction(w.a.slug, { ...input(), name: ` ${w.teacherB.person.name.toUpperCase()} `, email: w.teacherB.person.email });
    expect(res.ok).toBe(true);
    expect(res.ok && res.data.personId).toBe(w.teacherB.person.id);
    expect(await db.person.count({ where: { email: w.teacherB.person.email } })).toBe(1);
    expect((await db.person.findUniqueOrThrow({ where: { id: w.teacherB.person.id } })).name).toBe(w.teacherB.person.name);
    expect(await db.membership.count({ where: { personId: w.teacherB.person.id } })).toBe(2);
    await expectOneNewAuditRow(w.a.id, before);
  });

  it("someone who had left every school is active again when a school adds them", async () => {
    const leaver = await makePerson({ status: "LEFT" });
    const res = await addPersonAction(w.a.slug, { ...input(), email: leaver.email, startDate: "2020-01-01" });
    expect(res.ok).toBe(true);
    expect((await db.person.findUniqueOrThrow({ where: { id: leaver.id } })).status).toBe("ACTIVE");
    signInAs(leaver);
    const me = await getCurrentPerson();
    expect(me?.id).toBe(leaver.id);
    expect(await resolveAccess(me!, w.a.slug)).not.toBeNull();
  });

  it("a suspended person added to another school stays suspended", async () => {
    const suspended = await makePerson({ status: "SUSPENDED" });
    expect((await addPersonAction(w.a.slug, { ...input(), email: suspended.email })).ok).toBe(true);
    expect((await db.person.findUniqueOrThrow({ where: { id: suspended.id } })).status).toBe("SUSPENDED");
  });

  it("the person added can open the school with member permissions once their start date has come", async () => {
    const email = newEmail();
    const res = await addPersonAction(w.a.slug, { ...input(email), startDate: "2021-01-04" });
    expect(res.ok).toBe(true);
    const person = await db.person.findUniqueOrThrow({ where: { email } });
    const ctx = await resolveAccess({ id: person.id, name: person.name, email, authMethod: "password" }, w.a.slug);
    expect([...(ctx?.permissions ?? [])].sort()).toEqual(["declaration:sign", "equipment:hold", "filtering:request", "incident:report", "request:make", "school:view"]);
  });
});

describe("addPersonAction: who may give which role", () => {
  it("the Headteacher may appoint any role, including another Headteacher", async () => {
    signInAs(w.headA.person);
    const res = await addPersonAction(w.a.slug, { ...input(), roles: ["HEADTEACHER", "DPO", "BUSINESS_MANAGER"] });
    expect(res.ok).toBe(true);
  });

  it("a trust admin may appoint a Headteacher", async () => {
    signInAs(w.trustAdmin);
    expect((await addPersonAction(w.a.slug, { ...input(), roles: ["HEADTEACHER"] })).ok).toBe(true);
  });

  it.each([
    ["the Business Manager", (x: PeopleWorld) => x.bmA.person, ["HEADTEACHER"]],
    ["the Business Manager", (x: PeopleWorld) => x.bmA.person, ["DPO"]],
    ["the ICT lead", (x: PeopleWorld) => x.ictA.person, ["HEADTEACHER"]],
    ["the ICT lead", (x: PeopleWorld) => x.ictA.person, ["BUSINESS_MANAGER"]],
  ] as const)("%s may not appoint a role with more power than their own (%j)", async (_who, pick, roles) => {
    const email = newEmail();
    const before = await schoolState(w.a.id);
    signInAs(pick(w));
    const res = await addPersonAction(w.a.slug, { ...input(email), roles: [...roles] });
    await expectRefusedUnchanged(res, "INVALID", before, [w.a.id]);
    expect(res.ok ? null : res.fieldErrors?.roles).toMatch(/cannot give or remove/);
    expect(await db.person.count({ where: { email } })).toBe(0);
  });

  it("the ICT lead may appoint roles within their own powers", async () => {
    signInAs(w.ictA.person);
    expect((await addPersonAction(w.a.slug, { ...input(), roles: ["STAFF", "ICT_LEAD"] })).ok).toBe(true);
  });
});
