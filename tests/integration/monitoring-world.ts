// Shared by the monitoring integration tests (not a test file itself).
import { expect } from "vitest";
import { db } from "../support/owner-db";
import { requestAuthorisationAction, decideAuthorisationAction } from "@/lib/monitoring/actions";
import { londonDateString } from "@/lib/dates";
import { signInAs } from "../support/session";

const DAY = 86_400_000;
/** A London calendar day `days` from today, as a date field would send it. */
export const dayInput = (days: number) => londonDateString(new Date(Date.now() + days * DAY));

export function requestInput(subjectId: string, over: Record<string, unknown> = {}) {
  return {
    subjectId,
    kinds: ["EMAIL", "INTERNET_HISTORY"],
    grounds: ["UNAUTHORISED_USE"],
    necessity: "Logs show repeated access to blocked gambling sites from this account during lessons.",
    alternatives: "A conversation and a filtering report were considered; neither shows who used the account.",
    dpiaReference: "",
    startsOn: dayInput(0),
    endsOn: dayInput(13),
    ...over,
  };
}

/** Asks through the server action, signed in as the requester, as the form would. */
export async function requestAs(requester: { id: string }, slug: string, subjectId: string, over: Record<string, unknown> = {}): Promise<string> {
  signInAs(requester);
  const res = await requestAuthorisationAction(slug, requestInput(subjectId, over));
  expect(res).toMatchObject({ ok: true });
  if (!res.ok) throw new Error(res.error);
  return res.data.id;
}

export async function approveAs(decider: { id: string }, slug: string, authorisationId: string) {
  signInAs(decider);
  const res = await decideAuthorisationAction(slug, { authorisationId, decision: "APPROVED", reason: "" });
  expect(res).toMatchObject({ ok: true });
}

/** Every row a monitoring action could change in these schools, to assert that nothing changed. */
export async function monitoringState(...schoolIds: string[]) {
  const authorisations = await db.monitoringAuthorisation.findMany({ where: { schoolId: { in: schoolIds } }, orderBy: { id: "asc" } });
  const ids = authorisations.map((a) => a.id);
  const people = await db.person.findMany({
    where: { OR: [{ memberships: { some: { schoolId: { in: schoolIds } } } }, { orgRoles: { some: { organisation: { schools: { some: { id: { in: schoolIds } } } } } } }] },
    select: { email: true },
  });
  const [decisions, outcomes, audit, mail] = await Promise.all([
    db.monitoringDecision.findMany({ where: { authorisationId: { in: ids } }, orderBy: { authorisationId: "asc" } }),
    db.monitoringOutcome.findMany({ where: { authorisationId: { in: ids } }, orderBy: { authorisationId: "asc" } }),
    db.auditEvent.findMany({ where: { schoolId: { in: schoolIds } }, orderBy: { id: "asc" }, select: { id: true, hash: true } }),
    db.devMail.count({ where: { to: { in: people.map((p) => p.email) } } }),
  ]);
  return { authorisations, decisions, outcomes, audit, mail };
}
