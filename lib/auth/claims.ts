import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "./options";

export type SessionClaims = { personId: string; sessionVersion: number; sessionId?: string; authMethod: string };

/** What the signed session cookie says. Whether it still holds is decided in session.ts. */
export async function getSessionClaims(): Promise<SessionClaims | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user as Partial<SessionClaims> | undefined;
  if (!user?.personId || typeof user.sessionVersion !== "number") return null;
  return {
    personId: user.personId,
    sessionVersion: user.sessionVersion,
    sessionId: typeof user.sessionId === "string" ? user.sessionId : undefined,
    authMethod: user.authMethod ?? "unknown",
  };
}
