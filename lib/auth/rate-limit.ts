import "server-only";
import { db, type Tx } from "@/lib/db";
import { record } from "@/lib/audit/record";

export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;
// Failed passwords from one address, across every account, in the same window. A school's staff
// often share one public address, so this is well above one person's typing; it stops one address
// from locking out every account (5 guesses each) or spraying one password across many.
export const MAX_IP_FAILURES = 30;
/** No email address is longer (RFC 5321); anything longer is cut to this before it is logged or stored. */
export const MAX_EMAIL_LENGTH = 254;

// Advisory-lock class for sign-in throttling: the two-key form keeps these apart from the audit
// chain's one-key locks (lib/audit/record.ts).
const LOCK_CLASS = 7301;

/**
 * For sign-in transactions: a burst of attempts on one account queues on its lock, and each waits for a
 * pooled connection; Prisma's defaults (2 s to start, 5 s to run) would turn a busy moment into errors.
 */
export const SIGN_IN_TX = { maxWait: 15_000, timeout: 15_000 };

export async function lockKey(tx: Tx, key: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, hashtext(${key}))`;
}

function failuresSince(tx: Tx, where: { email: string } | { ip: string }, since: Date) {
  return tx.signInAttempt.count({ where: { ...where, success: false, method: "password", createdAt: { gte: since } } });
}

/** True when this account has had too many failed passwords recently. Kept in Postgres, not memory. */
export async function isLockedOut(email: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  return (await failuresSince(db as unknown as Tx, { email }, since)) >= MAX_FAILURES;
}

export type Reservation = { attemptId: string } | { locked: "account" | "address" };

/**
 * Checks the limits and records the attempt in one step. Under a lock on the account (and on the
 * address), it counts recent failures and, if the limits allow, writes the attempt as a failure before
 * the password is even checked; the caller marks it a success afterwards. So every attempt in flight
 * counts against the next one, and parallel guesses cannot all slip in under the same count.
 * A refused attempt is recorded (method "password-locked") with its audit row, naming no account.
 */
export async function reservePasswordAttempt(email: string, ip: string | null, now = new Date()): Promise<Reservation> {
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  return db.$transaction(async (tx) => {
    // Always account first, then address: one order, so two sign-ins never wait on each other in a circle.
    await lockKey(tx, `email:${email}`);
    if (ip) await lockKey(tx, `ip:${ip}`);
    let locked: "account" | "address" | null = null;
    if ((await failuresSince(tx, { email }, since)) >= MAX_FAILURES) locked = "account";
    else if (ip && (await failuresSince(tx, { ip }, since)) >= MAX_IP_FAILURES) locked = "address";
    if (locked) {
      await tx.signInAttempt.create({ data: { email, method: "password-locked", success: false, ip } });
      await record(tx, {
        actorId: null,
        action: "auth.sign_in_failed",
        data: { email, method: "password", ip, reason: locked === "account" ? "locked out" : "too many failures from this address" },
      });
      return { locked };
    }
    const row = await tx.signInAttempt.create({ data: { email, method: "password", success: false, ip }, select: { id: true } });
    return { attemptId: row.id };
  }, SIGN_IN_TX);
}
