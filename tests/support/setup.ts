import { vi, beforeEach } from "vitest";
import { testSession } from "./session";

// Server actions run here as plain functions: Next's request-bound helpers are replaced, nothing else.
// The session is whatever the test says it is (tests/support/session.ts); it is still checked against
// the database (status, sessionVersion, membership) by the real code.
vi.mock("@/lib/auth/claims", () => ({ getSessionClaims: async () => testSession.claims }));
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
