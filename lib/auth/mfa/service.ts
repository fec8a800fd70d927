import "server-only";
import { db, type Tx } from "@/lib/db";
import { record } from "@/lib/audit/record";
import { DomainError } from "@/lib/authz/errors";
import type { SchoolContext } from "@/lib/authz/access";
import { assertMayChangeAccount, membershipInSchool } from "@/lib/people/service";
import type { LiveSession } from "../session";
import { SIGN_IN_TX } from "../rate-limit";
import { checkTotp, hashRecoveryCode, looksLikeRecoveryCode, looksLikeTotp, newRecoveryCodes, newTotpSecret, normaliseCode, totpUri } from "./totp";
import { openSecret, sealSecret } from "./secret-box";
import { markAttemptReplayed, markAttemptSucceeded, reserveMfaAttempt } from "./lockout";

export const MFA_MESSAGES = {
  WRONG: "That code is not right. Check the six digits your authenticator app shows now, or use a recovery code.",
  REPLAYED: "That code has already been used. Wait for your app to show a new one.",
  LOCKED: "Too many wrong codes. Please wait 15 minutes and try again, or ask your Headteacher to reset your authenticator.",
  ENROL_WRONG: "That code is not right. Type the six digits your authenticator app shows for this account now.",
} as const;

function audit(tx: Tx, personId: string, action: string, data: Record<string, unknown> = {}) {
  return record(tx, { actorId: personId, action, entityType: "Person", entityId: personId, data });
}

function alreadySetUp(): DomainError {
  return new DomainError("An authenticator app is already set up for your account. If you have lost it, ask your Headteacher or trust administrator to reset it.", undefined, "CONFLICT");
}

/** The authenticator being set up (not yet confirmed), for the enrolment page: its secret is shown only until it is confirmed. */
export async function enrolmentInProgress(person: { id: string; email: string }): Promise<{ secret: string; uri: string } | null> {
  const row = await db.mfaEnrolment.findUnique({ where: { personId: person.id }, select: { secretSealed: true, confirmedAt: true } });
  if (!row || row.confirmedAt) return null;
  const secret = openSecret(row.secretSealed, person.id);
  return secret ? { secret, uri: totpUri(secret, person.email) } : null;
}

export async function mfaStatus(personId: string) {
  const [enrolment, recoveryLeft] = await Promise.all([
    db.mfaEnrolment.findUnique({ where: { personId }, select: { confirmedAt: true } }),
    db.mfaRecoveryCode.count({ where: { personId, usedAt: null } }),
  ]);
  return { enrolledAt: enrolment?.confirmedAt ?? null, recoveryLeft };
}

/** Starts (or starts again) setting up an authenticator: a new secret, sealed, shown on the page until confirmed. */
export async function startEnrolment(session: LiveSession): Promise<void> {
  const personId = session.person.id;
  await db.$transaction(async (tx) => {
    const existing = await tx.mfaEnrolment.findUnique({ where: { personId }, select: { confirmedAt: true } });
    if (existing?.confirmedAt) throw alreadySetUp();
    const secretSealed = sealSecret(newTotpSecret(), personId);
    await tx.mfaEnrolment.upsert({ where: { personId }, create: { personId, secretSealed }, update: { secretSealed, lastTimeStep: null, createdAt: new Date() } });
    await audit(tx, personId, "auth.mfa_setup_started", { sessionId: session.sessionId });
  });
}

/** The first code from the new authenticator confirms it; ten recovery codes are made and returned once. */
export async function confirmEnrolment(session: LiveSession, rawCode: string, ip: string | null): Promise<{ recoveryCodes: string[] }> {
  const person = session.person;
  const row = await db.mfaEnrolment.findUnique({ where: { personId: person.id }, select: { secretSealed: true, confirmedAt: true } });
  if (row?.confirmedAt) throw alreadySetUp();
  const secret = row ? openSecret(row.secretSealed, person.id) : null;
  if (!secret) throw new DomainError("Start setting up your authenticator app first.", "code");
  const slot = await reserveMfaAttempt(person, ip);
  if ("locked" in slot) throw new DomainError(MFA_MESSAGES.LOCKED, "code");
  const check = await checkTotp(secret, normaliseCode(rawCode), null);
  if (!check.ok) {
    await db.$transaction((tx) => audit(tx, person.id, "auth.mfa_failed", { stage: "setup", reason: "wrong code", ip }), SIGN_IN_TX);
    throw new DomainError(MFA_MESSAGES.ENROL_WRONG, "code");
  }
  const recoveryCodes = newRecoveryCodes();
  await db.$transaction(async (tx) => {
    // Conditional on still being unconfirmed: two confirmations racing make one set of recovery codes.
    const confirmed = await tx.mfaEnrolment.updateMany({ where: { personId: person.id, confirmedAt: null }, data: { confirmedAt: new Date(), lastTimeStep: check.timeStep } });
    if (confirmed.count !== 1) throw alreadySetUp();
    await tx.mfaRecoveryCode.deleteMany({ where: { personId: person.id } });
    await tx.mfaRecoveryCode.createMany({ data: recoveryCodes.map((c) => ({ personId: person.id, codeHash: hashRecoveryCode(normaliseCode(c)) })) });
    await markAttemptSucceeded(tx, slot.attemptId);
    // Setting up during sign-in is that sign-in's second step.
    if (session.mfaPending) await tx.authSession.update({ where: { id: session.sessionId }, data: { mfaPending: false, mfaMethod: "totp" } });
    await audit(tx, person.id, "auth.mfa_enrolled", { sessionId: session.sessionId, recoveryCodes: recoveryCodes.length, ip });
  }, SIGN_IN_TX);
  return { recoveryCodes };
}

