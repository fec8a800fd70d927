// Which claim names an account's tenant, per sign-in provider, as plain data (tests/unit/sso-identity.test.ts).
import type { SsoTenantKind } from "@/generated/prisma/enums";

type ProviderRule = { kind: SsoTenantKind; label: string; tenantClaim: "tid" | "hd"; issuerNamesTenant?: boolean };

/**
 * Entra ID puts the directory in `tid`; Google puts the Workspace domain in `hd` (absent for a personal
 * Gmail account, which therefore belongs to no tenant and is never trusted). The local test issuer
 * (`OIDC_TEST_ISSUER`, browser tests only) behaves as an Entra directory so that the same trust list applies.
 */
export const SSO_PROVIDERS: Record<string, ProviderRule> = {
  // Entra's multi-tenant endpoint signs every tenant's tokens with one key: the issuer must name the same
  // tenant as `tid` (https://login.microsoftonline.com/<tid>/v2.0), or the token is taken as from no tenant.
  "azure-ad": { kind: "ENTRA", label: "Microsoft", tenantClaim: "tid", issuerNamesTenant: true },
  google: { kind: "GOOGLE", label: "Google", tenantClaim: "hd" },
  "oidc-test": { kind: "ENTRA", label: "Test identity provider", tenantClaim: "tid" },
};

export const TENANT_KIND_LABELS: Record<SsoTenantKind, string> = { ENTRA: "Microsoft Entra ID tenant", GOOGLE: "Google Workspace domain" };

export function providerLabel(provider: string): string {
  return SSO_PROVIDERS[provider]?.label ?? provider;
}

/** What a provider says about the account signing in, reduced to what the matching rules use. */
export type SsoIdentity = {
  provider: string;
  kind: SsoTenantKind;
  tenant: string | null;
  subject: string;
  email: string | null;
  emailVerified: boolean;
};

const MAX_CLAIM = 254;
const str = (v: unknown) => (typeof v === "string" && v.trim() && v.length <= MAX_CLAIM ? v.trim() : null);

/**
 * The identity in a provider's ID token claims, or null for a provider we do not know or a token without a
 * subject. An address counts as verified only when the provider says so: `email_verified` (OpenID Connect,
 * Google), or for Entra the optional claim `xms_edov` (the address is in a domain the tenant has verified).
 */
export function identityFrom(provider: string, claims: Record<string, unknown> | null | undefined): SsoIdentity | null {
  const rule = SSO_PROVIDERS[provider];
  const subject = str(claims?.sub);
  if (!rule || !claims || !subject) return null;
  const verified = (v: unknown) => v === true || v === "true";
  let tenant = str(claims[rule.tenantClaim]);
  if (tenant && rule.issuerNamesTenant && !String(claims.iss ?? "").toLowerCase().includes(`/${tenant.toLowerCase()}/`)) tenant = null;
  return {
    provider,
    kind: rule.kind,
    tenant: tenant ? tenant.toLowerCase() : null,
    subject,
    email: str(claims.email)?.toLowerCase() ?? null,
    emailVerified: verified(claims.email_verified) || (rule.kind === "ENTRA" && verified(claims.xms_edov)),
  };
}
