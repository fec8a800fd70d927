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
 * asked for a code, gives the current one. A code is accepted once, and the demo's senior accounts share
 * one key, so when a test in the other worker signed in as the same account within the same 30 seconds
 * the code is refused as used: then it waits for the next code. It reads the answer to its own
 * submission (after the action's response, once the form is idle again), never a message left on the page
 * by an earlier try.
 */
export async function passMfaStep(page: Page, secret = DEMO_MFA_SECRET) {
  await page.waitForURL((u) => u.pathname !== "/signin" && u.pathname !== "/magic", { timeout: 60_000 });
  if (new URL(page.url()).pathname !== "/signin/mfa") return;
  const answers: string[] = [];
  for (let attempt = 0; attempt < 4; attempt++) {
    const button = page.getByRole("button", { name: "Continue", exact: true });
    await page.getByLabel("Code", { exact: true }).fill(await generate({ secret }));
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"], { timeout: 60_000 });
    await button.click();
    await answered;
    const outcome = await Promise.race([
      page.waitForURL((u) => !u.pathname.startsWith("/signin"), { timeout: 30_000 }).then(() => "in" as const, () => null),
      expect(button).toBeEnabled({ timeout: 30_000 }).then(() => "idle" as const, () => null),
    ]);
    if (outcome === "in") return;
    const message = outcome === "idle" ? (await page.locator("#code-error, form [role=alert]").allTextContents()).join(" ").trim() : "";
    if (!message) {
      await page.waitForURL((u) => !u.pathname.startsWith("/signin"), { timeout: 60_000 });
      return;
    }
    answers.push(message);
    if (/too many/i.test(message)) break;
    await page.waitForTimeout(30_500 - (Date.now() % 30_000));
  }
  throw new Error(`The MFA step was not passed; the answers were: ${answers.join(" | ")}`);
}