/**
 * The second step of signing in: a code from the authenticator, or one recovery code (used up). Wrong
 * codes count towards the lockout; the session stays pending until a right one.
 */
export async function verifySecondStep(session: LiveSession, rawCode: string, ip: string | null): Promise<{ method: string; recoveryLeft?: number }> {
  const person = session.person;
  // Already given (in another tab): nothing to check, carry on.
  if (!session.mfaPending) return { method: session.person.authMethod.split("+")[1] ?? "none" };
  const enrolment = await db.mfaEnrolment.findUnique({ where: { personId: person.id }, select: { secretSealed: true, confirmedAt: true, lastTimeStep: true } });
  if (!enrolment?.confirmedAt) throw new DomainError("Set up your authenticator app first.", "code");
  const code = normaliseCode(rawCode);
  if (!looksLikeTotp(code) && !looksLikeRecoveryCode(code)) throw new DomainError("Enter the six digits from your authenticator app, or a recovery code (four groups of four).", "code");
  const slot = await reserveMfaAttempt(person, ip);
  if ("locked" in slot) throw new DomainError(MFA_MESSAGES.LOCKED, "code");

  const complete = async (tx: Tx, method: "totp" | "recovery-code", data: Record<string, unknown>) => {
    await markAttemptSucceeded(tx, slot.attemptId);
    await tx.authSession.update({ where: { id: session.sessionId }, data: { mfaPending: false, mfaMethod: method } });
    await audit(tx, person.id, "auth.mfa_verified", { method, sessionId: session.sessionId, ip, ...data });
  };

  if (looksLikeTotp(code)) {
    const secret = openSecret(enrolment.secretSealed, person.id);
    const check = secret ? await checkTotp(secret, code, enrolment.lastTimeStep) : ({ ok: false, reason: "wrong" } as const);
    const accepted =
      check.ok &&
      (await db.$transaction(async (tx) => {
        // Only a later step than the last accepted one: the same code in two parallel requests wins once.
        const moved = await tx.mfaEnrolment.updateMany({
          where: { personId: person.id, OR: [{ lastTimeStep: null }, { lastTimeStep: { lt: check.timeStep } }] },
          data: { lastTimeStep: check.timeStep },
        });
        if (moved.count !== 1) return false;
        await complete(tx, "totp", {});
        return true;
      }, SIGN_IN_TX));
    if (accepted) return { method: "totp" };
    const replayed = check.ok || check.reason === "replayed";
    await db.$transaction(async (tx) => {
      if (replayed) await markAttemptReplayed(tx, slot.attemptId);
      await audit(tx, person.id, "auth.mfa_failed", { stage: "sign-in", reason: replayed ? "code already used" : "wrong code", ip });
    }, SIGN_IN_TX);
    throw new DomainError(replayed ? MFA_MESSAGES.REPLAYED : MFA_MESSAGES.WRONG, "code");
  }

  const recoveryLeft = await db.$transaction(async (tx) => {
    // One use: the conditional update is what makes a second use fail.
    const used = await tx.mfaRecoveryCode.updateMany({ where: { personId: person.id, codeHash: hashRecoveryCode(code), usedAt: null }, data: { usedAt: new Date() } });
    if (used.count !== 1) return null;
    const left = await tx.mfaRecoveryCode.count({ where: { personId: person.id, usedAt: null } });
    await complete(tx, "recovery-code", { recoveryLeft: left });
    return left;
  }, SIGN_IN_TX);
  if (recoveryLeft !== null) return { method: "recovery-code", recoveryLeft };
  await db.$transaction((tx) => audit(tx, person.id, "auth.mfa_failed", { stage: "sign-in", reason: "wrong or used recovery code", ip }), SIGN_IN_TX);
  throw new DomainError(MFA_MESSAGES.WRONG, "code");
}

/**
 * A Headteacher or trust administrator removes someone's authenticator (lost phone): never their own, only
 * for someone of this school whose account they could change (the people rules), audited on the school's
 * chain. Every session of that person ends; at their next sign-in they set up a new one.
 */
export async function resetMfa(ctx: SchoolContext, membershipId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const m = await membershipInSchool(tx, ctx, membershipId);
    if (m.personId === ctx.person.id) throw new DomainError("You cannot reset your own authenticator: ask another administrator.");
    await assertMayChangeAccount(tx, ctx, m.personId);
    const removed = await tx.mfaEnrolment.deleteMany({ where: { personId: m.personId } });
    if (removed.count === 0) throw new DomainError("This person has no authenticator set up.");
    await tx.mfaRecoveryCode.deleteMany({ where: { personId: m.personId } });
    await tx.person.update({ where: { id: m.personId }, data: { sessionVersion: { increment: 1 } } });
    await record(tx, {
      schoolId: ctx.school.id,
      organisationId: ctx.school.organisationId,
      actorId: ctx.person.id,
      action: "auth.mfa_reset",
      entityType: "Person",
      entityId: m.personId,
      data: { membershipId: m.id },
    });
  });
}

/** Who in this list has an authenticator set up (for the people page). */
export async function enrolledAmong(personIds: string[]): Promise<Set<string>> {
  const rows = await db.mfaEnrolment.findMany({ where: { personId: { in: personIds }, confirmedAt: { not: null } }, select: { personId: true } });
  return new Set(rows.map((r) => r.personId));
}
