import { describe, it, expect, beforeAll } from "vitest";
import { db } from "../support/owner-db";
import {
  reportIncidentAction, acknowledgeIncidentAction, setStatusAction, setLeadAction, addChronologyAction, rerouteIncidentAction,
  closeIncidentAction, reopenIncidentAction, saveBreachDetailsAction, recordBreachDecisionAction, acknowledgeUrgentAction,
} from "@/lib/incidents/actions";
import { signInAs, signOut } from "../support/session";
import { incidentWorld, report, incidentState, hoursAgo, type IncidentWorld } from "./incident-world";

// Another school, a wrong role (including the subject and the reporter) and no session: refused, with
// nothing changed in the database (acceptance point 10).

let w: IncidentWorld;
let breachId: string;
let aboutHeadId: string;
beforeAll(async () => {
  w = await incidentWorld();
  breachId = await report(w.people.teacher, w.a.slug, "DATA_BREACH", { subjectIds: [w.people.head.id] });
  aboutHeadId = await report(w.people.teacher, w.a.slug, "CONCERN_ABOUT_HEAD");
});

type Call = [name: string, run: (slug: string, id: () => string) => Promise<unknown>];
const HANDLING: Call[] = [
  ["acknowledge", (s, id) => acknowledgeIncidentAction(s, { incidentId: id() })],
  ["set status", (s, id) => setStatusAction(s, { incidentId: id(), status: "INVESTIGATING" })],
  ["set lead", (s, id) => setLeadAction(s, { incidentId: id(), leadId: w.people.dpo.id })],
  ["add to the chronology", (s, id) => addChronologyAction(s, { incidentId: id(), kind: "NOTE", note: "A note" })],
  ["re-route", (s, id) => rerouteIncidentAction(s, { incidentId: id(), toRole: "GOVERNOR", reason: "Escalating it" })],
  ["close", (s, id) => closeIncidentAction(s, { incidentId: id(), outcome: "NO_FURTHER_ACTION", summary: "Nothing more to do" })],
  ["reopen", (s, id) => reopenIncidentAction(s, { incidentId: id(), reason: "Another look" })],
  ["save breach details", (s, id) => saveBreachDetailsAction(s, {
    incidentId: id(), breachType: "LOSS", personalData: "Names", peopleAffected: 1, recordsAffected: 1, consequences: "Some",
    risk: "NONE", remedialAction: "Found it", subjectsInformed: false,
  })],
  ["record the breach decision", (s, id) => recordBreachDecisionAction(s, { incidentId: id(), reported: false, notReportedReason: "No risk to anyone" })],
  ["acknowledge urgent", (s, id) => acknowledgeUrgentAction(s, { incidentId: id() })],
];

type Actor = [who: string, person: (w: IncidentWorld) => { id: string } | null, slug: (w: IncidentWorld) => string, code: string];
const ACTORS: Actor[] = [
  ["the Head, who is the subject", (w) => w.people.head, (w) => w.a.slug, "NOT_FOUND"],
  ["the reporter (a teacher)", (w) => w.people.teacher, (w) => w.a.slug, "NOT_FOUND"],
  ["a governor (a role that does not handle it)", (w) => w.people.governor, (w) => w.a.slug, "NOT_FOUND"],
  ["the trust ICT lead", (w) => w.people.trustIct, (w) => w.a.slug, "NOT_FOUND"],
  ["the Head of another school, in their own school", (w) => w.headB, (w) => w.b.slug, "NOT_FOUND"],
  ["the Head of another school, in this school", (w) => w.headB, (w) => w.a.slug, "NOT_FOUND"],
  ["nobody signed in", () => null, (w) => w.a.slug, "UNAUTHENTICATED"],
];

describe("refusals change nothing", () => {
  const cases = ACTORS.flatMap((a) => HANDLING.flatMap((h) => [[...a, ...h, "breach"], [...a, ...h, "about the Head"]] as const));
  it.each(cases)("%s: %s (%s) → %s", async (_who, person, slug, code, _action, run, which) => {
    const before = await incidentState(w.a.id, w.b.id);
    const p = person(w);
    if (p) signInAs(p);
    else signOut();
    const res = await run(slug(w), () => (which === "breach" ? breachId : aboutHeadId));
    expect(res).toMatchObject({ ok: false, code });
    expect(await incidentState(w.a.id, w.b.id)).toEqual(before);
  });

  it("a person of another school cannot report in this one, and nobody signed in cannot report at all", async () => {
    const before = await incidentState(w.a.id, w.b.id);
    const input = { category: "SECURITY_CONCERN", description: "A strange pop-up appeared.", occurredAt: "", awareAt: hoursAgo(1), location: "", subjectIds: [], pupilRefs: "", immediateAction: "" };
    signInAs(w.headB);
    expect(await reportIncidentAction(w.a.slug, input)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    signOut();
    expect(await reportIncidentAction(w.a.slug, input)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    // An organisation role is not a member: it handles what is routed to it, but does not report.
    signInAs(w.people.trustAdmin);
    expect(await reportIncidentAction(w.a.slug, input)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await incidentState(w.a.id, w.b.id)).toEqual(before);
  });

  it("an id from another school is not found for that school's own handlers", async () => {
    const before = await incidentState(w.a.id, w.b.id);
    signInAs(w.dslB);
    expect(await acknowledgeIncidentAction(w.b.slug, { incidentId: aboutHeadId })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await incidentState(w.a.id, w.b.id)).toEqual(before);
    expect(await db.incident.count({ where: { schoolId: w.b.id } })).toBe(0);
  });
});
