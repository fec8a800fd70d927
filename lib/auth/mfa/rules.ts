// Who must give a second factor, as data (tested as a table in tests/unit/mfa-rules.test.ts). Pure: the
// demo seed uses it too.
import type { OrgRole, SchoolRole } from "../../../generated/prisma/enums";

/**
 * School roles with access to the most sensitive records (safeguarding, personnel, breaches) or that
 * govern them: the DfE cyber security standards for schools ask for MFA on such accounts.
 */
export const MFA_SCHOOL_ROLES: readonly SchoolRole[] = ["HEADTEACHER", "DSL", "BUSINESS_MANAGER", "DPO", "CHAIR_OF_GOVERNORS"];

/** Every organisation role acts in every school of a trust, so every one of them is required. */
export function rolesRequireMfa(schoolRoles: readonly SchoolRole[], orgRoles: readonly OrgRole[]): boolean {
  return orgRoles.length > 0 || schoolRoles.some((r) => MFA_SCHOOL_ROLES.includes(r));
}

/** Whether the provider says it asked for a second factor itself (OIDC `amr`, RFC 8176). */
export function providerReportsMfa(amr: unknown): boolean {
  const values = Array.isArray(amr) ? amr : typeof amr === "string" ? [amr] : [];
  return values.some((v) => v === "mfa");
}

/**
 * The `amr` the provider sent: in the profile when it is built from the ID token, otherwise from the ID
 * token in the token endpoint's answer (next-auth's Entra ID provider builds its profile from userinfo,
 * which has no amr). That answer came straight from the provider over TLS with our client secret, which
 * OpenID Connect Core §3.1.3.7 accepts in place of checking the token's signature.
 */
export function amrOf(profile: unknown, idToken: unknown): unknown {
  const fromProfile = (profile as { amr?: unknown } | null | undefined)?.amr;
  if (fromProfile !== undefined || typeof idToken !== "string") return fromProfile;
  const payload = idToken.split(".")[1];
  if (!payload) return undefined;
  try {
    return (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { amr?: unknown }).amr;
  } catch {
    return undefined;
  }
}
