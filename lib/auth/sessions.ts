import "server-only";
import { db, type Tx } from "@/lib/db";
import { record } from "@/lib/audit/record";

/** How long a sign-in lasts (the cookie's lifetime and the server record's). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** The server's record of one sign-in; its id goes into the cookie. */
export async function createAuthSession(tx: Tx, personId: string, authMethod: string, now = new Date()) {
  return tx.authSession.create({
    data: { personId, authMethod, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) },
    select: { id: true },
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
