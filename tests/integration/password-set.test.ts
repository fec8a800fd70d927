// Issue 6, point 3: no sign-in without a stored password, and passwords set from an emailed link where the
// organisation allows passwords at all.
import { describe, it, expect, beforeEach, afterEach, vi } from "vitest";
import { randomBytes, randomUUID } from "node:crypto";
import { db } from "../support/owner-db";
import { signInWithPassword, hashToken, SignInRefused } from "@/lib/auth/sign-in";
import { verifyPassword } from "@/lib/auth/password";
import { requestPasswordLinkAction, requestMyPasswordLinkAction, setPasswordAction } from "@/lib/auth/actions";
import { drainMailRequests } from "@/lib/auth/mail-runner";
import { LINK_PROBLEM, PASSWORD_LINK_MINUTES } from "@/lib/auth/password-link";
import { passwordSignInAllowed } from "@/lib/auth/password-policy";
import { PLATFORM_CHAIN } from "@/lib/audit/chain";
import { verifyAuditLog } from "@/lib/audit/verify";
import { makePerson, makeSchool, makeMember, makeOrganisation, makeOrgRole, setPassword } from "../support/fixtures";
import { signInAs, signOut } from "../support/session";

// argon2 itself, with a switch that makes every verification match: how "the password matches the dummy
// hash" is played out without knowing a password for it.
const argon = vi.hoisted(() => ({ alwaysMatch: false, verifications: 0 }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...real,
    verify: async (...args: Parameters<typeof real.verify>) => {
      argon.verifications++;
      const ok = await real.verify(...args);
      return argon.alwaysMatch ? true : ok;
    },
  };
});

const NEW_PASSWORD = "teapot orbit meadow";

beforeEach(() => {
  argon.alwaysMatch = false;
  argon.verifications = 0;
  vi.stubEnv("SMTP_URL", "");
  vi.stubEnv("NEXTAUTH_URL", "https://ict.example.test");
  vi.spyOn(console, "log").mockImplementation(() => {});
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "signed in";
  } catch (e) {
    if (e instanceof SignInRefused) return e.code;
    throw e;
  }
}
const auditOf = (personId: string) => db.auditEvent.findMany({ where: { actorId: personId }, orderBy: { id: "asc" } });
const hashOf = async (id: string) => (await db.person.findUniqueOrThrow({ where: { id }, select: { passwordHash: true } })).passwordHash;
const mailsTo = (to: string) => db.devMail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
function tokenIn(text: string) {
  return text.match(/https:\/\/ict\.example\.test\/password\/set\?token=([A-Za-z0-9_-]+)/)?.[1] ?? null;
}
/** Asks for a link as a signed-out visitor, lets the runner send it, and returns the token it mailed (or null). */
async function askForLink(email: string) {
  expect(await requestPasswordLinkAction({ email })).toEqual({ ok: true, data: undefined });
  await drainMailRequests({ email });
  const mail = (await mailsTo(email)).at(-1);
  return mail ? tokenIn(mail.text) : null;
}
async function memberOf(opts: { passwordSignIn: boolean }) {
  const org = await makeOrganisation();
  await db.organisation.update({ where: { id: org.id }, data: { passwordSignIn: opts.passwordSignIn } });
  const school = await makeSchool(org.id);
  return { org, school, ...(await makeMember(school.id)) };
}

describe("no password stored, no password sign-in", () => {
  it("an account without a password is refused even when the hash it is checked against would match", async () => {
    const person = await makePerson();
    argon.alwaysMatch = true;
    expect(await outcome(signInWithPassword(person.email, "whatever was used for the dummy", null))).toBe("INVALID");
    // The check still ran (same time as for a real account), but its answer was not used.
    expect(argon.verifications).toBe(1);
    expect(await verifyPassword(null, "anything")).toBe(false);
    expect(await verifyPassword(undefined, "anything")).toBe(false);
    expect(await db.authSession.count({ where: { personId: person.id } })).toBe(0);
    const [row] = await auditOf(person.id);
    expect(row).toMatchObject({ action: "auth.sign_in_failed", data: { reason: "no password set" } });
  });

  it("an unknown account is also checked against a hash (equal timing) and refused", async () => {
    argon.alwaysMatch = true;
    expect(await outcome(signInWithPassword(`nobody-${randomUUID()}@example.org.uk`, "x", null))).toBe("INVALID");
    expect(argon.verifications).toBe(1);
  });
});

