import "server-only";
import { db, type Tx } from "@/lib/db";
import { asPerson } from "@/lib/db/scope";
import { londonToday } from "@/lib/dates";
import { MFA_SCHOOL_ROLES } from "./rules";

/**
 * Whether this person must give a second factor: a senior role in a current or future membership, or any
 * organisation role, in an organisation that has MFA switched on. Decided at sign-in (a role given
 * mid-session applies from the next sign-in, at most 12 hours later).
 */
export async function mfaRequiredFor(personId: string, client: Tx = db as unknown as Tx): Promise<boolean> {
  const today = londonToday();
  // Their memberships in every school, whatever the sign-in's scope (decisions/0025).
  const [memberships, orgRoles] = await asPerson(client, personId, (c) => Promise.all([
    c.membership.count({
      where: {
        personId,
        roles: { hasSome: [...MFA_SCHOOL_ROLES] },
        OR: [{ endDate: null }, { endDate: { gte: today } }],
        school: { organisation: { mfaRequired: true } },
      },
    }),
    c.organisationRole.count({ where: { personId, organisation: { mfaRequired: true } } }),
  ]));
  return memberships + orgRoles > 0;
}

/** Someone who has set up an authenticator is asked for it, required or not. */
export async function mfaEnrolled(personId: string, client: Tx = db as unknown as Tx): Promise<boolean> {
  return (await client.mfaEnrolment.count({ where: { personId, confirmedAt: { not: null } } })) > 0;
}
