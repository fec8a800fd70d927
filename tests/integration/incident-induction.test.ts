import { describe, it, expect } from "vitest";
import { db } from "../support/owner-db";
import { reportIncidentAction, acknowledgeIncidentAction } from "@/lib/incidents/actions";
import { makeMember } from "../support/fixtures";
import { signInAs } from "../support/session";
import { policyWorld, ctxOf, publishedPolicy } from "./policies-world";
import { hoursAgo } from "./incident-world";

// KCSIE: a concern is reported at once. A new starter held at the signing page by the induction gate
// may still report; everything else stays behind the gate.

describe("reporting during induction", () => {
  it("a new starter who has not signed the induction policy can report a concern, and can do nothing else", async () => {
    const w = await policyWorld();
    const head = await ctxOf(w.headA.person, w.a.slug);
    // Published yesterday: settled staff are not yet overdue, so only the new starter is held.
    await publishedPolicy(head, { publishedAt: new Date(Date.now() - 86_400_000), audience: ["TEACHER"] });
    const starter = await makeMember(w.a.id, { roles: ["DSL", "STAFF"], staffGroup: "TEACHER", name: "New DSL", startDate: new Date() });
    const dsl = await makeMember(w.a.id, { roles: ["DSL"], name: "Settled DSL" });
    signInAs(starter.person);
    const res = await reportIncidentAction(w.a.slug, {
      category: "SAFEGUARDING", description: "A pupil told me something worrying at lunch.", occurredAt: "", awareAt: hoursAgo(0.5),
      location: "", subjectIds: [], pupilRefs: "Y4-7", immediateAction: "",
    });
    expect(res).toMatchObject({ ok: true });
    if (!res.ok) return;
    expect(await db.incident.findUniqueOrThrow({ where: { id: res.data.id } })).toMatchObject({ reporterId: starter.person.id, category: "SAFEGUARDING" });
    // Handling is still behind the gate, even for a DSL.
    signInAs(dsl.person);
    expect((await acknowledgeIncidentAction(w.a.slug, { incidentId: res.data.id })).ok).toBe(true);
    signInAs(starter.person);
    expect(await acknowledgeIncidentAction(w.a.slug, { incidentId: res.data.id })).toMatchObject({ ok: false, code: "FORBIDDEN", error: expect.stringMatching(/read and sign/) });
  });
});
