// Issue 6, point 6: throttling that holds under parallel guesses, a per-address limit beside the
// per-account one, capped email lengths, and sign-in link requests that do the same work either way.
import { describe, it, expect, beforeEach, afterEach, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { db } from "../support/owner-db";
import { signInWithPassword, SignInRefused } from "@/lib/auth/sign-in";
import { MAX_FAILURES, MAX_IP_FAILURES, MAX_EMAIL_LENGTH } from "@/lib/auth/rate-limit";
import { requestMagicLinkAction } from "@/lib/auth/actions";
import { drainMailRequests } from "@/lib/auth/mail-runner";
import { PLATFORM_CHAIN } from "@/lib/audit/chain";
import { verifyAuditLog } from "@/lib/audit/verify";
import { makePerson, setPassword } from "../support/fixtures";

const PASSWORD = "correct horse battery staple";
const uid = () => randomUUID().slice(0, 8);
const nobody = () => `nobody-${uid()}@example.org.uk`;
/** A documentation address (RFC 3849) of its own for each call, so tests never share an address's count. */
const freshIp = () => `2001:db8:${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}::1`;

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "signed in";
  } catch (e) {
    if (e instanceof SignInRefused) return e.code;
    throw e;
  }
}
const count = (xs: string[], x: string) => xs.filter((v) => v === x).length;
const attemptsFor = (where: { email?: string; ip?: string }) => db.signInAttempt.findMany({ where, orderBy: { createdAt: "asc" } });

describe("per-account lock-out under parallel guesses", () => {
  it(`20 wrong guesses at once: at most ${MAX_FAILURES} are evaluated, the rest are LOCKED and recorded`, async () => {
    const person = await makePerson();
    await setPassword(person.id, PASSWORD);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => outcome(signInWithPassword(person.email, `guess ${i}`, null))));

    const rows = await attemptsFor({ email: person.email });
    // Only a reserved attempt (method "password") gets its password checked.
    expect(rows.filter((r) => r.method === "password")).toHaveLength(MAX_FAILURES);
    expect(rows.filter((r) => r.method === "password-locked")).toHaveLength(20 - MAX_FAILURES);
    expect(count(results, "INVALID")).toBe(MAX_FAILURES);
    expect(count(results, "LOCKED")).toBe(20 - MAX_FAILURES);
    // And the right password, now, is locked out too.
    expect(await outcome(signInWithPassword(person.email, PASSWORD, null))).toBe("LOCKED");
    expect((await verifyAuditLog(PLATFORM_CHAIN)).broken).toBeNull();
  });

  it("the right password among parallel wrong ones: still no more than five evaluated", async () => {
    const person = await makePerson();
    await setPassword(person.id, PASSWORD);
    const guesses = Array.from({ length: 12 }, (_, i) => (i === 6 ? PASSWORD : `guess ${i}`));
    const results = await Promise.all(guesses.map((g) => outcome(signInWithPassword(person.email, g, null))));
    const evaluated = (await attemptsFor({ email: person.email })).filter((r) => r.method === "password");
    expect(evaluated.length).toBeLessThanOrEqual(MAX_FAILURES + 1);
    expect(count(results, "INVALID") + count(results, "signed in")).toBe(evaluated.length);
    // The one success is recorded as a success, never as a failure that counts.
    expect(evaluated.filter((r) => r.success)).toHaveLength(count(results, "signed in"));
  });
});

describe("per-address limit (password spraying, mass lock-out)", () => {
  it(`after ${MAX_IP_FAILURES} failures from one address across accounts, that address is refused, even with a right password`, async () => {
    const ip = freshIp();
    for (let i = 0; i < MAX_IP_FAILURES; i++) expect(await outcome(signInWithPassword(nobody(), "Summer2026!", ip))).toBe("INVALID");

    const person = await makePerson();
    await setPassword(person.id, PASSWORD);
    expect(await outcome(signInWithPassword(person.email, PASSWORD, ip))).toBe("ADDRESS_LOCKED");
    // Refused before any account was looked up: recorded as locked, with no person named.
    expect(await attemptsFor({ email: person.email })).toMatchObject([{ method: "password-locked", success: false, ip }]);
    const audit = await db.auditEvent.findFirst({ where: { chain: PLATFORM_CHAIN, data: { path: ["email"], equals: person.email } } });
    expect(audit).toMatchObject({ action: "auth.sign_in_failed", actorId: null, data: { reason: "too many failures from this address" } });

    // The account itself is not locked: from another address it signs in.
    expect((await signInWithPassword(person.email, PASSWORD, freshIp())).id).toBe(person.id);
  });

  it(`${MAX_IP_FAILURES + 10} parallel guesses from one address at different accounts: at most ${MAX_IP_FAILURES} evaluated`, async () => {
    const ip = freshIp();
    const results = await Promise.all(Array.from({ length: MAX_IP_FAILURES + 10 }, () => outcome(signInWithPassword(nobody(), "Summer2026!", ip))));
    const rows = await attemptsFor({ ip });
    expect(rows.filter((r) => r.method === "password")).toHaveLength(MAX_IP_FAILURES);
    expect(count(results, "ADDRESS_LOCKED")).toBe(10);
  });

  it("failures without a known address do not lock anyone else out", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await outcome(signInWithPassword(nobody(), "x", null));
    const person = await makePerson();
    await setPassword(person.id, PASSWORD);
    expect((await signInWithPassword(person.email, PASSWORD, null)).id).toBe(person.id);
  });
});

