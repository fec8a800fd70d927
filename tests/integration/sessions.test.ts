// Issue 6, point 8: Secure, prefixed cookies when the public URL is https, and a sign-out that ends the
// session on the server, so a copied cookie stops working. Driven through next-auth's own handler.
import { describe, it, expect, beforeEach, afterEach, vi } from "vitest";
import { createRequire } from "node:module";
import path from "node:path";
import { decode } from "next-auth/jwt";
import { db } from "../support/owner-db";
import { authOptions } from "@/lib/auth/options";
import { personForClaims } from "@/lib/auth/session";
import type { SessionClaims } from "@/lib/auth/claims";
import { PLATFORM_CHAIN } from "@/lib/audit/chain";
import { makePerson, setPassword } from "../support/fixtures";

// next-auth's request handler (what its Next route calls), which the package does not export by name.
const { AuthHandler } = createRequire(import.meta.url)(path.resolve("node_modules/next-auth/core/index.js")) as {
  AuthHandler: (params: { req: Record<string, unknown>; options: unknown }) => Promise<unknown>;
};

const PASSWORD = "correct horse battery staple";
const SECRET = "test-secret-0123456789abcdefghijklmnopqrstuvwxyz";

type Cookie = { name: string; value: string; options?: { secure?: boolean; httpOnly?: boolean; sameSite?: string } };
type Res = { status?: number; body?: unknown; cookies?: Cookie[]; redirect?: string };

/** A browser's cookie jar against next-auth's handler, as the app's /api/auth route runs it. */
function browser(headers: Record<string, string> = {}) {
  const jar = new Map<string, Cookie>();
  const call = async (action: string, method: "GET" | "POST", opts: { providerId?: string; body?: Record<string, string> } = {}) => {
    const res = (await AuthHandler({
      req: {
        action: action as never,
        method,
        providerId: opts.providerId,
        headers: { host: "ict.example.test", ...headers },
        body: opts.body ?? {},
        query: {},
        cookies: Object.fromEntries([...jar.values()].map((c) => [c.name, c.value])),
      },
      // The route's NextAuth() adds NEXTAUTH_SECRET like this; the rest is the app's own options.
      options: { ...authOptions, secret: SECRET },
    })) as Res;
    for (const c of res.cookies ?? []) {
      if (c.value) jar.set(c.name, c);
      else jar.delete(c.name);
    }
    return res;
  };
  const csrf = async () => ((await call("csrf", "GET")).body as { csrfToken: string }).csrfToken;
  return {
    jar,
    async signIn(email: string, password: string) {
      return call("callback", "POST", { providerId: "password", body: { email, password, csrfToken: await csrf(), json: "true" } });
    },
    async signOut() {
      return call("signout", "POST", { body: { csrfToken: await csrf(), json: "true" } });
    },
    sessionCookie() {
      return [...jar.values()].find((c) => c.name.endsWith("next-auth.session-token"));
    },
  };
}

/** What getCurrentPerson makes of a session cookie: next-auth's decoding and callbacks, then our check. */
async function personFromCookie(cookie: Cookie) {
  const token = await decode({ token: cookie.value, secret: SECRET });
  if (!token) return null;
  const session = await authOptions.callbacks!.session!({ session: { expires: "" }, token } as never);
  return personForClaims((session as unknown as { user: SessionClaims }).user);
}

beforeEach(() => {
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("signing out ends the session on the server", () => {
  it("a cookie copied before sign-out no longer signs anyone in; other sessions of the person go on", async () => {
    vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
    const person = await makePerson();
    await setPassword(person.id, PASSWORD);
    const laptop = browser();
    const phone = browser();
    expect(await laptop.signIn(person.email, PASSWORD)).toMatchObject({ redirect: "http://localhost:3000" });
    await phone.signIn(person.email, PASSWORD);
    const copied = { ...laptop.sessionCookie()! };
    expect(copied.value).toBeTruthy();
    expect(await personFromCookie(copied)).toMatchObject({ id: person.id });

    await laptop.signOut();
    expect(laptop.sessionCookie()).toBeUndefined();
    // The copy is still a well-signed cookie, but the server has ended its session.
    expect(await personFromCookie(copied)).toBeNull();
    expect(await personFromCookie(phone.sessionCookie()!)).toMatchObject({ id: person.id });

    const sessions = await db.authSession.findMany({ where: { personId: person.id }, orderBy: { createdAt: "asc" } });
    expect(sessions.map((s) => !!s.endedAt)).toEqual([true, false]);
    const out = await db.auditEvent.findMany({ where: { chain: PLATFORM_CHAIN, actorId: person.id, action: "auth.sign_out" } });
    expect(out).toMatchObject([{ data: { sessionId: sessions[0].id } }]);
  });

  it("a session past its end, or one whose id was never issued, is refused", async () => {
    const person = await makePerson();
    const session = await db.authSession.create({ data: { personId: person.id, authMethod: "password", expiresAt: new Date(Date.now() - 1000) } });
    expect(await personForClaims({ personId: person.id, sessionVersion: 0, sessionId: session.id, authMethod: "password" })).toBeNull();
    expect(await personForClaims({ personId: person.id, sessionVersion: 0, sessionId: "made-up", authMethod: "password" })).toBeNull();
    // A cookie from before sessions had ids cannot be ended by signing out, so it is not accepted.
    expect(await personForClaims({ personId: person.id, sessionVersion: 0, authMethod: "password" })).toBeNull();
  });

  it("someone else's session id in a cookie does not count", async () => {
    const [a, b] = [await makePerson(), await makePerson()];
    const session = await db.authSession.create({ data: { personId: b.id, authMethod: "password", expiresAt: new Date(Date.now() + 60_000) } });
    expect(await personForClaims({ personId: a.id, sessionVersion: 0, sessionId: session.id, authMethod: "password" })).toBeNull();
  });
});

describe("session cookies", () => {
  it("with an https public URL: __Secure- prefixed, Secure and HttpOnly, even if a proxy says the request was http", async () => {
    vi.stubEnv("NEXTAUTH_URL", "https://ict.example.test");
    // next-auth follows X-Forwarded-Proto when it trusts the host; our setting decides instead.
    vi.stubEnv("AUTH_TRUST_HOST", "1");
    const person = await makePerson();
    await setPassword(person.id, PASSWORD);
    const b = browser({ "x-forwarded-proto": "http", "x-forwarded-host": "ict.example.test" });
    await b.signIn(person.email, PASSWORD);
    const cookie = b.sessionCookie();
    expect(cookie?.name).toBe("__Secure-next-auth.session-token");
    expect(cookie?.options).toMatchObject({ secure: true, httpOnly: true, sameSite: "lax" });
  });

  it("with an http public URL (local development) the cookie is plain, or the browser would drop it", async () => {
    vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
    const person = await makePerson();
    await setPassword(person.id, PASSWORD);
    const b = browser();
    await b.signIn(person.email, PASSWORD);
    expect(b.sessionCookie()).toMatchObject({ name: "next-auth.session-token", options: { secure: false } });
  });
});
