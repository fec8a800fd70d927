import { describe, it, expect, beforeEach } from "vitest";
import { randomBytes } from "node:crypto";
import { db } from "../support/owner-db";
import { signInWithPassword, signInWithMagicLink, hashToken, SignInRefused } from "@/lib/auth/sign-in";
import { isLockedOut, MAX_FAILURES, WINDOW_MINUTES } from "@/lib/auth/rate-limit";
import { verifyPassword, hashPassword } from "@/lib/auth/password";
import { requestMagicLink } from "@/lib/auth/magic-link";
import { drainMailRequests } from "@/lib/auth/mail-runner";
import { getCurrentPerson } from "@/lib/auth/session";
import { authOptions } from "@/lib/auth/options";
import { verifyAuditLog } from "@/lib/audit/verify";
import { PLATFORM_CHAIN } from "@/lib/audit/chain";
import { makePerson, setPassword } from "../support/fixtures";
import { signInAs } from "../support/session";

const PASSWORD = "correct horse battery staple";
let person: Awaited<ReturnType<typeof makePerson>>;
beforeEach(async () => {
  person = await makePerson();
  await setPassword(person.id, PASSWORD);
});

const attempts = (email: string) => db.signInAttempt.findMany({ where: { email }, orderBy: { createdAt: "asc" } });
const auditFor = (personId: string) => db.auditEvent.findMany({ where: { chain: PLATFORM_CHAIN, actorId: personId }, orderBy: { seq: "asc" } });

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "signed in";
  } catch (e) {
    if (e instanceof SignInRefused) return e.code;
    throw e;
  }
}

describe("password sign-in", () => {
  it("the right password signs in, logs a success and an auth.sign_in audit row", async () => {
    const user = await signInWithPassword(person.email, PASSWORD, "203.0.113.9");
    expect(user).toEqual({ id: person.id, name: person.name, email: person.email, sessionVersion: 0, sessionId: expect.any(String), authMethod: "password" });
    expect(await attempts(person.email)).toMatchObject([{ success: true, method: "password", ip: "203.0.113.9" }]);
    const rows = await auditFor(person.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "auth.sign_in",
      entityType: "Person",
      entityId: person.id,
      schoolId: null,
      data: { email: person.email, method: "password", ip: "203.0.113.9", sessionId: user.sessionId },
    });
    expect((await verifyAuditLog(PLATFORM_CHAIN)).broken).toBeNull();
  });

  it("the claims it returns make a working session", async () => {
    const user = await signInWithPassword(person.email, PASSWORD, null);
    signInAs({ id: user.id, sessionVersion: user.sessionVersion, sessionId: user.sessionId });
    expect(await getCurrentPerson()).toEqual({ id: person.id, name: person.name, email: person.email, authMethod: "password" });
  });

  it("ignores case and spaces around the email", async () => {
    const user = await signInWithPassword(`  ${person.email.toUpperCase()} `, PASSWORD, null);
    expect(user.id).toBe(person.id);
  });

  it("a wrong password is refused and logged as a failure, with no session-making result", async () => {
    expect(await refusal(signInWithPassword(person.email, "wrong password", "203.0.113.9"))).toBe("INVALID");
    expect(await attempts(person.email)).toMatchObject([{ success: false, method: "password", ip: "203.0.113.9" }]);
    const rows = await auditFor(person.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "auth.sign_in_failed", entityId: person.id, data: { reason: "wrong password" } });
  });

  it("an unknown account is refused the same way, and logged", async () => {
    const email = `nobody-${randomBytes(4).toString("hex")}@example.org.uk`;
    expect(await refusal(signInWithPassword(email, PASSWORD, null))).toBe("INVALID");
    expect(await attempts(email)).toMatchObject([{ success: false, method: "password" }]);
    const row = await db.auditEvent.findFirst({ where: { chain: PLATFORM_CHAIN, action: "auth.sign_in_failed", data: { path: ["email"], equals: email } } });
    expect(row).toMatchObject({ actorId: null, data: { reason: "unknown account" } });
  });

  it("an account with no password cannot sign in with one", async () => {
    const noPassword = await makePerson();
    expect(await refusal(signInWithPassword(noPassword.email, "", null))).toBe("INVALID");
    expect(await refusal(signInWithPassword(noPassword.email, "anything", null))).toBe("INVALID");
  });

  it.each(["SUSPENDED", "LEFT"] as const)("a %s person is refused even with the right password", async (status) => {
    await db.person.update({ where: { id: person.id }, data: { status } });
    expect(await refusal(signInWithPassword(person.email, PASSWORD, null))).toBe("INVALID");
    expect(await attempts(person.email)).toMatchObject([{ success: false }]);
    expect((await auditFor(person.id))[0]).toMatchObject({ action: "auth.sign_in_failed", data: { reason: `account ${status.toLowerCase()}` } });
  });

  it(`after ${MAX_FAILURES} failures in ${WINDOW_MINUTES} minutes even the right password is LOCKED out`, async () => {
    for (let i = 0; i < MAX_FAILURES - 1; i++) expect(await refusal(signInWithPassword(person.email, `wrong ${i}`, null))).toBe("INVALID");
    expect(await isLockedOut(person.email)).toBe(false);
    expect(await refusal(signInWithPassword(person.email, "wrong again", null))).toBe("INVALID");
    expect(await isLockedOut(person.email)).toBe(true);

    const before = (await auditFor(person.id)).length;
    expect(await refusal(signInWithPassword(person.email, PASSWORD, null))).toBe("LOCKED");
    const all = await attempts(person.email);
    expect(all).toHaveLength(MAX_FAILURES + 1);
    expect(all.at(-1)).toMatchObject({ success: false, method: "password-locked" });
    expect(all.filter((a) => a.success)).toHaveLength(0);
    // The locked attempt names no person: nothing about the account is looked up while it is locked.
    expect(await auditFor(person.id)).toHaveLength(before);
  });

  it("the lock-out is per account: another account still signs in", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await refusal(signInWithPassword(person.email, "wrong", null));
    const other = await makePerson();
    await setPassword(other.id, PASSWORD);
    expect((await signInWithPassword(other.email, PASSWORD, null)).id).toBe(other.id);
  });

  it("failures older than the window do not count, and the lock lifts once they age out", async () => {
    const old = new Date(Date.now() - (WINDOW_MINUTES + 1) * 60_000);
    await db.signInAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES }, () => ({ email: person.email, method: "password", success: false, createdAt: old })),
    });
    expect(await isLockedOut(person.email)).toBe(false);
    expect((await signInWithPassword(person.email, PASSWORD, null)).id).toBe(person.id);

    const recent = new Date(Date.now() - 60_000);
    await db.signInAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES }, () => ({ email: person.email, method: "password", success: false, createdAt: recent })),
    });
    expect(await isLockedOut(person.email)).toBe(true);
    expect(await isLockedOut(person.email, new Date(recent.getTime() + WINDOW_MINUTES * 60_000 + 1000))).toBe(false);
  });

  it("failed magic links do not count towards the password lock-out", async () => {
    await db.signInAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES }, () => ({ email: person.email, method: "magic-link", success: false })),
    });
    expect(await isLockedOut(person.email)).toBe(false);
  });
});

