// The browser tests' NEXTAUTH_SECRET: the servers (playwright.config.ts) and the seed of their databases
// (scripts/test.ts) must share it, because the demo's MFA enrolments are sealed under a key derived from it.
export const E2E_NEXTAUTH_SECRET = process.env.E2E_NEXTAUTH_SECRET ?? "e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
