import { describe, it, expect, beforeAll } from "vitest";
import { requestAuthorisationAction, decideAuthorisationAction, recordOutcomeAction } from "@/lib/monitoring/actions";
import { signInAs, signOut } from "../support/session";
import { incidentWorld, type IncidentWorld } from "./incident-world";
import { requestAs, requestInput, monitoringState } from "./monitoring-world";

// Another school, a wrong role (the subject among them) and no session: refused, with nothing changed.

let w: IncidentWorld;
let id: string;
beforeAll(async () => {
  w = await incidentWorld();
  id = await requestAs(w.people.dsl, w.a.slug, w.people.head.id);
});

type Call = [name: string, run: (slug: string) => Promise<unknown>];
const CALLS: Call[] = [
  ["ask for an authorisation", (s) => requestAuthorisationAction(s, requestInput(w.people.teacher.id))],
  ["approve", (s) => decideAuthorisationAction(s, { authorisationId: id, decision: "APPROVED" })],
  ["decline", (s) => decideAuthorisationAction(s, { authorisationId: id, decision: "DECLINED", reason: "Not proportionate" })],
  ["record the outcome", (s) => recordOutcomeAction(s, { authorisationId: id, found: "Nothing", actionTaken: "None" })],
];

type Actor = [who: string, person: () => { id: string } | null, slug: () => string, codes: Record<string, string>];
const ACTORS: Actor[] = [
  ["the Head, who is the subject", () => w.people.head, () => w.a.slug,
    { "ask for an authorisation": "OK", approve: "FORBIDDEN", decline: "FORBIDDEN", "record the outcome": "NOT_FOUND" }],
  ["a teacher", () => w.people.teacher, () => w.a.slug, { "*": "FORBIDDEN" }],
  ["a governor", () => w.people.governor, () => w.a.slug, { "*": "FORBIDDEN" }],
  ["the DPO", () => w.people.dpo, () => w.a.slug, { "*": "FORBIDDEN" }],
  ["the trust ICT lead", () => w.people.trustIct, () => w.a.slug, { "*": "FORBIDDEN" }],
  ["the trust administrator, while the school has a Chair who may decide", () => w.people.trustAdmin, () => w.a.slug,
    { "ask for an authorisation": "FORBIDDEN", approve: "NOT_FOUND", decline: "NOT_FOUND", "record the outcome": "NOT_FOUND" }],
  ["the Head of another school, in this school", () => w.headB, () => w.a.slug, { "*": "NOT_FOUND" }],
  ["the DSL of another school, in their own school", () => w.dslB, () => w.b.slug,
    { "ask for an authorisation": "SUBJECT", approve: "FORBIDDEN", decline: "FORBIDDEN", "record the outcome": "NOT_FOUND" }],
  ["nobody signed in", () => null, () => w.a.slug, { "*": "UNAUTHENTICATED" }],
];

describe("refusals change nothing", () => {
  const cases = ACTORS.flatMap((a) => CALLS.map((c) => [a[0], a[1], a[2], a[3][c[0]] ?? a[3]["*"], c[0], c[1]] as const)).filter((c) => c[3] !== "OK");
  it.each(cases)("%s: %s → %s (%s)", async (_who, person, slug, code, _name, run) => {
    const before = await monitoringState(w.a.id, w.b.id);
    const p = person();
    if (p) signInAs(p);
    else signOut();
    const res = await run(slug());
    // Asking in another school about this school's teacher: the teacher is not one of that school's people.
    if (code === "SUBJECT") expect(res).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { subjectId: "Choose a person from this school's list" } });
    else expect(res).toMatchObject({ ok: false, code });
    expect(await monitoringState(w.a.id, w.b.id)).toEqual(before);
  });
});
