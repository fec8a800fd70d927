import { describe, it, expect, beforeEach } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "../support/owner-db";
import { signInWithSso, linkFromAccount, SsoRefused } from "@/lib/sso/sign-in";
import { identityFrom, type SsoIdentity } from "@/lib/sso/providers";
import { makeOrganisation, makeSchool, makeMember } from "../support/fixtures";
import { createAuthSession } from "@/lib/auth/sessions";

// The matching rules of issue 12 point 5, against the real database: a link is made once and afterwards
// the provider account alone (provider + tenant + subject) says who this is.

const tenantId = () => randomUUID();
const iss = (tid: string) => `https://login.microsoftonline.com/${tid}/v2.0`;
let org: { id: string };
let trusted: string;
let head: { id: string; email: string };

function entra(claims: Record<string, unknown>): SsoIdentity {
  return identityFrom("azure-ad", { tid: trusted, iss: iss(trusted), email_verified: true, ...claims })!;
}
async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SsoRefused);
  return (e as SsoRefused).code;
}
const linksOf = (personId: string) => db.ssoLink.findMany({ where: { personId }, select: { provider: true, tenant: true, subject: true, via: true } });
const failures = (subject: string) =>
  db.auditEvent.findMany({ where: { action: "auth.sign_in_failed", data: { path: ["subject"], equals: subject } }, select: { data: true, actorId: true } });

beforeEach(async () => {
  org = await makeOrganisation("TRUST");
  const school = await makeSchool(org.id);
  head = (await makeMember(school.id, { roles: ["HEADTEACHER"] })).person;
  trusted = tenantId();
  await db.ssoTrustedTenant.create({ data: { organisationId: org.id, kind: "ENTRA", tenant: trusted } });
});

describe("first sign-in from a trusted tenant", () => {
  it("links the account to the person with that verified address and signs them in, audited", async () => {
    const sub = `sub-${randomUUID()}`;
    const user = await signInWithSso(entra({ sub, email: head.email.toUpperCase() }), "203.0.113.7");
    expect(user).toMatchObject({ id: head.id, authMethod: "azure-ad" });
    expect(await linksOf(head.id)).toEqual([{ provider: "azure-ad", tenant: trusted, subject: sub, via: "first-sign-in" }]);
    const linked = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.sso_linked", actorId: head.id } });
    expect(linked.data).toMatchObject({ provider: "azure-ad", tenant: trusted, subject: sub, via: "first-sign-in" });
    expect(linked.organisationId).toBe(org.id);
    expect(await db.auditEvent.count({ where: { action: "auth.sign_in", actorId: head.id } })).toBe(1);
    expect(await db.authSession.count({ where: { id: user.sessionId, personId: head.id } })).toBe(1);
  });

  it("refuses an unverified address, and links nothing", async () => {
    const sub = `sub-${randomUUID()}`;
    expect(await refusal(signInWithSso(entra({ sub, email: head.email, email_verified: false }), null))).toBe("SSO_UNVERIFIED");
    expect(await refusal(signInWithSso(identityFrom("azure-ad", { sub, tid: trusted, iss: iss(trusted), email: head.email })!, null))).toBe("SSO_UNVERIFIED");
    expect(await linksOf(head.id)).toEqual([]);
    expect(await failures(sub)).toHaveLength(2);
  });

  it("takes Entra's xms_edov (address in a domain the tenant verified) as verified", async () => {
    const user = await signInWithSso(identityFrom("azure-ad", { sub: `sub-${randomUUID()}`, tid: trusted, iss: iss(trusted), email: head.email, xms_edov: true })!, null);
    expect(user.id).toBe(head.id);
  });

  it("refuses a Google account with no Workspace domain (hd), whatever address it shows", async () => {
    const sub = `g-${randomUUID()}`;
    const personal = identityFrom("google", { sub, email: head.email, email_verified: true })!;
    expect(await refusal(signInWithSso(personal, null))).toBe("SSO_UNTRUSTED");
    expect(await linksOf(head.id)).toEqual([]);
  });

  it("an address nobody here has is refused as no account", async () => {
    expect(await refusal(signInWithSso(entra({ sub: `sub-${randomUUID()}`, email: `nobody-${randomUUID()}@example.org.uk` }), null))).toBe("NO_ACCOUNT");
  });
});

