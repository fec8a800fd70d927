// Issue 12, point 4: MFA with an authenticator app, against PostgreSQL through the real sign-in code.
import { describe, it, expect, beforeEach, vi } from "vitest";
import { generate } from "otplib";
import { db } from "../support/owner-db";
import { signInWithPassword, signInWithMagicLink, hashToken } from "@/lib/auth/sign-in";
import { signInWithSso } from "@/lib/sso/sign-in";
import { getCurrentPerson, getLiveSession } from "@/lib/auth/session";
import { requireMember, memberOrStatus } from "@/lib/authz/require";
import { confirmMfaEnrolmentAction, resetMfaAction, startMfaEnrolmentAction, verifyMfaAction } from "@/lib/auth/mfa/actions";
import { setSuspendedAction } from "@/lib/people/actions";
import { enrolmentInProgress } from "@/lib/auth/mfa/service";
import { MFA_MAX_FAILURES } from "@/lib/auth/mfa/lockout";
import { openSecret } from "@/lib/auth/mfa/secret-box";
import { TOTP_PERIOD_SECONDS } from "@/lib/auth/mfa/totp";
import { makeMember, makeOrgRole, makeOrganisation, makeSchool, setPassword } from "../support/fixtures";
import { signInAs, signOut } from "../support/session";

const PASSWORD = "correct horse battery staple";

beforeEach(() => {
  vi.stubEnv("NEXTAUTH_SECRET", "integration-test-secret-for-mfa-0123456789");
});

async function world() {
  const org = await makeOrganisation("TRUST");
  const [a, b] = await Promise.all([makeSchool(org.id), makeSchool()]);
  const [head, teacher, bm, dsl, headB] = await Promise.all([
    makeMember(a.id, { roles: ["HEADTEACHER", "STAFF"], name: "Head of A" }),
    makeMember(a.id, { roles: ["STAFF"], name: "Teacher of A" }),
    makeMember(a.id, { roles: ["BUSINESS_MANAGER"], name: "Business Manager of A" }),
    makeMember(a.id, { roles: ["DSL"], name: "DSL of A" }),
    makeMember(b.id, { roles: ["HEADTEACHER"], name: "Head of B" }),
  ]);
  const trustAdmin = await makeOrgRole(org.id, "TRUST_ADMIN");
  await Promise.all([head, teacher, bm, dsl, headB].map((m) => setPassword(m.person.id, PASSWORD)).concat(setPassword(trustAdmin.id, PASSWORD)));
  return { org, a, b, head, teacher, bm, dsl, headB, trustAdmin };
}

/** Signs in with the password (the first step) and acts with that session, pending or not. */
async function passwordStep(person: { id: string; email: string }) {
  const user = await signInWithPassword(person.email, PASSWORD, "203.0.113.9");
  const version = (await db.person.findUniqueOrThrow({ where: { id: person.id } })).sessionVersion;
  signInAs({ id: person.id, sessionVersion: version, sessionId: user.sessionId });
  return user;
}

/** The secret shown on the enrolment page (as a phone would read it from the QR code). */
async function enrol(person: { id: string; email: string }) {
  expect(await startMfaEnrolmentAction({})).toMatchObject({ ok: true });
  const setup = await enrolmentInProgress(person);
  expect(setup).not.toBeNull();
  const res = await confirmMfaEnrolmentAction({ code: await generate({ secret: setup!.secret }) });
  if (!res.ok) throw new Error(res.error);
  return { secret: setup!.secret, recoveryCodes: res.data.recoveryCodes };
}

/** The code of the next 30-second step: a code is accepted once, so a second sign-in in one test uses the next one. */
const nextStepCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + TOTP_PERIOD_SECONDS });

const sessionRow = (id: string) => db.authSession.findUniqueOrThrow({ where: { id } });
const audit = (personId: string, action: string) => db.auditEvent.findMany({ where: { entityId: personId, action }, orderBy: { at: "asc" } });

