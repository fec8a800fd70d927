import type { SessionClaims } from "@/lib/auth/claims";

export const testSession: { claims: SessionClaims | null; headers: Record<string, string> } = {
  claims: null,
  headers: {},
};

/** Acts as this person (as if signed in with a password) until the next test. */
export function signInAs(person: { id: string; sessionVersion?: number; sessionId?: string }, authMethod = "password") {
  testSession.claims = { personId: person.id, sessionVersion: person.sessionVersion ?? 0, sessionId: person.sessionId, authMethod };
}

export function signOut() {
  testSession.claims = null;
}
