import "server-only";
import { db } from "@/lib/db";
import { record } from "@/lib/audit/record";
import { logFailure, logSuccess, type SignedInUser } from "@/lib/auth/sign-in";
import { SIGN_IN_TX } from "@/lib/auth/rate-limit";
import type { SsoIdentity } from "./providers";
import { organisationsOf, organisationsTrusting, tenantTrustedFor } from "./membership";

/** Codes the sign-in and account pages turn into plain words (lib/auth/messages.ts). */
export type SsoRefusalCode = "SSO_NO_IDENTITY" | "SSO_UNTRUSTED" | "SSO_UNVERIFIED" | "SSO_LINKED_ELSEWHERE" | "SSO_OTHER_LINK" | "NO_ACCOUNT";

export class SsoRefused extends Error {
  constructor(readonly code: SsoRefusalCode) {
    super(code);
  }
}

const isUniqueViolation = (e: unknown) => typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
const identityData = (i: SsoIdentity | null) => (i ? { provider: i.provider, tenant: i.tenant, subject: i.subject, emailClaim: i.email } : {});

/**
 * Single sign-on. A provider account already linked is matched by provider + tenant + subject and nothing
 * else: the email claim is not read, so a new address at the provider changes nothing here, and an address
 * presented by someone else's tenant reaches no one. Otherwise it is linked once, on this first sign-in,
 * only when a tenant that one of the person's own organisations trusts vouches for the address
 * (verified), the person is active, and they have no other account of this provider linked.
 * Every refusal is an `auth.sign_in_failed` event with its reason.
 */
/** providerMfa: the provider's token says it asked for a second factor (amr), so ours is not asked again. */
export async function signInWithSso(identity: SsoIdentity | null, ip: string | null, opts: { providerMfa?: boolean } = {}): Promise<SignedInUser> {
  const method = identity?.provider ?? "sso";
  const email = identity?.email ?? "(no email)";
  const refuse = async (code: SsoRefusalCode, reason: string, personId: string | null = null): Promise<never> => {
    await logFailure(email, method, ip, personId, reason, identityData(identity));
    throw new SsoRefused(code);
  };
  if (!identity) return refuse("SSO_NO_IDENTITY", "the provider named no account");
  if (!identity.tenant) return refuse("SSO_UNTRUSTED", "the account belongs to no organisation's tenant");
  const key = { provider: identity.provider, tenant: identity.tenant, subject: identity.subject };

  const link = await db.ssoLink.findUnique({ where: { provider_tenant_subject: key }, include: { person: true } });
  if (link) {
    const person = link.person;
    if (person.status !== "ACTIVE") return refuse("NO_ACCOUNT", `account ${person.status.toLowerCase()}`, person.id);
    // Removing a tenant from the trusted list stops its links working, without deleting them.
    if (!(await tenantTrustedFor(db, person.id, identity.kind, identity.tenant)))
      return refuse("SSO_UNTRUSTED", "tenant no longer trusted by the person's organisations", person.id);
    await db.ssoLink.update({ where: { id: link.id }, data: { lastUsedAt: new Date() } });
    return logSuccess(person.email, identity.provider, ip, person, undefined, opts);
  }

  const trusting = await organisationsTrusting(db, identity.kind, identity.tenant);
  if (trusting.length === 0) return refuse("SSO_UNTRUSTED", "tenant not trusted by any organisation");
  if (!identity.email || !identity.emailVerified) return refuse("SSO_UNVERIFIED", "the provider did not verify the address");
  const person = await db.person.findUnique({ where: { email: identity.email } });
  if (!person || person.status !== "ACTIVE") return refuse("NO_ACCOUNT", "no active account for this address", person?.id ?? null);
  const theirs = await organisationsOf(db, person.id);
  if (!theirs.some((o) => trusting.includes(o))) return refuse("SSO_UNTRUSTED", "tenant not trusted by the person's organisations", person.id);

  try {
    await db.$transaction(async (tx) => {
      // One account per provider per person: a second one presenting the same address is not theirs to add.
      if (await tx.ssoLink.findUnique({ where: { personId_provider: { personId: person.id, provider: identity.provider } } }))
        throw new SsoRefused("SSO_OTHER_LINK");
      const created = await tx.ssoLink.create({ data: { ...key, personId: person.id, emailAtLink: identity.email, via: "first-sign-in", lastUsedAt: new Date() } });
      await record(tx, {
        actorId: person.id,
        action: "auth.sso_linked",
        entityType: "SsoLink",
        entityId: created.id,
        data: { ...identityData(identity), personId: person.id, via: "first-sign-in" },
      });
    }, SIGN_IN_TX);
  } catch (e) {
    if (e instanceof SsoRefused) return refuse(e.code, "another account of this provider is already linked to this person", person.id);
    // Two first sign-ins at once: the unique index lets one link in; the other is told so.
    if (isUniqueViolation(e)) return refuse("SSO_OTHER_LINK", "linked by a concurrent sign-in", person.id);
    throw e;
  }
  return logSuccess(person.email, identity.provider, ip, person, undefined, opts);
}

