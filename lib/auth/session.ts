import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { getSessionClaims } from "./claims";
import type { SessionPerson } from "@/lib/authz/access";

/**
 * The signed-in person, checked against the database on every request: a session ends at the next
 * request once the person is suspended, has left, or has signed out everywhere (sessionVersion bumped).
 */
export const getCurrentPerson = cache(async (): Promise<SessionPerson | null> => {
  const claims = await getSessionClaims();
  if (!claims) return null;
  const person = await db.person.findUnique({
    where: { id: claims.personId },
    select: { id: true, name: true, email: true, status: true, sessionVersion: true },
  });
  if (!person || person.status !== "ACTIVE" || person.sessionVersion !== claims.sessionVersion) return null;
  return { id: person.id, name: person.name, email: person.email, authMethod: claims.authMethod };
});
