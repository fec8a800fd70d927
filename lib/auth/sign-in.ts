import "server-only";
import { createHash } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { record } from "@/lib/audit/record";
import { verifyPassword } from "./password";
import { reservePasswordAttempt, MAX_EMAIL_LENGTH, SIGN_IN_TX } from "./rate-limit";
import { passwordSignInAllowed } from "./password-policy";
import { createAuthSession } from "./sessions";

export type SignedInUser = { id: string; name: string; email: string; sessionVersion: number; sessionId: string; authMethod: string };

export type RefusalCode = "INVALID" | "LOCKED" | "ADDRESS_LOCKED" | "LINK_INVALID" | "PASSWORD_NOT_ALLOWED";

export class SignInRefused extends Error {
  constructor(readonly code: RefusalCode) {
    super(code);
  }
}

// Longer than any password anyone types; argon2 of megabytes would be a way to tie up the server.
const MAX_PASSWORD_LENGTH = 1024;

/** Lower-cased and trimmed, and never longer than an address can be, before it is logged or stored. */
export function normaliseEmail(raw: string): { email: string; tooLong: boolean } {
  const email = raw.trim().toLowerCase();
  return { email: email.slice(0, MAX_EMAIL_LENGTH), tooLong: email.length > MAX_EMAIL_LENGTH };
}

type Person = { id: string; name: string; email: string; sessionVersion: number };

function auditAttempt(tx: Tx, email: string, method: string, ip: string | null, personId: string | null, success: boolean, extra: Record<string, unknown>) {
  return record(tx, {
    actorId: personId,
    action: success ? "auth.sign_in" : "auth.sign_in_failed",
    entityType: "Person",
    entityId: personId ?? undefined,
    data: { email, method, ip, ...extra },
  });
}

/** A failed attempt: its SignInAttempt row and audit row in one transaction. */
export async function logFailure(email: string, method: string, ip: string | null, personId: string | null, reason: string, extra: Record<string, unknown> = {}) {
  await db.$transaction(async (tx) => {
    await tx.signInAttempt.create({ data: { email, method, success: false, ip } });
    await auditAttempt(tx, email, method, ip, personId, false, { reason, ...extra });
  }, SIGN_IN_TX);
}

/** A sign-in: its attempt row, the server's session record and the audit row, in one transaction. */
export async function logSuccess(email: string, method: string, ip: string | null, person: Person, attemptId?: string, opts: { providerMfa?: boolean } = {}): Promise<SignedInUser> {
  return db.$transaction(async (tx) => {
    if (attemptId) await tx.signInAttempt.update({ where: { id: attemptId }, data: { success: true } });
    else await tx.signInAttempt.create({ data: { email, method, success: true, ip } });
    const session = await createAuthSession(tx, person.id, method, new Date(), opts);
    await auditAttempt(tx, email, method, ip, person.id, true, { sessionId: session.id, mfaPending: session.mfaPending, ...(opts.providerMfa ? { providerMfa: true } : {}) });
    return { id: person.id, name: person.name, email: person.email, sessionVersion: person.sessionVersion, sessionId: session.id, authMethod: method };
  }, SIGN_IN_TX);
}

export async function signInWithPassword(rawEmail: string, password: string, ip: string | null): Promise<SignedInUser> {
  const { email, tooLong } = normaliseEmail(rawEmail);
  if (!email || !password) throw new SignInRefused("INVALID");
  // The limits are checked and this attempt recorded in one step (rate-limit.ts), before the password is.
  const slot = await reservePasswordAttempt(email, ip);
  if ("locked" in slot) throw new SignInRefused(slot.locked === "account" ? "LOCKED" : "ADDRESS_LOCKED");

  // An address cut to length is not the one typed: it must not match the account it was cut to.
  const person = tooLong
    ? null
    : await db.person.findUnique({
        where: { email },
        select: { id: true, name: true, email: true, status: true, sessionVersion: true, passwordHash: true },
      });
  const ok = password.length <= MAX_PASSWORD_LENGTH ? await verifyPassword(person?.passwordHash, password) : false;
  const reason = !person ? "unknown account" : !ok ? (person.passwordHash ? "wrong password" : "no password set") : person.status !== "ACTIVE" ? `account ${person.status.toLowerCase()}` : null;
  // The attempt row already says "failed"; only its audit row is left to write.
  const fail = (why: string, personId: string | null) =>
    db.$transaction((tx) => auditAttempt(tx, email, "password", ip, personId, false, { reason: why }), SIGN_IN_TX);
  if (!person || reason) {
    await fail(reason ?? "unknown account", person?.id ?? null);
    throw new SignInRefused("INVALID");
  }
  // Only someone who knows the password learns that their organisation does not use passwords.
  if (!(await passwordSignInAllowed(person.id))) {
    await fail("passwords not allowed by the organisation", person.id);
    throw new SignInRefused("PASSWORD_NOT_ALLOWED");
  }
  return logSuccess(email, "password", ip, person, slot.attemptId);
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function signInWithMagicLink(token: string, ip: string | null): Promise<SignedInUser> {
  if (!token || token.length > 200) throw new SignInRefused("LINK_INVALID");
  const row = await db.magicLinkToken.findUnique({ where: { tokenHash: hashToken(token) } });
  // One use only: the conditional update is what makes a second click fail.
  const used = row
    ? await db.magicLinkToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } })
    : { count: 0 };
  const person = row ? await db.person.findUnique({ where: { id: row.personId } }) : null;
  if (!row || used.count !== 1 || !person || person.status !== "ACTIVE") {
    await logFailure(person?.email ?? "(unknown link)", "magic-link", ip, person?.id ?? null, "link invalid, used or expired");
    throw new SignInRefused("LINK_INVALID");
  }
  return logSuccess(person.email, "magic-link", ip, person);
}

// Single sign-on (Entra ID, Google) is matched by provider + tenant + subject in lib/sso/sign-in.ts.
