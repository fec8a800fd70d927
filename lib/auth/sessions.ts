import "server-only";
import { db, type Tx } from "@/lib/db";
import { record } from "@/lib/audit/record";
import { mfaEnrolled, mfaRequiredFor } from "./mfa/requirement";

/** How long a sign-in lasts (the cookie's lifetime and the server record's). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * The server's record of one sign-in; its id goes into the cookie. It starts "pending MFA" when the person
 * has an authenticator or must have one, unless the identity provider reports that it asked for a second
 * factor itself (`amr` contains "mfa"): then the session is complete and says so.
 */
export async function createAuthSession(tx: Tx, personId: string, authMethod: string, now = new Date(), opts: { providerMfa?: boolean } = {}) {
  const mfaPending = !opts.providerMfa && ((await mfaEnrolled(personId, tx)) || (await mfaRequiredFor(personId, tx)));
  return tx.authSession.create({
    data: {
      personId,
      authMethod,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
      mfaPending,
      mfaMethod: opts.providerMfa ? "provider" : null,
    },
    select: { id: true, mfaPending: true },
  });
}

/**
 * Ends one session on the server (sign-out), so its cookie is refused even if someone kept a copy.
 * Does nothing for a session that is unknown, someone else's or already ended.
 */
export async function endAuthSession(sessionId: unknown, personId: unknown): Promise<boolean> {
  if (typeof sessionId !== "string" || typeof personId !== "string" || sessionId.length > 64) return false;
  return db.$transaction(async (tx) => {
    const ended = await tx.authSession.updateMany({ where: { id: sessionId, personId, endedAt: null }, data: { endedAt: new Date() } });
    if (ended.count !== 1) return false;
    await record(tx, { actorId: personId, action: "auth.sign_out", entityType: "Person", entityId: personId, data: { sessionId } });
    return true;
  });
}
