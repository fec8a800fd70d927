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

type SessionRow = {
  id: string; name: string; email: string; status: string; sessionVersion: number;
  sessionId: string | null; authMethod: string | null; mfaPending: boolean | null; mfaMethod: string | null;
};

/**
 * The session these claims name, if it still holds, pending MFA or not. Every page, route and action asks
 * this first, so it is one raw statement (decision 0034): the person and their session row, joined, instead
 * of Prisma's two reads. No scope: people and sessions are not tenant rows.
 */
export async function liveSessionForClaims(claims: SessionClaims | null, now = new Date()): Promise<LiveSession | null> {
  // A cookie without a session id predates server-side sessions and cannot be ended by signing out.
  if (!claims?.sessionId) return null;
  // expiresAt is a UTC timestamp without zone, as Prisma writes it: compare it in UTC whatever the server's zone.
  const rows = await db.$queryRaw<SessionRow[]>`
    SELECT p.id, p.name, p.email, p.status::text AS status, p."sessionVersion",
      s.id AS "sessionId", s."authMethod", s."mfaPending", s."mfaMethod"
    FROM "Person" p
    LEFT JOIN "AuthSession" s ON s."personId" = p.id AND s.id = ${claims.sessionId}
      AND s."endedAt" IS NULL AND s."expiresAt" > (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
    WHERE p.id = ${claims.personId}`;
  const [row] = rows;
  if (!row || rows.length !== 1 || row.status !== "ACTIVE" || row.sessionVersion !== claims.sessionVersion) return null;
  if (!row.sessionId || row.authMethod === null) return null;
  return {
    person: { id: row.id, name: row.name, email: row.email, authMethod: sessionAuthMethod(row.authMethod, row.mfaMethod) },
    sessionId: row.sessionId,
    mfaPending: row.mfaPending === true,
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