describe("who is asked", () => {
  it("a Headteacher's password sign-in owes a second step; a teacher's does not", async () => {
    const w = await world();
    const head = await passwordStep(w.head.person);
    expect((await sessionRow(head.sessionId)).mfaPending).toBe(true);
    expect(await getCurrentPerson()).toBeNull();
    expect(await getLiveSession()).toMatchObject({ mfaPending: true, sessionId: head.sessionId });

    const teacher = await passwordStep(w.teacher.person);
    expect((await sessionRow(teacher.sessionId)).mfaPending).toBe(false);
    expect(await getCurrentPerson()).toMatchObject({ id: w.teacher.person.id, authMethod: "password" });
  });

  it.each([
    ["Business Manager", "bm"],
    ["DSL", "dsl"],
    ["trust administrator", "trustAdmin"],
  ] as const)("a %s is asked too", async (_who, key) => {
    const w = await world();
    const p = key === "trustAdmin" ? w.trustAdmin : w[key].person;
    expect((await sessionRow((await passwordStep(p)).sessionId)).mfaPending).toBe(true);
  });

  it("after an emailed link too", async () => {
    const w = await world();
    const token = `mfa-link-${Date.now()}-${Math.random()}`;
    await db.magicLinkToken.create({ data: { tokenHash: hashToken(token), personId: w.head.person.id, expiresAt: new Date(Date.now() + 60_000) } });
    const user = await signInWithMagicLink(token, null);
    expect((await sessionRow(user.sessionId)).mfaPending).toBe(true);
  });

  it("not while the organisation has MFA switched off (unless the person set an app up)", async () => {
    const w = await world();
    await db.organisation.update({ where: { id: w.org.id }, data: { mfaRequired: false } });
    expect((await sessionRow((await passwordStep(w.head.person)).sessionId)).mfaPending).toBe(false);
    // A teacher who chose to set up an app is asked for it from then on.
    await passwordStep(w.teacher.person);
    await enrol(w.teacher.person);
    expect((await sessionRow((await passwordStep(w.teacher.person)).sessionId)).mfaPending).toBe(true);
  });

  it("not again after a single sign-on whose provider reports MFA (amr); asked when it does not", async () => {
    const w = await world();
    const tenant = "5b1f7e2c-0d3a-4c8e-9f61-2a7d4e8b9c10";
    await db.ssoTrustedTenant.create({ data: { organisationId: w.org.id, kind: "ENTRA", tenant } });
    const identity = { provider: "azure-ad", kind: "ENTRA" as const, tenant, subject: `sub-${w.head.person.id}`, email: w.head.person.email, emailVerified: true };
    const withMfa = await signInWithSso(identity, null, { providerMfa: true });
    const row = await sessionRow(withMfa!.sessionId);
    expect(row).toMatchObject({ mfaPending: false, mfaMethod: "provider" });
    signInAs({ id: w.head.person.id, sessionId: withMfa!.sessionId });
    expect((await getCurrentPerson())?.authMethod).toBe("azure-ad+provider");
    const without = await signInWithSso(identity, null);
    expect((await sessionRow(without!.sessionId)).mfaPending).toBe(true);
  });
});

