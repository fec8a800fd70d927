import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { getSessionClaims, type SessionClaims } from "./claims";
import type { SessionPerson } from "@/lib/authz/access";

/** A live session, complete or still owing its second step (lib/auth/mfa). */
export type LiveSession = { person: SessionPerson; sessionId: string; mfaPending: boolean };

/**
 * How a session was authenticated, as declarations and receipts record it: the first step, and the
 * second when one was given ("password+totp", "magic-link+recovery-code", "azure-ad+provider").
 */
export function sessionAuthMethod(authMethod: string, mfaMethod: string | null): string {
  return mfaMethod ? `${authMethod}+${mfaMethod}` : authMethod;
}

/** The session these claims name, if it still holds (one indexed read), pending MFA or not. */
export async function liveSessionForClaims(claims: SessionClaims | null, now = new Date()): Promise<LiveSession | null> {
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
      authSessions: {
        where: { id: claims.sessionId, endedAt: null, expiresAt: { gt: now } },
        select: { id: true, authMethod: true, mfaPending: true, mfaMethod: true },
      },
    },
  });
  if (!person || person.status !== "ACTIVE" || person.sessionVersion !== claims.sessionVersion) return null;
  const session = person.authSessions[0];
  if (person.authSessions.length !== 1 || !session) return null;
  return {
    person: { id: person.id, name: person.name, email: person.email, authMethod: sessionAuthMethod(session.authMethod, session.mfaMethod) },
    sessionId: session.id,
    mfaPending: session.mfaPending,
  };
}

/** The person these claims belong to, if the session still holds and owes no second step. */
export async function personForClaims(claims: SessionClaims | null, now = new Date()): Promise<SessionPerson | null> {
  const live = await liveSessionForClaims(claims, now);
  return live && !live.mfaPending ? live.person : null;
}

/**
 * The signed-in person, checked against the database on every request: a session ends at the next
 * request once the person is suspended, has left, has signed out everywhere (sessionVersion bumped), or
 * signed out of this session (its AuthSession row ended). A session still owing its second factor is no
 * session here: every page, route and action refuses it (only lib/auth/mfa's pages and actions take it).
 */
export const getCurrentPerson = cache(async (): Promise<SessionPerson | null> => personForClaims(await getSessionClaims()));

/** For the MFA step's pages and actions only: the session whether or not its second step is given. */
export const getLiveSession = cache(async (): Promise<LiveSession | null> => liveSessionForClaims(await getSessionClaims()));
