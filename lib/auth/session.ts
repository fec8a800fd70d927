import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { getSessionClaims, type SessionClaims } from "./claims";
import type { SessionPerson } from "@/lib/authz/access";

/** The person these claims belong to, if the session still holds (one indexed read). */
export async function personForClaims(claims: SessionClaims | null, now = new Date()): Promise<SessionPerson | null> {
  // A cookie without a session id predates server-side sessions and cannot be ended by signing out.
  if (!claims?.sessionId) return null;
  const person = await db.person.findUnique({
    where: { id: claims.personId },
    select: {
      id: true,
      name: true,
      email: true,
      status: true,
      sessionVersion: true,
      authSessions: { where: { id: claims.sessionId, endedAt: null, expiresAt: { gt: now } }, select: { id: true } },
    },
  });
  if (!person || person.status !== "ACTIVE" || person.sessionVersion !== claims.sessionVersion) return null;
  if (person.authSessions.length !== 1) return null;
  return { id: person.id, name: person.name, email: person.email, authMethod: claims.authMethod };
}

/**
 * The signed-in person, checked against the database on every request: a session ends at the next
 * request once the person is suspended, has left, has signed out everywhere (sessionVersion bumped), or
 * signed out of this session (its AuthSession row ended).
 */
export const getCurrentPerson = cache(async (): Promise<SessionPerson | null> => personForClaims(await getSessionClaims()));
