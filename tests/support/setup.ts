import { vi, beforeEach } from "vitest";
import { testSession } from "./session";

// Server actions run here as plain functions: Next's request-bound helpers are replaced, nothing else.
// The session is whatever the test says it is (tests/support/session.ts); it is still checked against
// the database (status, sessionVersion, membership) by the real code.
// A test that names no session id gets a standing one per person (as if they had signed in once); a
// test about sessions passes its own id, made by the real sign-in code.
vi.mock("@/lib/auth/claims", () => ({
  getSessionClaims: async () => {
    const claims = testSession.claims;
    if (!claims || claims.sessionId) return claims;
    const sessionId = `test-session-${claims.personId}`.slice(0, 64);
    const { db } = await import("./owner-db");
    await db.authSession
      .upsert({
        where: { id: sessionId },
        create: { id: sessionId, personId: claims.personId, authMethod: claims.authMethod, expiresAt: new Date(Date.now() + 86_400_000) },
        update: {},
      })
      .catch(() => {}); // a person who does not exist (the session is refused anyway), or a parallel upsert
    return { ...claims, sessionId };
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(testSession.headers),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));

beforeEach(() => {
  testSession.claims = null;
  testSession.headers = { "user-agent": "vitest", "x-forwarded-for": "203.0.113.9" };
});

// As scripts/serve.mjs does in the server: the right-most X-Forwarded-For entry is the TCP peer.
process.env.ICT_SOCKET_PEER_IN_XFF = "1";
