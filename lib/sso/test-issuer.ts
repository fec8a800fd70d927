import type { OAuthConfig } from "next-auth/providers/oauth";

type Claims = Record<string, unknown> & { sub: string; name?: string; email?: string };

/**
 * A generic OpenID Connect provider pointed at a local issuer, for the browser tests only (the issuer is
 * started by scripts/test.ts, scripts/lib/oidc-issuer.ts). Present only when OIDC_TEST_ISSUER is set, and
 * refused in a production start unless OIDC_TEST_ALLOW is also set (as `npm test` does for the built app
 * it serves), so a stray variable cannot add a way in on a live site. Its accounts carry an Entra-style
 * `tid`, so the same trusted-tenant rules apply (lib/sso/providers.ts).
 */
export function testIssuerProvider(env: NodeJS.ProcessEnv): OAuthConfig<Claims> | null {
  const issuer = env.OIDC_TEST_ISSUER;
  if (!issuer) return null;
  if (env.NODE_ENV === "production" && env.OIDC_TEST_ALLOW !== "1") {
    console.error("OIDC_TEST_ISSUER is ignored: it is for the browser tests (set OIDC_TEST_ALLOW=1 there).");
    return null;
  }
  return {
    id: "oidc-test",
    name: "Test identity provider",
    type: "oauth",
    wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: env.OIDC_TEST_CLIENT_ID ?? "ict-e2e",
    clientSecret: env.OIDC_TEST_CLIENT_SECRET ?? "ict-e2e-secret",
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (p) => ({ id: p.sub, name: p.name ?? p.email ?? p.sub, email: p.email ?? null }),
  };
}
