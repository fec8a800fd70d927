import { describe, it, expect, beforeEach } from "vitest";
import { db } from "../support/owner-db";
import { runInScope } from "@/lib/db/context";
import { addPersonAction, setSuspendedAction, markLeaverAction } from "@/lib/people/actions";
import { listPeople } from "@/lib/people/queries";
import { makeMember, schoolState, auditCount } from "../support/fixtures";
import { signInAs } from "../support/session";
import { peopleWorld, expectRefusedUnchanged, expectOneNewAuditRow, person, type PeopleWorld } from "./helpers";

// Issue 6, point 7: adding a person whose email belongs to another organisation reveals nothing about them
// there, and the people list shows each person's status in this organisation only.

let w: PeopleWorld;
beforeEach(async () => {
  w = await peopleWorld();
});

const add = (slug: string, name: string, email: string) =>
  addPersonAction(slug, { name, email, staffGroup: "SUPPLY", jobTitle: "", roles: ["STAFF"], startDate: "2021-09-01" });
const membershipIdOf = (res: unknown) => (res as { ok: true; data: { membershipId: string } }).data.membershipId;
// The people page's query, in the school's scope as the page has it (requireMember).
const rowFor = async (school: { id: string; organisationId: string }, personId: string, includeLeavers = false) =>
  (await runInScope({ schoolId: school.id }, () => listPeople(school, { includeLeavers }))).find((m) => m.personId === personId);

describe("adding someone from another organisation", () => {
  /** Three people of school A: active, suspended by A's Head, and left. */
  async function threeOfA() {
    const suspended = await makeMember(w.a.id, { name: "Suspended Person" });
    signInAs(w.headA.person);
    expect((await setSuspendedAction(w.a.slug, { membershipId: suspended.membership.id, suspended: true })).ok).toBe(true);
    const left = await makeMember(w.a.id, { name: "Left Person", startDate: new Date("2019-09-01"), endDate: new Date("2020-07-20") });
    await db.person.update({ where: { id: left.person.id }, data: { status: "LEFT" } });
    return { active: w.teacherA, suspended, left };
  }

  it("with a name that is not theirs: refused on the name field with one sentence for all, naming nobody, and nothing changes", async () => {
    const people = await threeOfA();
    signInAs(w.headB.person);
    const answers = [];
    for (const p of [people.active, people.suspended, people.left]) {
      const before = await schoolState(w.a.id, w.b.id);
      const res = await add(w.b.slug, "Someone Else", p.person.email);
      await expectRefusedUnchanged(res, "INVALID", before, [w.a.id, w.b.id]);
      answers.push(res);
      expect(JSON.stringify(res)).not.toContain(p.person.name);
      expect(JSON.stringify(res)).not.toMatch(/suspend|left|leaver|another organisation/i);
    }
    // Active, suspended or left elsewhere: the same answer, so it says nothing about their status.
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({
      fieldErrors: { name: "This email address is already in use under another name. Check their full name and email address with them." },
    });
  });

  it("with their name: added, and the record shows what this school entered, not what the other organisation holds", async () => {
    signInAs(w.headB.person);
    const before = await auditCount(w.b.id);
    const typed = w.teacherA.person.name.toLowerCase();
    const res = await add(w.b.slug, typed, w.teacherA.person.email);
    expect(res.ok).toBe(true);
    const row = await expectOneNewAuditRow(w.b.id, before);
    expect(row.data).toMatchObject({ name: typed, personId: w.teacherA.person.id });
  });

  it("someone suspended by another organisation shows as active here, and stays suspended there", async () => {
    const { suspended } = await threeOfA();
    signInAs(w.headB.person);
    expect((await add(w.b.slug, suspended.person.name, suspended.person.email)).ok).toBe(true);
    expect((await person(suspended.person.id)).status).toBe("SUSPENDED");
    expect((await rowFor(w.b, suspended.person.id))?.statusHere).toBe("ACTIVE");
    expect((await rowFor(w.a, suspended.person.id))?.statusHere).toBe("SUSPENDED");
  });

  it("someone who left another organisation joins this one as active, and is still a leaver there", async () => {
    const { left } = await threeOfA();
    signInAs(w.headB.person);
    const res = await add(w.b.slug, left.person.name, left.person.email);
    expect(res.ok).toBe(true);
    expect((await person(left.person.id)).status).toBe("ACTIVE");
    expect((await rowFor(w.b, left.person.id))?.statusHere).toBe("ACTIVE");
    const there = await rowFor(w.a, left.person.id, true);
    expect(there?.endDate).toEqual(new Date("2020-07-20"));
    expect(await rowFor(w.a, left.person.id)).toBeUndefined();
  });
});

describe("the people list shows the status in this organisation", () => {
  it("a person suspended by this organisation shows as suspended in each of its schools", async () => {
    const p = await makeMember(w.a.id);
    await db.membership.create({ data: { schoolId: w.a2.id, personId: p.person.id, staffGroup: "TEACHER", roles: ["STAFF"], startDate: new Date("2021-09-01") } });
    signInAs(w.trustAdmin);
    expect((await setSuspendedAction(w.a.slug, { membershipId: p.membership.id, suspended: true })).ok).toBe(true);
    expect((await rowFor(w.a, p.person.id))?.statusHere).toBe("SUSPENDED");
    expect((await rowFor(w.a2, p.person.id))?.statusHere).toBe("SUSPENDED");
  });

  it("a suspension with no record (as loaded data may have) is this organisation's while all their schools are ours", async () => {
    const p = await makeMember(w.a.id, { name: "Loaded Suspension" });
    await db.person.update({ where: { id: p.person.id }, data: { status: "SUSPENDED" } });
    expect((await rowFor(w.a, p.person.id))?.statusHere).toBe("SUSPENDED");
    signInAs(w.headB.person);
    expect((await add(w.b.slug, "Loaded Suspension", p.person.email)).ok).toBe(true);
    expect((await rowFor(w.b, p.person.id))?.statusHere).toBe("ACTIVE");
  });

  it("after reinstatement they are active again everywhere", async () => {
    const p = await makeMember(w.a.id);
    signInAs(w.headA.person);
    await setSuspendedAction(w.a.slug, { membershipId: p.membership.id, suspended: true });
    await setSuspendedAction(w.a.slug, { membershipId: p.membership.id, suspended: false });
    expect((await rowFor(w.a, p.person.id))?.statusHere).toBe("ACTIVE");
  });

  it("a supply teacher who left a school of another organisation (account left everywhere) is active at the new one", async () => {
    const p = await makeMember(w.b.id, { name: "Supply Teacher" });
    signInAs(w.headB.person);
    expect((await markLeaverAction(w.b.slug, { membershipId: p.membership.id, endDate: "2021-07-20" })).ok).toBe(true);
    expect((await person(p.person.id)).status).toBe("LEFT");
    signInAs(w.headA.person);
    expect((await add(w.a.slug, "Supply Teacher", p.person.email)).ok).toBe(true);
    expect((await rowFor(w.a, p.person.id))?.statusHere).toBe("ACTIVE");
  });
});