describe("untrusted tenants", () => {
  it("refuses a tenant nobody trusts presenting the Head's verified address, and audits the refusal", async () => {
    const sub = `sub-${randomUUID()}`;
    const elsewhere = tenantId();
    const borrowed = identityFrom("azure-ad", { sub, tid: elsewhere, iss: iss(elsewhere), email: head.email, email_verified: true })!;
    expect(await refusal(signInWithSso(borrowed, "198.51.100.4"))).toBe("SSO_UNTRUSTED");
    expect(await linksOf(head.id)).toEqual([]);
    expect(await db.auditEvent.count({ where: { action: "auth.sign_in", actorId: head.id } })).toBe(0);
    const [failed] = await failures(sub);
    expect(failed.data).toMatchObject({ method: "azure-ad", reason: "tenant not trusted by any organisation", tenant: borrowed.tenant, subject: sub });
  });

  it("refuses a tenant trusted only by another organisation (it vouches for nobody here)", async () => {
    const other = await makeOrganisation("TRUST");
    const theirs = tenantId();
    await db.ssoTrustedTenant.create({ data: { organisationId: other.id, kind: "ENTRA", tenant: theirs } });
    const sub = `sub-${randomUUID()}`;
    expect(await refusal(signInWithSso(identityFrom("azure-ad", { sub, tid: theirs, iss: iss(theirs), email: head.email, email_verified: true })!, null))).toBe("SSO_UNTRUSTED");
    expect(await linksOf(head.id)).toEqual([]);
    expect((await failures(sub))[0].actorId).toBe(head.id);
  });

  it("a tenant no longer trusted stops its links working, without deleting them", async () => {
    const sub = `sub-${randomUUID()}`;
    await signInWithSso(entra({ sub, email: head.email }), null);
    await db.ssoTrustedTenant.deleteMany({ where: { organisationId: org.id } });
    expect(await refusal(signInWithSso(entra({ sub, email: head.email }), null))).toBe("SSO_UNTRUSTED");
    expect(await linksOf(head.id)).toHaveLength(1);
  });
});

describe("once linked, the provider account alone says who it is", () => {
  it("a changed email claim still signs in the same person, and does not move the link", async () => {
    const sub = `sub-${randomUUID()}`;
    await signInWithSso(entra({ sub, email: head.email }), null);
    const school = await db.school.findFirstOrThrow({ where: { organisationId: org.id } });
    const colleague = (await makeMember(school.id)).person;
    for (const email of ["head.renamed@example.org.uk", colleague.email, null]) {
      const user = await signInWithSso(entra({ sub, email, email_verified: false }), null);
      expect(user.id, String(email)).toBe(head.id);
    }
    expect(await linksOf(head.id)).toHaveLength(1);
    expect(await linksOf(colleague.id)).toEqual([]);
  });

  it("the same subject in another tenant, or at another provider, is a different account", async () => {
    const sub = `sub-${randomUUID()}`;
    await signInWithSso(entra({ sub, email: head.email }), null);
    const other = tenantId();
    const elsewhere = identityFrom("azure-ad", { sub, tid: other, iss: iss(other), email: head.email, email_verified: true })!;
    expect(await refusal(signInWithSso(elsewhere, null))).toBe("SSO_UNTRUSTED");
  });

  it("a second account of the same provider showing the person's address is refused: the first link stands", async () => {
    const first = `sub-${randomUUID()}`;
    await signInWithSso(entra({ sub: first, email: head.email }), null);
    expect(await refusal(signInWithSso(entra({ sub: `sub-${randomUUID()}`, email: head.email }), null))).toBe("SSO_OTHER_LINK");
    expect((await linksOf(head.id)).map((l) => l.subject)).toEqual([first]);
  });

  it("a suspended person's link signs nobody in", async () => {
    const sub = `sub-${randomUUID()}`;
    await signInWithSso(entra({ sub, email: head.email }), null);
    await db.person.update({ where: { id: head.id }, data: { status: "SUSPENDED" } });
    expect(await refusal(signInWithSso(entra({ sub, email: head.email }), null))).toBe("NO_ACCOUNT");
  });

  it("the database will not re-point a link to someone else", async () => {
    await signInWithSso(entra({ sub: `sub-${randomUUID()}`, email: head.email }), null);
    const school = await db.school.findFirstOrThrow({ where: { organisationId: org.id } });
    const other = (await makeMember(school.id)).person;
    await expect(db.ssoLink.updateMany({ where: { personId: head.id }, data: { personId: other.id } })).rejects.toThrow(/not changed/);
    await expect(db.ssoLink.updateMany({ where: { personId: head.id }, data: { subject: "another" } })).rejects.toThrow(/not changed/);
    expect(await linksOf(other.id)).toEqual([]);
  });
});

