// Signing in through the real sign-in page (fields "Email address" and "Password", button "Sign in"), and
// the second step the demo's senior accounts are asked for (a code computed from the published demo key).
import { expect, type Page } from "@playwright/test";
import { generate } from "otplib";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccountKey } from "./accounts";
import { DEMO_MFA_SECRET } from "../../prisma/seed/mfa-demo";

export async function signIn(page: Page, who: DemoAccountKey | { email: string }, password = DEMO_PASSWORD) {
  const email = typeof who === "string" ? DEMO_ACCOUNTS[who].email : who.email;
  await page.goto("/signin");
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await passMfaStep(page);
  // A cold server on a busy shared machine can take a while over the first sign-in.
  await expect(page).not.toHaveURL(/\/signin/, { timeout: 60_000 });
}

/**
 * Call after pressing "Sign in" (or "Continue to sign in" on an emailed link's page): when the account is
 * asked for a code, gives the current one. A code is
 * accepted once, so when another test signed in as the same account within the same 30 seconds, it waits
 * for the next code.
 */
export async function passMfaStep(page: Page, secret = DEMO_MFA_SECRET) {
  await page.waitForURL((u) => u.pathname !== "/signin" && u.pathname !== "/magic", { timeout: 60_000 });
  if (new URL(page.url()).pathname !== "/signin/mfa") return;
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByLabel("Code", { exact: true }).fill(await generate({ secret }));
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    const outcome = await Promise.race([
      page.waitForURL((u) => !u.pathname.startsWith("/signin"), { timeout: 30_000 }).then(() => "in" as const, () => null),
      page.getByText(/already been used/).waitFor({ timeout: 30_000 }).then(() => "used" as const, () => null),
    ]);
    if (outcome === "in") return;
    if (outcome === null) break;
    await page.waitForTimeout(30_500 - (Date.now() % 30_000));
  }
  throw new Error("The MFA step was not passed with three fresh codes.");
}