describe("setting a password from an emailed link", () => {
  it("the link arrives, sets the password once, ends other sessions, and every step is audited", async () => {
    const { person } = await memberOf({ passwordSignIn: true });
    const token = await askForLink(person.email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [mail] = await mailsTo(person.email);
    expect(mail.subject).toBe("Set your password");
    expect(mail.text).toContain(`expires in ${PASSWORD_LINK_MINUTES} minutes`);
    // Only the token's hash is stored.
    const stored = await db.passwordToken.findFirstOrThrow({ where: { personId: person.id } });
    expect(stored.tokenHash).toBe(hashToken(token!));

    expect(await setPasswordAction({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD })).toEqual({ ok: true, data: undefined });
    const after = await db.person.findUniqueOrThrow({ where: { id: person.id } });
    expect(after.sessionVersion).toBe(person.sessionVersion + 1);
    expect((await signInWithPassword(person.email, NEW_PASSWORD, null)).id).toBe(person.id);

    // Used up: a second use changes nothing and is recorded.
    const hash = await hashOf(person.id);
    const again = await setPasswordAction({ token, password: "another long password", confirm: "another long password" });
    expect(again).toMatchObject({ ok: false, code: "INVALID", error: LINK_PROBLEM });
    expect(await hashOf(person.id)).toBe(hash);

    expect((await auditOf(person.id)).map((r) => r.action)).toEqual([
      "auth.password_link_sent",
      "auth.password_set",
      "auth.sign_in",
      "auth.password_set_failed",
    ]);
    expect((await verifyAuditLog(PLATFORM_CHAIN)).broken).toBeNull();
  });

  it.each([
    ["too short", { password: "short pass", confirm: "short pass" }, { password: "Use at least 12 characters. Three random words make a strong password." }],
    ["only spaces", { password: " ".repeat(14), confirm: " ".repeat(14) }, { password: "Use at least 12 characters, not only spaces." }],
    ["not the same twice", { password: NEW_PASSWORD, confirm: "teapot orbit meadoW" }, { confirm: "The two passwords are not the same" }],
    ["empty", { password: "", confirm: "" }, { password: "Enter a new password" }],
  ])("a password that is %s is refused next to the field, and the link still works", async (_label, fields, errors) => {
    const { person } = await memberOf({ passwordSignIn: true });
    const token = await askForLink(person.email);
    const res = await setPasswordAction({ token, ...fields });
    expect(res).toMatchObject({ ok: false, code: "INVALID", fieldErrors: errors });
    expect(await hashOf(person.id)).toBeNull();
    expect((await db.passwordToken.findFirstOrThrow({ where: { personId: person.id } })).usedAt).toBeNull();
    expect(await setPasswordAction({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD })).toMatchObject({ ok: true });
  });

  it("an expired or made-up link is refused, changes nothing, and is recorded", async () => {
    const { person } = await memberOf({ passwordSignIn: true });
    const token = randomBytes(32).toString("base64url");
    await db.passwordToken.create({ data: { tokenHash: hashToken(token), personId: person.id, expiresAt: new Date(Date.now() - 1000) } });
    expect(await setPasswordAction({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD })).toMatchObject({ ok: false, error: LINK_PROBLEM });
    expect(await setPasswordAction({ token: "made-up", password: NEW_PASSWORD, confirm: NEW_PASSWORD })).toMatchObject({ ok: false, error: LINK_PROBLEM });
    expect(await hashOf(person.id)).toBeNull();
    expect((await auditOf(person.id)).map((r) => [r.action, (r.data as { reason: string }).reason])).toEqual([["auth.password_set_failed", "link used or expired"]]);
  });

  it("two uses of one link at the same moment: exactly one sets the password", async () => {
    const { person } = await memberOf({ passwordSignIn: true });
    const token = await askForLink(person.email);
    const results = await Promise.all(
      ["first long password", "second long password"].map((p) => setPasswordAction({ token, password: p, confirm: p })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await auditOf(person.id)).filter((r) => r.action === "auth.password_set")).toHaveLength(1);
  });

  it("an unknown address gets the same answer, and no mail", async () => {
    const email = `nobody-${randomUUID().slice(0, 8)}@example.org.uk`;
    expect(await askForLink(email)).toBeNull();
    const row = await db.auditEvent.findFirst({ where: { chain: PLATFORM_CHAIN, action: "auth.password_link_refused", data: { path: ["email"], equals: email } } });
    expect(row).toMatchObject({ actorId: null, data: { reason: "unknown account" } });
  });

  it("from the account page the signed-in person asks for a link to their own address; signed out, nothing", async () => {
    const { person } = await memberOf({ passwordSignIn: true });
    signInAs(person);
    expect(await requestMyPasswordLinkAction({})).toEqual({ ok: true, data: undefined });
    await drainMailRequests({ email: person.email });
    expect(tokenIn((await mailsTo(person.email))[0].text)).not.toBeNull();
    signOut();
    expect(await requestMyPasswordLinkAction({})).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });
});

describe("an organisation that does not allow passwords", () => {
  it("sends no link, and refuses the password of someone who had one", async () => {
    const { person, org } = await memberOf({ passwordSignIn: true });
    await setPassword(person.id, NEW_PASSWORD);
    await db.organisation.update({ where: { id: org.id }, data: { passwordSignIn: false } });

    expect(await askForLink(person.email)).toBeNull();
    expect(await db.passwordToken.count({ where: { personId: person.id } })).toBe(0);
    expect(await outcome(signInWithPassword(person.email, NEW_PASSWORD, null))).toBe("PASSWORD_NOT_ALLOWED");
    // A wrong password says only that it is wrong: the organisation's choice is not told to a guesser.
    expect(await outcome(signInWithPassword(person.email, "a wrong guess here", null))).toBe("INVALID");
    expect(await db.authSession.count({ where: { personId: person.id } })).toBe(0);
    expect((await auditOf(person.id)).map((r) => (r.data as { reason?: string }).reason)).toEqual([
      "passwords not allowed by the organisation",
      "passwords not allowed by the organisation",
      "wrong password",
    ]);
  });

  it("a link sent before the organisation switched passwords off no longer sets one", async () => {
    const { person, org } = await memberOf({ passwordSignIn: true });
    const token = await askForLink(person.email);
    await db.organisation.update({ where: { id: org.id }, data: { passwordSignIn: false } });
    const res = await setPasswordAction({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(res).toMatchObject({ ok: false, error: "Your school does not use passwords here. Sign in with an emailed link instead." });
    expect(await hashOf(person.id)).toBeNull();
    expect((await db.passwordToken.findFirstOrThrow({ where: { personId: person.id } })).usedAt).toBeNull();
  });

  it("one organisation that refuses is enough, whether through a school or an organisation role; ended memberships do not count", async () => {
    const { person } = await memberOf({ passwordSignIn: true });
    expect(await passwordSignInAllowed(person.id)).toBe(true);
    const strict = await memberOf({ passwordSignIn: false });
    await db.membership.create({
      data: { schoolId: strict.school.id, personId: person.id, staffGroup: "SUPPLY", roles: ["STAFF"], startDate: new Date("2020-09-01") },
    });
    expect(await passwordSignInAllowed(person.id)).toBe(false);
    await db.membership.updateMany({ where: { schoolId: strict.school.id, personId: person.id }, data: { endDate: new Date("2021-07-31") } });
    expect(await passwordSignInAllowed(person.id)).toBe(true);

    const admin = await makeOrgRole(strict.org.id, "TRUST_ADMIN");
    expect(await passwordSignInAllowed(admin.id)).toBe(false);
  });
});
