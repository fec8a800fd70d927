import { describe, it, expect, beforeEach, afterEach, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "../support/owner-db";
import { requestMagicLinkAction } from "@/lib/auth/actions";
import { signInWithMagicLink, SignInRefused } from "@/lib/auth/sign-in";
import { LINK_MINUTES } from "@/lib/auth/magic-link";
import { sendMail, devMailboxEnabled, mailDestination } from "@/lib/mail/send";
import { getCurrentPerson } from "@/lib/auth/session";
import { PLATFORM_CHAIN } from "@/lib/audit/chain";
import { makePerson, makeSchool, makeMember } from "../support/fixtures";
import { signInAs } from "../support/session";
import { drainMailRequests } from "@/lib/auth/mail-runner";

/** The request, then the mail runner's turn for that address (the sending is off the request path). */
async function ask(input: { email?: string } & Record<string, unknown>) {
  const res = await requestMagicLinkAction(input);
  if (typeof input.email === "string") await drainMailRequests({ email: input.email.trim().toLowerCase() });
  return res;
}

beforeEach(() => {
  // Without SMTP and outside production, mail goes to the dev mailbox.
  vi.stubEnv("SMTP_URL", "");
  vi.stubEnv("NEXTAUTH_URL", "https://ict.example.test/");
  vi.spyOn(console, "log").mockImplementation(() => {});
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const mailsTo = (to: string) => db.devMail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
const tokensOf = (personId: string) => db.magicLinkToken.findMany({ where: { personId } });
const tokenIn = (text: string) => {
  const m = text.match(/https:\/\/ict\.example\.test\/magic\?token=([A-Za-z0-9_-]+)/);
  return m ? m[1] : null;
};
const stranger = () => `stranger-${randomUUID().slice(0, 8)}@example.org.uk`;

async function refused(p: Promise<unknown>) {
  try {
    await p;
    return null;
  } catch (e) {
    return e instanceof SignInRefused ? e.code : e;
  }
}

describe("requestMagicLinkAction", () => {
  it("mails an active person a link that signs them in once", async () => {
    const person = await makePerson({ name: "Maya Mailer" });
    const res = await ask({ email: person.email.toUpperCase() });
    expect(res).toEqual({ ok: true, data: undefined });

    const mails = await mailsTo(person.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Your sign-in link");
    expect(mails[0].text).toContain("Hello Maya Mailer");
    expect(mails[0].text).toContain(`expires in ${LINK_MINUTES} minutes`);
    const token = tokenIn(mails[0].text);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const user = await signInWithMagicLink(token!, null);
    expect(user).toMatchObject({ id: person.id, authMethod: "magic-link" });
    signInAs({ id: user.id, sessionVersion: user.sessionVersion }, user.authMethod);
    expect(await getCurrentPerson()).toMatchObject({ id: person.id, authMethod: "magic-link" });
    expect(await refused(signInWithMagicLink(token!, null))).toBe("LINK_INVALID");
  });

  it("the link expires after LINK_MINUTES", async () => {
    const person = await makePerson();
    const before = Date.now();
    await ask({ email: person.email });
    const [row] = await tokensOf(person.id);
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(before + LINK_MINUTES * 60_000 - 1000);
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + LINK_MINUTES * 60_000 + 1000);
  });

  it("records the request in the audit log (platform chain)", async () => {
    const person = await makePerson();
    await ask({ email: person.email });
    const rows = await db.auditEvent.findMany({ where: { chain: PLATFORM_CHAIN, actorId: person.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "auth.magic_link_requested", entityType: "Person", entityId: person.id, schoolId: null });
  });

  it("gives the same answer for an unknown address, and sends nothing", async () => {
    const email = stranger();
    const res = await ask({ email });
    expect(res).toEqual({ ok: true, data: undefined });
    expect(await mailsTo(email)).toHaveLength(0);
    expect(await db.person.count({ where: { email } })).toBe(0);
  });

  it.each(["SUSPENDED", "LEFT"] as const)("gives the same answer for a %s person, and sends nothing", async (status) => {
    const person = await makePerson({ status });
    expect(await ask({ email: person.email })).toEqual({ ok: true, data: undefined });
    expect(await mailsTo(person.email)).toHaveLength(0);
    expect(await tokensOf(person.id)).toHaveLength(0);
  });

  it("sends at most 5 links an hour to one person, and still answers the same", async () => {
    const person = await makePerson();
    for (let i = 0; i < 7; i++) expect(await ask({ email: person.email })).toEqual({ ok: true, data: undefined });
    expect(await mailsTo(person.email)).toHaveLength(5);
    expect(await tokensOf(person.id)).toHaveLength(5);
  });

  it("each link is different and each works once", async () => {
    const person = await makePerson();
    await ask({ email: person.email });
    await ask({ email: person.email });
    const [t1, t2] = (await mailsTo(person.email)).map((m) => tokenIn(m.text)!);
    expect(t1).not.toBe(t2);
    expect((await signInWithMagicLink(t2, null)).id).toBe(person.id);
    expect((await signInWithMagicLink(t1, null)).id).toBe(person.id);
  });

  it("works for a signed-out visitor (it is the way in), and equally for someone signed in", async () => {
    const school = await makeSchool();
    const { person } = await makeMember(school.id);
    signInAs(person);
    expect((await ask({ email: person.email })).ok).toBe(true);
    expect(await mailsTo(person.email)).toHaveLength(1);
  });

  it.each([
    [{ email: "not-an-email" }, { email: "Enter an email address like name@school.org.uk" }],
    [{ email: "" }, { email: "Enter an email address" }],
    [{}, { email: "Enter an email address" }],
  ])("bad input %j is INVALID with %j, and nothing is written", async (input, errors) => {
    const res = await ask(input);
    expect(res).toMatchObject({ ok: false, code: "INVALID", fieldErrors: errors });
    expect(await db.devMail.count({ where: { to: (input as { email?: string }).email ?? "" } })).toBe(0);
  });

  it("an unknown field is INVALID and nothing is sent, even to a real person", async () => {
    const person = await makePerson();
    const res = await ask({ email: person.email, redirect: "https://evil.example" });
    expect(res).toMatchObject({ ok: false, code: "INVALID" });
    expect(res.ok ? null : res.fieldErrors?._form).toMatch(/redirect/);
    expect(await mailsTo(person.email)).toHaveLength(0);
    expect(await tokensOf(person.id)).toHaveLength(0);
  });
});

describe("sendMail without SMTP", () => {
  it("under vitest writes to the dev mailbox table (the tests read it; nothing serves it)", async () => {
    expect(mailDestination()).toBe("dev-mailbox");
    const to = stranger();
    await sendMail({ to, subject: "Hello", text: "Body" });
    expect(await mailsTo(to)).toMatchObject([{ to, subject: "Hello", text: "Body" }]);
  });

  it("refuses to send in production rather than drop or expose mail", async () => {
    vi.stubEnv("NODE_ENV", "production");
    expect(devMailboxEnabled()).toBe(false);
    const to = stranger();
    await expect(sendMail({ to, subject: "Hello", text: "Body" })).rejects.toThrow(/SMTP_URL is not configured/);
    expect(await mailsTo(to)).toHaveLength(0);
  });

  it("the production demo on the embedded database (PGLITE=1, DEMO_MODE=1) uses the dev mailbox", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DEMO_MODE", "1");
    vi.stubEnv("PGLITE", "1");
    expect(devMailboxEnabled()).toBe(true);
  });

  it("in production without SMTP the request answers as always; the runner records the failure, leaks nothing and tries again later", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.spyOn(console, "error").mockImplementation(() => {});
    const person = await makePerson();
    const res = await ask({ email: person.email });
    expect(res).toEqual({ ok: true, data: undefined });
    expect(await mailsTo(person.email)).toHaveLength(0);
    const [req] = await db.mailRequest.findMany({ where: { email: person.email } });
    expect(req).toMatchObject({ kind: "magic-link", attempts: 1, doneAt: null, error: expect.stringMatching(/SMTP_URL is not configured/) });
    expect(req.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });
});
