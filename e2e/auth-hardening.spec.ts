// Issue 6: setting a password from an emailed link, and a sign-out that a copied cookie does not survive.
// Uses two Riverside people that no other spec signs in as, since setting a password ends their sessions.
import { test, expect } from "@playwright/test";
import { emailFor } from "../prisma/seed/people";
import { DEMO_PASSWORD } from "./support/accounts";
import type { Page } from "@playwright/test";

/** The sign-in page's form, with room for a slow shared machine (support/auth.ts allows 10 s). */
async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/signin/, { timeout: 45_000 });
}
import { waitForMail } from "./support/mail";

const caretaker = emailFor("Dennis Moss", "demo-trust.org.uk");
const receptionist = emailFor("Shona Reid", "demo-trust.org.uk");

// Each test signs in more than once and waits for mail; on a shared two-core machine that can take a while.
test.describe.configure({ timeout: 120_000 });

test("a person sets a new password from an emailed link, and signs in with it (not the old one)", async ({ page }) => {
  const newPassword = "kettle harbour lantern";
  const since = new Date();
  await page.goto("/signin");
  await page.getByRole("link", { name: "Set or reset your password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Set or reset your password" })).toBeVisible();
  await page.getByLabel("Email address").fill(caretaker);
  await page.getByRole("button", { name: "Email me a link to set my password" }).click();
  await expect(page.getByRole("status").filter({ hasText: /link to set your password is on its way/i })).toBeVisible();

  // Sent by the mail runner, off the request path, through the real SMTP server.
  const mail = await waitForMail(caretaker, { since, timeoutMs: 45_000 });
  expect(mail.subject).toBe("Set your password");
  const link = /https?:\/\/\S+\/password\/set\?token=\S+/.exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();

  await page.goto(link!);
  await page.getByLabel("New password", { exact: true }).fill("too short");
  await page.getByLabel("New password again").fill("too short");
  await page.getByRole("button", { name: "Set password" }).click();
  // The rule is shown next to the field, and the field is marked invalid.
  await expect(page.getByText(/Use at least 12 characters/)).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("New password again").fill(newPassword);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Your password is set/ })).toBeVisible();

  // The old password no longer works; the new one does.
  await page.goto("/signin");
  await page.getByLabel("Email address", { exact: true }).fill(caretaker);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /not right/i })).toBeVisible();
  await signIn(page, caretaker, newPassword);
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session.user.email).toBe(caretaker);

  // The link works once.
  await page.goto(link!);
  await page.getByLabel("New password", { exact: true }).fill("another long password");
  await page.getByLabel("New password again").fill("another long password");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /already been used or has expired/ })).toBeVisible();
});

test("after signing out, a copy of the session cookie no longer signs anyone in", async ({ page, browser }) => {
  await signIn(page, receptionist, DEMO_PASSWORD);
  const copied = await page.context().cookies();
  expect(copied.some((c) => c.name.endsWith("next-auth.session-token"))).toBe(true);

  await page.goto("/?pick=1");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/, { timeout: 30_000 });

  // Someone who kept the cookie replays it in another browser.
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const other = await thief.newPage();
  await other.goto("/account");
  await expect(other).toHaveURL(/\/signin/, { timeout: 30_000 });
  expect(await (await other.request.get("/api/auth/session")).json()).toEqual({});
  await thief.close();
});
