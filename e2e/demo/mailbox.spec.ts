// The demo as `npm start` runs it on the embedded database (PGLITE=1, DEMO_MODE=1, no SMTP): the
// Playwright project "demo" against its own server (playwright.config.ts).
import { test, expect } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../support/accounts";

test("a sign-in link asked for on the sign-in page appears in /dev/mailbox and signs the person in", async ({ page }) => {
  const who = DEMO_ACCOUNTS.teacher;
  await page.goto("/dev/mailbox");
  await expect(page.getByRole("heading", { name: "Development mailbox" })).toBeVisible();

  await page.goto("/signin");
  await page.getByLabel("Email address for a sign-in link").fill(who.email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status").filter({ hasText: /sign-in link is on its way/i })).toBeVisible();

  // Rendered per request (not at build time): the new mail is there, possibly after a moment.
  const mail = page.getByRole("listitem").filter({ hasText: `To ${who.email}` }).first();
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(mail).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const text = await mail.locator("pre").innerText();
  const link = /https?:\/\/\S+\/magic\?token=\S+/.exec(text)?.[0];
  expect(link, text).toBeTruthy();

  await page.goto(link!);
  await page.getByRole("button", { name: "Continue to sign in" }).click();
  await expect(page).not.toHaveURL(/\/magic/);
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session.user.email).toBe(who.email);
});