describe("linking from the account page", () => {
  async function intentFor(person: { id: string }) {
    const s = await db.$transaction((tx) => createAuthSession(tx, person.id, "password"));
    return { personId: person.id, sessionId: s.id, provider: "azure-ad" };
  }

  it("links the provider account to the signed-in person, whatever address it shows, audited", async () => {
    const sub = `sub-${randomUUID()}`;
    const out = await linkFromAccount(await intentFor(head), entra({ sub, email: "something-else@example.org.uk", email_verified: false }), null);
    expect(out).toBe("linked");
    expect(await linksOf(head.id)).toEqual([{ provider: "azure-ad", tenant: trusted, subject: sub, via: "account" }]);
    expect(await db.auditEvent.count({ where: { action: "auth.sso_linked", actorId: head.id } })).toBe(1);
    expect((await signInWithSso(entra({ sub, email: null }), null)).id).toBe(head.id);
    expect(await linkFromAccount(await intentFor(head), entra({ sub }), null)).toBe("already-linked");
  });

  it("refuses a subject already linked to someone else, and changes nothing", async () => {
    const sub = `sub-${randomUUID()}`;
    await signInWithSso(entra({ sub, email: head.email }), null);
    const school = await db.school.findFirstOrThrow({ where: { organisationId: org.id } });
    const other = (await makeMember(school.id)).person;
    expect(await refusal(linkFromAccount(await intentFor(other), entra({ sub, email: other.email }), null))).toBe("SSO_LINKED_ELSEWHERE");
    expect(await linksOf(other.id)).toEqual([]);
    expect(await linksOf(head.id)).toHaveLength(1);
    const refused = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.sso_link_refused", actorId: other.id } });
    expect(refused.data).toMatchObject({ subject: sub, reason: "the provider account is linked to someone else" });
  });

  it("refuses an account from a tenant the person's organisations do not trust", async () => {
    const sub = `sub-${randomUUID()}`;
    const personal = identityFrom("azure-ad", { sub, tid: "9188040d-6c67-4c5b-b112-36a304b66dad", iss: iss("9188040d-6c67-4c5b-b112-36a304b66dad"), email: head.email, email_verified: true })!;
    expect(await refusal(linkFromAccount(await intentFor(head), personal, null))).toBe("SSO_UNTRUSTED");
    expect(await linksOf(head.id)).toEqual([]);
  });

  it("an intent whose session has ended links nothing (the sign-in is then an ordinary one)", async () => {
    const intent = await intentFor(head);
    await db.authSession.update({ where: { id: intent.sessionId }, data: { endedAt: new Date() } });
    expect(await linkFromAccount(intent, entra({ sub: `sub-${randomUUID()}` }), null)).toBeNull();
    expect(await linksOf(head.id)).toEqual([]);
  });
});

describe("next-auth's signIn callback (lib/auth/options.ts → lib/sso/callback.ts)", () => {
  const callback = async (profile: Record<string, unknown>) => {
    const { authOptions } = await import("@/lib/auth/options");
    const user = { id: "from-provider", email: String(profile.email ?? "") };
    const out = await authOptions.callbacks!.signIn!({ user, account: { type: "oauth", provider: "azure-ad", providerAccountId: String(profile.sub) }, profile } as never);
    return { out, user };
  };

  it("lets a trusted, verified account in as the person on record, not as what the provider said", async () => {
    const { out, user } = await callback({ sub: `sub-${randomUUID()}`, tid: trusted, iss: iss(trusted), email: head.email, email_verified: true });
    expect(out).toBe(true);
    expect(user).toMatchObject({ id: head.id, authMethod: "azure-ad" });
  });

  it("sends an untrusted tenant back to the sign-in page with its code, signing nobody in", async () => {
    const other = tenantId();
    const { out, user } = await callback({ sub: `sub-${randomUUID()}`, tid: other, iss: iss(other), email: head.email, email_verified: true });
    expect(out).toBe("/signin?error=SSO_UNTRUSTED");
    expect(user.id).toBe("from-provider");
    expect(await db.auditEvent.count({ where: { action: "auth.sign_in", actorId: head.id } })).toBe(0);
  });
});
