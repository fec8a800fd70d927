import "server-only";
import { db, type Tx } from "@/lib/db";
import { asPerson } from "@/lib/db/scope";
import { londonToday } from "@/lib/dates";

/**
 * Whether this person may set a password and sign in with one: every organisation they belong to (a
 * current or future membership in one of its schools, or an organisation role) must allow passwords.
 * One session reaches every school a person has, so an organisation that has chosen single sign-on or
 * emailed links only is not bypassed through another organisation that allows passwords.
 */
export async function passwordSignInAllowed(personId: string, client: Tx = db as unknown as Tx): Promise<boolean> {
  const today = londonToday();
  // Their memberships in every school, whatever the scope of the work asking (decisions/0025).
  const refusing = await asPerson(client, personId, (c) => c.organisation.count({
    where: {
      passwordSignIn: false,
      OR: [
        { schools: { some: { memberships: { some: { personId, OR: [{ endDate: null }, { endDate: { gte: today } }] } } } } },
        { roles: { some: { personId } } },
      ],
    },
  }));
  return refusing === 0;
}
