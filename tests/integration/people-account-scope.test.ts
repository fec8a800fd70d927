import { describe, it, expect, beforeEach } from "vitest";
import { db } from "../support/owner-db";
import { addPersonAction, markLeaverAction, setSuspendedAction } from "@/lib/people/actions";
import { schoolState } from "../support/fixtures";
import { signInAs } from "../support/session";
import { peopleWorld, type PeopleWorld } from "./helpers";

// Suspension and leaving change a whole account. A school must not be able to use them on someone who
// belongs to another organisation (found in review: add a stranger by email, then suspend them).

let w: PeopleWorld;
beforeEach(async () => {
  w = await peopleWorld();
});

const person = (id: string) => db.person.findUniqueOrThrow({ where: { id } });

describe("whole-account changes stay within the organisation", () => {
  it("the head of another trust adds a teacher of school A by email, then cannot suspend them", async () => {
    signInAs(w.headB.person);
    const added = await addPersonAction(w.b.slug, {
      name: "Teacher of A",
      email: w.teacherA.person.email,
      staffGroup: "VOLUNTEER",
      jobTitle: "",
      roles: [],
      startDate: "2020-01-01",
    });
    expect(added.ok).toBe(true);
    const membershipId = (added as { ok: true; data: { membershipId: string } }).data.membershipId;
    const before = await schoolState(w.a.id, w.b.id);
    const res = await setSuspendedAction(w.b.slug, { membershipId, suspended: true });
    expect(res).toMatchObject({ ok: false, code: "INVALID", error: expect.stringContaining("another organisation") });
    expect(await person(w.teacherA.person.id)).toMatchObject({ status: "ACTIVE", sessionVersion: 0 });
    expect(await schoolState(w.a.id, w.b.id)).toEqual(before);
  });

  it("a trust administrator added to another school and then marked as a leaver there stays active", async () => {
    const admin = await person(w.trustAdmin.id);
    signInAs(w.headB.person);
    const added = await addPersonAction(w.b.slug, { name: admin.name, email: admin.email, staffGroup: "VOLUNTEER", jobTitle: "", roles: [], startDate: "2020-01-01" });
    const membershipId = (added as { ok: true; data: { membershipId: string } }).data.membershipId;
    expect((await markLeaverAction(w.b.slug, { membershipId, endDate: "2020-01-02" })).ok).toBe(true);
    expect(await person(w.trustAdmin.id)).toMatchObject({ status: "ACTIVE", sessionVersion: admin.sessionVersion });
    expect((await setSuspendedAction(w.b.slug, { membershipId, suspended: true })).ok).toBe(false);
    expect((await person(w.trustAdmin.id)).status).toBe("ACTIVE");
  });

  it("a Business Manager cannot suspend or mark as leaver the Headteacher, whose role they could not give", async () => {
    signInAs(w.bmA.person);
    const before = await schoolState(w.a.id);
    expect(await setSuspendedAction(w.a.slug, { membershipId: w.headA.membership.id, suspended: true })).toMatchObject({ ok: false, code: "INVALID" });
    expect(await markLeaverAction(w.a.slug, { membershipId: w.headA.membership.id, endDate: "2026-01-01" })).toMatchObject({ ok: false, code: "INVALID" });
    expect(await person(w.headA.person.id)).toMatchObject({ status: "ACTIVE" });
    expect(await schoolState(w.a.id)).toEqual(before);
  });
});
