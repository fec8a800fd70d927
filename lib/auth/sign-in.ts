import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { record } from "@/lib/audit/record";
import { verifyPassword } from "./password";
import { isLockedOut } from "./rate-limit";

export type SignedInUser = { id: string; name: string; email: string; sessionVersion: number; authMethod: string };

export class SignInRefused extends Error {
  constructor(readonly code: "INVALID" | "LOCKED" | "LINK_INVALID") {
    super(code);
  }
}

async function logAttempt(email: string, method: string, success: boolean, ip: string | null, personId: string | null, reason?: string) {
  await db.$transaction(async (tx) => {
    await tx.signInAttempt.create({ data: { email, method, success, ip } });
    await record(tx, {
      actorId: personId,
      action: success ? "auth.sign_in" : "auth.sign_in_failed",
      entityType: "Person",
      entityId: personId ?? undefined,
      data: { email, method, ip, ...(reason ? { reason } : {}) },
    });
  });
}

export async function signInWithPassword(rawEmail: string, password: string, ip: string | null): Promise<SignedInUser> {
  const email = rawEmail.trim().toLowerCase();
  if (!email || !password) throw new SignInRefused("INVALID");
  if (await isLockedOut(email)) {
    await logAttempt(email, "password-locked", false, ip, null, "locked out");
    throw new SignInRefused("LOCKED");
  }
  const person = await db.person.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, status: true, sessionVersion: true, passwordHash: true },
  });
  const ok = await verifyPassword(person?.passwordHash, password);
  if (!person || !ok || person.status !== "ACTIVE") {
    await logAttempt(email, "password", false, ip, person?.id ?? null, !person ? "unknown account" : !ok ? "wrong password" : `account ${person.status.toLowerCase()}`);
    throw new SignInRefused("INVALID");
  }
  await logAttempt(email, "password", true, ip, person.id);
  return { id: person.id, name: person.name, email: person.email, sessionVersion: person.sessionVersion, authMethod: "password" };
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
    await logAttempt(person?.email ?? "(unknown link)", "magic-link", false, ip, person?.id ?? null, "link invalid, used or expired");
    throw new SignInRefused("LINK_INVALID");
  }
  await logAttempt(person.email, "magic-link", true, ip, person.id);
  return { id: person.id, name: person.name, email: person.email, sessionVersion: person.sessionVersion, authMethod: "magic-link" };
}

/** OIDC (Entra ID, Google): only a person already on record, and active, may come in. */
export async function signInWithOidc(rawEmail: string | null | undefined, provider: string): Promise<SignedInUser | null> {
  const email = (rawEmail ?? "").trim().toLowerCase();
  const person = email ? await db.person.findUnique({ where: { email } }) : null;
  if (!person || person.status !== "ACTIVE") {
    await logAttempt(email || "(no email)", provider, false, null, person?.id ?? null, "no active account for this address");
    return null;
  }
  await logAttempt(email, provider, true, null, person.id);
  return { id: person.id, name: person.name, email: person.email, sessionVersion: person.sessionVersion, authMethod: provider };
}
