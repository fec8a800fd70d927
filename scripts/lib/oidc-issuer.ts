// A local OpenID Connect issuer for the browser tests (oidc-provider, a certified implementation), so single
// sign-on is tested end to end: discovery, the authorisation code flow with PKCE, signed ID tokens. The app
// sees it as the provider "oidc-test" (lib/sso/test-issuer.ts) through the variables in `env`.
// Its login page is oidc-provider's development page (any password); the accounts are in
// e2e/support/oidc-accounts.ts. Consent is taken as given, as a school's own directory would.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { TEST_ISSUER_ACCOUNTS } from "../../e2e/support/oidc-accounts";

export type TestIssuer = { url: string; env: Record<string, string>; stop: () => Promise<void> };

export async function startTestIssuer(appUrl: string): Promise<TestIssuer> {
  const { default: Provider } = await import("oidc-provider");
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = { id: "ict-e2e", secret: randomBytes(24).toString("hex") };

  const provider = new Provider(url, {
    clients: [
      {
        client_id: client.id,
        client_secret: client.secret,
        redirect_uris: [`${appUrl}/api/auth/callback/oidc-test`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    // tid as Entra sends it; claims in the ID token itself (not only from userinfo), as Entra and Google do.
    claims: { openid: ["sub", "tid"], email: ["email", "email_verified"], profile: ["name"] },
    conformIdTokenClaims: false,
    cookies: { keys: [randomBytes(32).toString("hex")] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const a = TEST_ISSUER_ACCOUNTS[sub];
      if (!a) return undefined;
      return { accountId: sub, claims: async () => ({ sub, tid: a.tid, email: a.email, email_verified: a.emailVerified, name: a.name }) };
    },
    async loadExistingGrant(ctx) {
      const existing = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  server.on("request", provider.callback());
  return {
    url,
    env: { OIDC_TEST_ISSUER: url, OIDC_TEST_CLIENT_ID: client.id, OIDC_TEST_CLIENT_SECRET: client.secret, OIDC_TEST_ALLOW: "1" },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
