// The accounts of the local OpenID Connect issuer the browser tests sign in through (scripts/lib/oidc-issuer.ts).
// Each login name is also the account's subject. The tenants are made up; only TRUSTED_TENANT is ever added to
// the demo trust's list (by e2e/sso.spec.ts, through the settings page).
import { DEMO_ACCOUNTS } from "./accounts";

export const TRUSTED_TENANT = "0b5f2e1c-7a44-4c1e-9d3a-5e7f00e2e001";
export const UNTRUSTED_TENANT = "6d1c9a0e-2b8f-4e55-a1c7-3f2b00e2e666";

export type TestIssuerAccount = { tid: string; email: string; emailVerified: boolean; name: string };

export const TEST_ISSUER_ACCOUNTS: Record<string, TestIssuerAccount> = {
  // The Head, from the trust's own directory, address verified: linked at the first sign-in.
  "helen-kestrel": { tid: TRUSTED_TENANT, email: DEMO_ACCOUNTS.headteacher.email, emailVerified: true, name: "Helen Marsh" },
  // Someone with their own directory who gives themselves the Head's address: must be refused.
  "impostor-elsewhere": { tid: UNTRUSTED_TENANT, email: DEMO_ACCOUNTS.headteacher.email, emailVerified: true, name: "Helen Marsh" },
  // A teacher's directory account whose address the provider has not verified: linked from /account only.
  "laura-kestrel": { tid: TRUSTED_TENANT, email: "l.pemberton@kestrel-staff.example", emailVerified: false, name: "Laura Pemberton" },
};
