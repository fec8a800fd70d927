import "server-only";
import { db, type Tx } from "@/lib/db";
import { record } from "@/lib/audit/record";
import { lockKey, SIGN_IN_TX } from "../rate-limit";

// Wrong codes, per person: 5 in 15 minutes and no more codes are checked until the oldest ages out. Six
// digits give a guesser 3 live codes in a million per try; 5 tries per quarter hour make that ~1 in 4,000
// a year of non-stop trying. Kept in SignInAttempt (Postgres, like passwords), method "mfa".
export const MFA_MAX_FAILURES = 5;
export const MFA_WINDOW_MINUTES = 15;
const METHOD = "mfa";

export type MfaSlot = { attemptId: string } | { locked: true };

/**
 * As with passwords (rate-limit.ts), under a lock on the person: count recent wrong codes and, if allowed,
 * record this attempt as wrong before the code is checked; a right code flips it afterwards. So parallel
 * guesses cannot all slip in under one count. A refused attempt is audited (auth.mfa_locked).
 */
export async function reserveMfaAttempt(person: { id: string; email: string }, ip: string | null, now = new Date()): Promise<MfaSlot> {
  const since = new Date(now.getTime() - MFA_WINDOW_MINUTES * 60_000);
  return db.$transaction(async (tx) => {
    await lockKey(tx, `mfa:${person.id}`);
    const failures = await tx.signInAttempt.count({ where: { email: person.email, method: METHOD, success: false, createdAt: { gte: since } } });
    if (failures >= MFA_MAX_FAILURES) {
      await record(tx, { actorId: person.id, action: "auth.mfa_locked", entityType: "Person", entityId: person.id, data: { ip } });
      return { locked: true as const };
    }
    const row = await tx.signInAttempt.create({ data: { email: person.email, method: METHOD, success: false, ip }, select: { id: true } });
    return { attemptId: row.id };
  }, SIGN_IN_TX);
}

/** A right code: the reserved attempt no longer counts against the person. */
export async function markAttemptSucceeded(tx: Tx, attemptId: string) {
  await tx.signInAttempt.update({ where: { id: attemptId }, data: { success: true } });
}

/**
 * A code that was right once but has been used already is no guess: it is refused without counting
 * towards the lockout (two sign-ins in one 30-second step would otherwise lock out their owner).
 */
export async function markAttemptReplayed(tx: Tx, attemptId: string) {
  await tx.signInAttempt.update({ where: { id: attemptId }, data: { method: "mfa-replayed" } });
}
