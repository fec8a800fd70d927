import { describe, it, expect, beforeAll } from "vitest";
import {
  submitRequestAction, approveRequestAction, declineRequestAction, askForMoreAction, answerRequestAction, withdrawRequestAction, acknowledgeRequestAction,
} from "@/lib/requests/actions";
import { requestForPage } from "@/lib/requests/queries";
import { signInAs, signOut } from "../support/session";
import { requestsWorld, ctxOf, sampleDetails, dayString, requestState, type RequestsWorld } from "./requests-world";

// Another school, a wrong role and no session: refused, with nothing changed in either school (requests,
// history, audit rows, mail).

let w: RequestsWorld;
let submitted: string;
let notice: string;
let asked: string;
beforeAll(async () => {
  w = await requestsWorld();
  signInAs(w.people.teacher);
  const make = async (kind: "CAMERA_OFF_SITE" | "EX_PUPIL_CONNECTION") => {
    const res = await submitRequestAction(w.a.slug, { kind, details: sampleDetails(kind) });
    if (!res.ok) throw new Error(res.error);
    return res.data.id;
  };
  submitted = await make("CAMERA_OFF_SITE");
  notice = await make("EX_PUPIL_CONNECTION");
  asked = await make("CAMERA_OFF_SITE");
  signInAs(w.people.head);
  const res = await askForMoreAction(w.a.slug, { requestId: asked, question: "Which camera?" });
  if (!res.ok) throw new Error(res.error);
});

type Call = [name: string, run: (slug: string) => Promise<unknown>];
const CALLS: Call[] = [
  ["approve", (s) => approveRequestAction(s, { requestId: submitted, conditions: "None", endsOn: dayString(3) })],
  ["decline", (s) => declineRequestAction(s, { requestId: submitted, reason: "No" })],
  ["ask for more", (s) => askForMoreAction(s, { requestId: submitted, question: "Why?" })],
  ["acknowledge", (s) => acknowledgeRequestAction(s, { requestId: notice })],
  ["answer", (s) => answerRequestAction(s, { requestId: asked, answer: "CAM-02" })],
  ["withdraw", (s) => withdrawRequestAction(s, { requestId: submitted })],
];

type Actor = [who: string, person: (w: RequestsWorld) => { id: string } | null, slug: (w: RequestsWorld) => string, code: string];
const ACTORS: Actor[] = [
  ["a governor (no approver role)", (w) => w.people.governor, (w) => w.a.slug, "NOT_FOUND"],
  ["the ICT lead (not an approver of these kinds)", (w) => w.people.ictLead, (w) => w.a.slug, "NOT_FOUND"],
  ["the Head of another school, in this school", (w) => w.headB, (w) => w.a.slug, "NOT_FOUND"],
  ["the Head of another school, in their own school", (w) => w.headB, (w) => w.b.slug, "NOT_FOUND"],
  ["a trust administrator (not a member: asks and decides nothing)", (w) => w.trustAdmin, (w) => w.a.slug, "FORBIDDEN"],
  ["nobody signed in", () => null, (w) => w.a.slug, "UNAUTHENTICATED"],
];

describe("refusals change nothing", () => {
  const cases = ACTORS.flatMap((a) => CALLS.map((c) => [...a, ...c] as const));
  it.each(cases)("%s: %s → %s (%s)", async (_who, person, slug, code, _name, run) => {
    const before = await requestState(w.a.id, w.b.id);
    const p = person(w);
    if (p) signInAs(p);
    else signOut();
    expect(await run(slug(w))).toMatchObject({ ok: false, code });
    expect(await requestState(w.a.id, w.b.id)).toEqual(before);
  });

  it("the requester's steps are refused to an approver, and the approver's to the requester", async () => {
    const before = await requestState(w.a.id, w.b.id);
    signInAs(w.people.head);
    expect(await answerRequestAction(w.a.slug, { requestId: asked, answer: "Not mine to answer" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await withdrawRequestAction(w.a.slug, { requestId: submitted })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    signInAs(w.people.teacher);
    expect(await approveRequestAction(w.a.slug, { requestId: submitted, endsOn: dayString(3) })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await requestState(w.a.id, w.b.id)).toEqual(before);
  });

  it("asking: another school, an organisation role and no session are refused", async () => {
    const before = await requestState(w.a.id, w.b.id);
    const input = { kind: "CAMERA_OFF_SITE", details: sampleDetails("CAMERA_OFF_SITE") };
    for (const [who, code] of [[w.headB, "NOT_FOUND"], [w.trustAdmin, "FORBIDDEN"], [null, "UNAUTHENTICATED"]] as const) {
      if (who) signInAs(who);
      else signOut();
      expect(await submitRequestAction(w.a.slug, input)).toMatchObject({ ok: false, code });
    }
    expect(await requestState(w.a.id, w.b.id)).toEqual(before);
  });

  it("a request page is not found for a colleague, or for another school's Head", async () => {
    expect(await requestForPage(await ctxOf(w.people.governor, w.a.slug), submitted)).toBeNull();
    expect(await requestForPage(await ctxOf(w.people.ta, w.a.slug), submitted)).toBeNull();
    expect(await requestForPage(await ctxOf(w.headB, w.b.slug), submitted)).toBeNull();
    // The register readers see it: the Chair of Governors (request:register) and its approvers.
    expect(await requestForPage(await ctxOf(w.people.chair, w.a.slug), submitted)).toMatchObject({ decider: false, mine: false });
    expect(await requestForPage(await ctxOf(w.people.deputy, w.a.slug), submitted)).toMatchObject({ decider: true });
  });
});
