// The demo's authenticator: every demo account that needs MFA is enrolled with this one published key
// (README.md), so an evaluator adds it to any authenticator app once, or runs `npm run demo:mfa-code`.
// Pure data: scripts and e2e tests import it too. Demo data only, like the demo password.
export const DEMO_MFA_SECRET = "KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD";