describe("email length", () => {
  it(`an over-long address is cut to ${MAX_EMAIL_LENGTH} characters before it is logged, and matches no account`, async () => {
    const local = "a".repeat(MAX_EMAIL_LENGTH - "@example.org.uk".length);
    const person = await makePerson({ email: `${local}@example.org.uk` });
    await setPassword(person.id, PASSWORD);
    expect(person.email).toHaveLength(MAX_EMAIL_LENGTH);
    const typed = `${person.email}${"z".repeat(10_000)}`;

    expect(await outcome(signInWithPassword(typed, PASSWORD, null))).toBe("INVALID");
    const rows = await attemptsFor({ email: person.email });
    expect(rows).toMatchObject([{ success: false, method: "password" }]);
    const longest = await db.$queryRaw<{ n: number }[]>`SELECT max(length(email))::int AS n FROM "SignInAttempt"`;
    expect(longest[0].n).toBeLessThanOrEqual(MAX_EMAIL_LENGTH);
    const audit = await db.auditEvent.findFirst({ where: { chain: PLATFORM_CHAIN, actorId: null, data: { path: ["email"], equals: person.email } } });
    expect(audit).toMatchObject({ data: { reason: "unknown account" } });
  });
});

describe("asking for a sign-in link does the same work whether or not the address has an account", () => {
  // A client like the app's, that reports every statement it sends.
  let queries: string[] = [];
  let saved: unknown;
  const g = globalThis as unknown as { prisma?: unknown };
  beforeEach(() => {
    const client = new PrismaClient({
      adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 2 }),
      omit: { person: { passwordHash: true } },
      log: [{ emit: "event", level: "query" }],
    });
    client.$on("query", (e) => queries.push(e.query));
    saved = g.prisma;
    g.prisma = client;
    queries = [];
    vi.stubEnv("SMTP_URL", "");
    vi.spyOn(console, "log").mockImplementation(() => {});
  });
  afterEach(async () => {
    await (g.prisma as PrismaClient).$disconnect();
    g.prisma = saved;
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  async function statementsFor(email: string) {
    queries = [];
    expect(await requestMagicLinkAction({ email })).toEqual({ ok: true, data: undefined });
    return [...queries];
  }

  it("the request sends the same statements for a real person, a stranger and a suspended person; the runner sends the mail", async () => {
    const person = await makePerson();
    const suspended = await makePerson({ status: "SUSPENDED" });
    const forPerson = await statementsFor(person.email);
    const forStranger = await statementsFor(nobody());
    const forSuspended = await statementsFor(suspended.email);
    expect(forPerson.length).toBeGreaterThan(0);
    expect(forStranger).toEqual(forPerson);
    expect(forSuspended).toEqual(forPerson);
    // All of it is one write to the queue: no look-up of the person, no token, no mail.
    expect(forPerson.join("\n")).not.toMatch(/"Person"|"MagicLinkToken"|"DevMail"|"AuditEvent"/);
    expect(forPerson.join("\n")).toMatch(/INSERT INTO "public"."MailRequest"/);
    expect(await db.devMail.count({ where: { to: person.email } })).toBe(0);

    // Off the request path, the runner sends the real person their link, and nobody else anything.
    await drainMailRequests({ email: person.email });
    await drainMailRequests({ email: suspended.email });
    expect(await db.devMail.count({ where: { to: person.email } })).toBe(1);
    expect(await db.devMail.count({ where: { to: suspended.email } })).toBe(0);
    const refused = await db.auditEvent.findFirst({ where: { chain: PLATFORM_CHAIN, action: "auth.magic_link_refused", actorId: suspended.id } });
    expect(refused).toMatchObject({ data: { reason: "account suspended" } });
  });

  it("the queued address is capped too", async () => {
    const { requestMail } = await import("@/lib/auth/outbox");
    const email = `${"b".repeat(400)}@example.org.uk`;
    await requestMail("magic-link", email, null);
    expect(await db.mailRequest.findFirst({ where: { email: email.slice(0, MAX_EMAIL_LENGTH) } })).not.toBeNull();
    await db.mailRequest.deleteMany({ where: { email: email.slice(0, MAX_EMAIL_LENGTH) } });
  });
});