describe("a session pending MFA cannot act", () => {
  it("pages redirect to the code page, routes answer 401, school actions refuse; nothing changes", async () => {
    const w = await world();
    await passwordStep(w.head.person);
    const digest = await requireMember(w.a.slug, "people:manage").then(
      () => "no redirect",
      (e) => String((e as { digest?: string }).digest),
    );
    expect(digest).toMatch(/^NEXT_REDIRECT;.*\/signin\/mfa\?callbackUrl=%2Fs%2F/);
    const res = await memberOrStatus(w.a.slug, "people:read");
    expect(res instanceof Response && res.status).toBe(401);
    expect(await setSuspendedAction(w.a.slug, { membershipId: w.teacher.membership.id, suspended: true })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect((await db.person.findUniqueOrThrow({ where: { id: w.teacher.person.id } })).status).toBe("ACTIVE");
    expect(await resetMfaAction(w.a.slug, { membershipId: w.teacher.membership.id })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });

  it("the MFA actions themselves refuse a signed-out request", async () => {
    signOut();
    expect(await verifyMfaAction({ code: "123456" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await startMfaEnrolmentAction({})).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await confirmMfaEnrolmentAction({ code: "123456" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });
});

describe("enrolment", () => {
  it("required and not set up: setting up is the second step; ten recovery codes, stored hashed; the secret sealed", async () => {
    const w = await world();
    const user = await passwordStep(w.head.person);
    expect(await startMfaEnrolmentAction({})).toMatchObject({ ok: true });
    const setup = (await enrolmentInProgress(w.head.person))!;
    expect(setup.uri).toContain(`secret=${setup.secret}`);

    // A wrong code: refused next to the field, nothing confirmed, the session still pending.
    const wrong = await confirmMfaEnrolmentAction({ code: "000000" });
    expect(wrong).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { code: expect.stringMatching(/not right/) } });
    expect((await db.mfaEnrolment.findUniqueOrThrow({ where: { personId: w.head.person.id } })).confirmedAt).toBeNull();
    expect(await getCurrentPerson()).toBeNull();

    const res = await confirmMfaEnrolmentAction({ code: await generate({ secret: setup.secret }) });
    expect(res.ok).toBe(true);
    const codes = res.ok ? res.data.recoveryCodes : [];
    expect(codes).toHaveLength(10);
    expect(await getCurrentPerson()).toMatchObject({ id: w.head.person.id, authMethod: "password+totp" });
    expect(await sessionRow(user.sessionId)).toMatchObject({ mfaPending: false, mfaMethod: "totp" });

    const stored = await db.mfaRecoveryCode.findMany({ where: { personId: w.head.person.id } });
    expect(stored).toHaveLength(10);
    for (const c of codes) expect(stored.some((s) => s.codeHash.includes(c) || s.codeHash.includes(c.replace(/-/g, "")))).toBe(false);
    const enrolment = await db.mfaEnrolment.findUniqueOrThrow({ where: { personId: w.head.person.id } });
    expect(enrolment.secretSealed).not.toContain(setup.secret);
    expect(openSecret(enrolment.secretSealed, w.head.person.id)).toBe(setup.secret);
    // Bound to the person: the sealed secret copied onto someone else does not open.
    expect(openSecret(enrolment.secretSealed, w.teacher.person.id)).toBeNull();
    // Shown only while being set up; setting up again is refused.
    expect(await enrolmentInProgress(w.head.person)).toBeNull();
    expect(await startMfaEnrolmentAction({})).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await audit(w.head.person.id, "auth.mfa_enrolled")).toHaveLength(1);
  });
});

describe("the code at sign-in", () => {
  it("a right code completes the session; the same code again is refused as used, without counting as a guess", async () => {
    const w = await world();
    await passwordStep(w.head.person);
    const { secret } = await enrol(w.head.person);

    const second = await passwordStep(w.head.person);
    const code = await nextStepCode(secret);
    expect(await verifyMfaAction({ code })).toMatchObject({ ok: true, data: { method: "totp" } });
    expect(await getCurrentPerson()).toMatchObject({ authMethod: "password+totp" });
    expect(await sessionRow(second.sessionId)).toMatchObject({ mfaPending: false, mfaMethod: "totp" });

    const third = await passwordStep(w.head.person);
    expect(await verifyMfaAction({ code })).toMatchObject({ ok: false, fieldErrors: { code: expect.stringMatching(/already been used/) } });
    expect((await sessionRow(third.sessionId)).mfaPending).toBe(true);
    expect(await db.signInAttempt.count({ where: { email: w.head.person.email, method: "mfa", success: false } })).toBe(0);
    expect(await audit(w.head.person.id, "auth.mfa_verified")).toHaveLength(1);
  });

  it(`${MFA_MAX_FAILURES} wrong codes lock the second step for 15 minutes, even for the right code; audited`, async () => {
    const w = await world();
    await passwordStep(w.head.person);
    const { secret } = await enrol(w.head.person);
    const pending = await passwordStep(w.head.person);
    for (let i = 0; i < MFA_MAX_FAILURES; i++) {
      expect(await verifyMfaAction({ code: "000000" })).toMatchObject({ ok: false, fieldErrors: { code: expect.stringMatching(/not right/) } });
    }
    const locked = await verifyMfaAction({ code: await nextStepCode(secret) });
    expect(locked).toMatchObject({ ok: false, fieldErrors: { code: expect.stringMatching(/Too many wrong codes/) } });
    expect((await sessionRow(pending.sessionId)).mfaPending).toBe(true);
    expect(await getCurrentPerson()).toBeNull();
    expect(await audit(w.head.person.id, "auth.mfa_failed")).toHaveLength(MFA_MAX_FAILURES);
    expect(await audit(w.head.person.id, "auth.mfa_locked")).toHaveLength(1);

    // Once the failures are older than the window, the right code works.
    await db.signInAttempt.updateMany({ where: { email: w.head.person.email, method: "mfa" }, data: { createdAt: new Date(Date.now() - 16 * 60_000) } });
    expect(await verifyMfaAction({ code: await nextStepCode(secret) })).toMatchObject({ ok: true });
  });

  it("a recovery code works once, however it is typed", async () => {
    const w = await world();
    await passwordStep(w.head.person);
    const { recoveryCodes } = await enrol(w.head.person);
    await passwordStep(w.head.person);
    expect(await verifyMfaAction({ code: recoveryCodes[3].toLowerCase().replace(/-/g, " ") })).toMatchObject({ ok: true, data: { method: "recovery-code", recoveryLeft: 9 } });
    expect(await getCurrentPerson()).toMatchObject({ authMethod: "password+recovery-code" });

    await passwordStep(w.head.person);
    expect(await verifyMfaAction({ code: recoveryCodes[3] })).toMatchObject({ ok: false, fieldErrors: { code: expect.stringMatching(/not right/) } });
    expect(await getCurrentPerson()).toBeNull();
    // A used code stays used, even to the database's owner.
    await expect(db.mfaRecoveryCode.updateMany({ where: { personId: w.head.person.id, usedAt: { not: null } }, data: { usedAt: null } })).rejects.toThrow();
  });
});

describe("reset by a Headteacher or trust administrator", () => {
  async function enrolled(w: Awaited<ReturnType<typeof world>>, who: { id: string; email: string }) {
    await passwordStep(who);
    await enrol(who);
    signOut();
  }
  const hasEnrolment = async (personId: string) => (await db.mfaEnrolment.count({ where: { personId } })) === 1;

  it.each([
    ["the Head of another school", "headB", "NOT_FOUND"],
    ["a teacher of the school", "teacher", "FORBIDDEN"],
    ["the Business Manager (manages people, but cannot reset MFA)", "bm", "FORBIDDEN"],
    ["nobody signed in", null, "UNAUTHENTICATED"],
  ] as const)("refused for %s; nothing changes", async (_who, actor, code) => {
    const w = await world();
    await enrolled(w, w.dsl.person);
    const before = await db.person.findUniqueOrThrow({ where: { id: w.dsl.person.id } });
    if (actor) signInAs(w[actor].person);
    else signOut();
    expect(await resetMfaAction(w.a.slug, { membershipId: w.dsl.membership.id })).toMatchObject({ ok: false, code });
    expect(await hasEnrolment(w.dsl.person.id)).toBe(true);
    expect((await db.person.findUniqueOrThrow({ where: { id: w.dsl.person.id } })).sessionVersion).toBe(before.sessionVersion);
    expect(await audit(w.dsl.person.id, "auth.mfa_reset")).toHaveLength(0);
  });

  it("refused for one's own authenticator", async () => {
    const w = await world();
    await enrolled(w, w.head.person);
    signInAs(w.head.person);
    expect(await resetMfaAction(w.a.slug, { membershipId: w.head.membership.id })).toMatchObject({ ok: false, code: "INVALID", error: expect.stringMatching(/your own/) });
    expect(await hasEnrolment(w.head.person.id)).toBe(true);
  });

  it("refused for another school's membership id (not found)", async () => {
    const w = await world();
    await enrolled(w, w.headB.person);
    signInAs(w.head.person);
    expect(await resetMfaAction(w.a.slug, { membershipId: w.headB.membership.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await hasEnrolment(w.headB.person.id)).toBe(true);
  });

  it.each([
    ["the Headteacher", "head"],
    ["the trust administrator", "trustAdmin"],
  ] as const)("%s resets it: the enrolment and recovery codes go, every session ends, audited on the school's chain", async (_who, actor) => {
    const w = await world();
    await enrolled(w, w.dsl.person);
    const session = await passwordStep(w.dsl.person);
    signInAs(actor === "trustAdmin" ? w.trustAdmin : w.head.person);
    expect(await resetMfaAction(w.a.slug, { membershipId: w.dsl.membership.id })).toMatchObject({ ok: true });
    expect(await hasEnrolment(w.dsl.person.id)).toBe(false);
    expect(await db.mfaRecoveryCode.count({ where: { personId: w.dsl.person.id } })).toBe(0);
    const events = await audit(w.dsl.person.id, "auth.mfa_reset");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ schoolId: w.a.id, actorId: actor === "trustAdmin" ? w.trustAdmin.id : w.head.person.id });
    // The old session no longer works at all; a new sign-in is sent to set up again.
    signInAs({ id: w.dsl.person.id, sessionId: session.sessionId });
    expect(await getLiveSession()).toBeNull();
    await passwordStep(w.dsl.person);
    expect(await getLiveSession()).toMatchObject({ mfaPending: true });
    expect(await verifyMfaAction({ code: "123456" })).toMatchObject({ ok: false, fieldErrors: { code: expect.stringMatching(/Set up/) } });
  });
});