describe("password hashing", () => {
  it("uses argon2id, salts each hash, and verifies only the right password", async () => {
    const [h1, h2] = await Promise.all([hashPassword("s3cret-pass"), hashPassword("s3cret-pass")]);
    expect(h1).toMatch(/^\$argon2id\$/);
    expect(h1).not.toBe(h2);
    expect(await verifyPassword(h1, "s3cret-pass")).toBe(true);
    expect(await verifyPassword(h1, "s3cret-pasS")).toBe(false);
    expect(await verifyPassword(null, "s3cret-pass")).toBe(false);
    expect(await verifyPassword("not a hash", "s3cret-pass")).toBe(false);
  });

  it("the password hash never leaves the database unless asked for by name", async () => {
    const p = await db.person.findUniqueOrThrow({ where: { id: person.id } });
    expect(p).not.toHaveProperty("passwordHash");
  });
});

describe("magic-link sign-in", () => {
  async function linkToken(personId: string, minutesLeft = 15) {
    const token = randomBytes(32).toString("base64url");
    await db.magicLinkToken.create({ data: { tokenHash: hashToken(token), personId, expiresAt: new Date(Date.now() + minutesLeft * 60_000) } });
    return token;
  }

  it("a link signs in once, logging a success; the second use is refused and logged", async () => {
    const token = await linkToken(person.id);
    const user = await signInWithMagicLink(token, "198.51.100.7");
    expect(user).toMatchObject({ id: person.id, authMethod: "magic-link", sessionVersion: 0 });
    expect(await refusal(signInWithMagicLink(token, "198.51.100.7"))).toBe("LINK_INVALID");
    expect(await attempts(person.email)).toMatchObject([
      { success: true, method: "magic-link", ip: "198.51.100.7" },
      { success: false, method: "magic-link" },
    ]);
    expect((await auditFor(person.id)).map((r) => r.action)).toEqual(["auth.sign_in", "auth.sign_in_failed"]);
  });

  it("two simultaneous uses of one link: exactly one signs in", async () => {
    const token = await linkToken(person.id);
    const results = await Promise.all(Array.from({ length: 5 }, () => refusal(signInWithMagicLink(token, null))));
    expect(results.filter((r) => r === "signed in")).toHaveLength(1);
    expect(results.filter((r) => r === "LINK_INVALID")).toHaveLength(4);
  });

  it("an expired link is refused", async () => {
    const token = await linkToken(person.id, -1);
    expect(await refusal(signInWithMagicLink(token, null))).toBe("LINK_INVALID");
    expect((await db.magicLinkToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } })).usedAt).toBeNull();
  });

  it("an unknown, empty or absurdly long token is refused", async () => {
    expect(await refusal(signInWithMagicLink(randomBytes(32).toString("base64url"), null))).toBe("LINK_INVALID");
    expect(await refusal(signInWithMagicLink("", null))).toBe("LINK_INVALID");
    expect(await refusal(signInWithMagicLink("x".repeat(201), null))).toBe("LINK_INVALID");
  });

  it("a link for a person suspended since it was sent is refused", async () => {
    const token = await linkToken(person.id);
    await db.person.update({ where: { id: person.id }, data: { status: "SUSPENDED" } });
    expect(await refusal(signInWithMagicLink(token, null))).toBe("LINK_INVALID");
  });

  it("the token itself is never stored, only its hash", async () => {
    await requestMagicLink(person.email);
    await drainMailRequests({ email: person.email });
    const mail = await db.devMail.findFirstOrThrow({ where: { to: person.email } });
    const token = new URL(mail.text.match(/https?:\/\/\S+/)![0]).searchParams.get("token")!;
    const row = await db.magicLinkToken.findFirstOrThrow({ where: { personId: person.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(row.tokenHash).not.toContain(token);
  });
});

// Single sign-on: tests/integration/sso-sign-in.test.ts.

describe("next-auth wiring (lib/auth/options.ts)", () => {
  type Authorize = (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
  // next-auth 4 keeps a credentials provider's own settings (its id, its authorize) under `options`.
  type Credentials = { id: string; options?: { id?: string; authorize: Authorize } };
  const authorize = (id: string) => {
    const provider = (authOptions.providers as unknown as Credentials[]).find((p) => (p.options?.id ?? p.id) === id);
    if (!provider?.options) throw new Error(`no credentials provider ${id}`);
    return provider.options.authorize;
  };

  it("password: signs in with the client IP from the trusted hop of X-Forwarded-For", async () => {
    const user = await authorize("password")({ email: person.email, password: PASSWORD }, { headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.50" } });
    expect(user).toMatchObject({ id: person.id });
    expect((await attempts(person.email)).at(-1)).toMatchObject({ success: true, ip: "203.0.113.50" });
  });

  it("turns refusals into plain codes for the sign-in page", async () => {
    await expect(authorize("password")({ email: person.email, password: "nope" }, { headers: {} })).rejects.toThrow(/^INVALID$/);
    for (let i = 0; i < MAX_FAILURES; i++) await refusal(signInWithPassword(person.email, "nope", null));
    await expect(authorize("password")({ email: person.email, password: PASSWORD }, { headers: {} })).rejects.toThrow(/^LOCKED$/);
    await expect(authorize("magic-link")({ token: "made-up" }, { headers: {} })).rejects.toThrow(/^LINK_INVALID$/);
  });

  it("the session carries only the claims that are re-checked on every request", async () => {
    const user = await signInWithPassword(person.email, PASSWORD, null);
    const jwt = authOptions.callbacks!.jwt!;
    const session = authOptions.callbacks!.session!;
    const token = await jwt({ token: {}, user: user as never, account: null, trigger: "signIn" } as never);
    expect(token).toMatchObject({ personId: person.id, sessionVersion: 0, sessionId: user.sessionId, authMethod: "password", email: person.email });
    const s = await session({ session: { expires: "" }, token } as never);
    expect((s as { user: unknown }).user).toEqual({
      name: person.name,
      email: person.email,
      personId: person.id,
      sessionVersion: 0,
      sessionId: user.sessionId,
      authMethod: "password",
    });
    // Later requests do not change the claims.
    expect(await jwt({ token, user: undefined, account: null } as never)).toEqual(token);
  });
});