/** Whose sign-in asked to link a provider account (lib/sso/link-intent.ts), checked against the database. */
export type LinkIntent = { personId: string; sessionId: string; provider: string };

/**
 * "Link my Microsoft account" on /account: the signed-in person (their session still live) adds the
 * provider account they have just signed in to. The tenant must be one their organisations trust; a
 * provider account linked to someone else, or a second account of the same provider, is refused. The
 * address is not checked: the person proved both sign-ins themselves. Null when the intent is stale
 * (its session ended): the caller then treats the sign-in as an ordinary one.
 */
export async function linkFromAccount(intent: LinkIntent, identity: SsoIdentity | null, ip: string | null): Promise<"linked" | "already-linked" | null> {
  const session = await db.authSession.findFirst({
    where: { id: intent.sessionId, personId: intent.personId, endedAt: null, expiresAt: { gt: new Date() }, person: { status: "ACTIVE" } },
    select: { id: true },
  });
  if (!session) return null;
  const refuse = async (code: SsoRefusalCode, reason: string): Promise<never> => {
    await db.$transaction(
      (tx) => record(tx, { actorId: intent.personId, action: "auth.sso_link_refused", entityType: "Person", entityId: intent.personId, data: { ...identityData(identity), provider: intent.provider, reason, ip } }),
      SIGN_IN_TX,
    );
    throw new SsoRefused(code);
  };
  if (!identity || identity.provider !== intent.provider) return refuse("SSO_NO_IDENTITY", "the provider named no account");
  if (!identity.tenant || !(await tenantTrustedFor(db, intent.personId, identity.kind, identity.tenant)))
    return refuse("SSO_UNTRUSTED", "tenant not trusted by the person's organisations");
  const key = { provider: identity.provider, tenant: identity.tenant, subject: identity.subject };
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.ssoLink.findUnique({ where: { provider_tenant_subject: key } });
      if (existing) {
        if (existing.personId === intent.personId) return "already-linked" as const;
        throw new SsoRefused("SSO_LINKED_ELSEWHERE");
      }
      if (await tx.ssoLink.findUnique({ where: { personId_provider: { personId: intent.personId, provider: identity.provider } } }))
        throw new SsoRefused("SSO_OTHER_LINK");
      const created = await tx.ssoLink.create({ data: { ...key, personId: intent.personId, emailAtLink: identity.email, via: "account" } });
      await record(tx, {
        actorId: intent.personId,
        action: "auth.sso_linked",
        entityType: "SsoLink",
        entityId: created.id,
        data: { ...identityData(identity), personId: intent.personId, via: "account", ip },
      });
      return "linked" as const;
    }, SIGN_IN_TX);
  } catch (e) {
    if (e instanceof SsoRefused)
      return refuse(e.code, e.code === "SSO_LINKED_ELSEWHERE" ? "the provider account is linked to someone else" : "another account of this provider is already linked");
    if (isUniqueViolation(e)) return refuse("SSO_LINKED_ELSEWHERE", "linked by a concurrent request");
    throw e;
  }
}
