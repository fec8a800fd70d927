// Single sign-on end to end through a local OpenID Connect issuer (scripts/lib/oidc-issuer.ts, started by
// scripts/test.ts): the trust administrator trusts the trust's directory, the Head signs in from it and
// lands in her school, someone from another directory showing the Head's address is refused, and a
// teacher links her directory account from "Your account" and then signs in with it.
import { test, expect, type Page } from "@playwright/test";
import { signIn, passMfaStep } from "./support/auth";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { TRUSTED_TENANT } from "./support/oidc-accounts";

test.describe.configure({ mode: "serial" });

/** On the issuer's own login page (oidc-provider's development page: any password). */
async function loginAtIssuer(page: Page, login: string) {
  const issuer = new URL(process.env.OIDC_TEST_ISSUER ?? "http://issuer.invalid").origin;
  await page.waitForURL((u) => u.origin === issuer && u.pathname.startsWith("/interaction/"));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

async function signInThroughIssuer(page: Page, login: string) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Test identity provider" }).click();
  await loginAtIssuer(page, login);
}

/** At 390px nothing is wider than the screen (the page scrolls down, never sideways). */
async function fitsAPhone(page: Page, screenshot: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: test.info().outputPath(screenshot), fullPage: true });
}

const sessionEmail = async (page: Page) => ((await (await page.request.get("/api/auth/session")).json()) as { user?: { email?: string } }).user?.email ?? null;

test("the trust administrator trusts the trust's directory, with a message beside a bad tenant id", async ({ page }) => {
  await signIn(page, "trustAdmin");
  await page.goto(`/s/${DEMO_ACCOUNTS.trustAdmin.school}`);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Single sign-on" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Single sign-on" })).toBeVisible();
  await expect(page.getByText("None yet: nobody can sign in with Microsoft or Google.")).toBeVisible();

  await page.getByLabel("Tenant id or domain").fill("not-a-tenant");
  await page.getByRole("button", { name: "Trust it" }).click();
  await expect(page.getByText(/An Entra tenant id looks like/)).toBeVisible();
  await expect(page.getByLabel("Tenant id or domain")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Tenant id or domain").fill(TRUSTED_TENANT.toUpperCase());
  await page.getByRole("button", { name: "Trust it" }).click();
  await expect(page.getByRole("status")).toContainText(`Added ${TRUSTED_TENANT}`);
  await expect(page.getByRole("listitem").filter({ hasText: TRUSTED_TENANT })).toContainText("Microsoft Entra ID tenant");
  await expect(page.getByRole("button", { name: `Stop trusting ${TRUSTED_TENANT}` })).toBeVisible();
  await fitsAPhone(page, "settings-390.png");
});

test("the Head signs in from the trusted directory and lands in her school", async ({ page }) => {
  await signInThroughIssuer(page, "helen-kestrel");
  // The test issuer reports no second factor (no amr), so the Head gives her authenticator code here.
  await passMfaStep(page);
  await expect(page).toHaveURL(new RegExp(`/s/${DEMO_ACCOUNTS.headteacher.school}$`));
  expect(await sessionEmail(page)).toBe(DEMO_ACCOUNTS.headteacher.email);
  await page.goto("/account");
  await expect(page.getByText("the test identity provider")).toBeVisible();
});

test("someone from an untrusted directory showing the Head's address is refused with the reason", async ({ page }) => {
  await signInThroughIssuer(page, "impostor-elsewhere");
  await expect(page).toHaveURL(/\/signin\?error=SSO_UNTRUSTED/);
  await expect(page.getByRole("alert").filter({ hasText: "not from an organisation your school trusts" })).toBeVisible();
  expect(await sessionEmail(page)).toBeNull();
});

test("a teacher links her directory account from Your account, then signs in with it", async ({ page, context }) => {
  await signIn(page, "teacher");
  await page.goto("/account");
  await page.getByRole("button", { name: "Link my Test identity provider account" }).click();
  await loginAtIssuer(page, "laura-kestrel");
  await expect(page).toHaveURL(/\/account\?sso=LINKED/);
  await expect(page.getByRole("status")).toContainText("Linked.");
  await expect(page.getByRole("button", { name: "Unlink my Test identity provider account" })).toBeVisible();
  await fitsAPhone(page, "account-390.png");
  // Still the session she linked from: linking does not sign anyone in.
  expect(await sessionEmail(page)).toBe(DEMO_ACCOUNTS.teacher.email);

  await context.clearCookies();
  // Her directory account's address is not hers here, and not verified: only the link finds her.
  await signInThroughIssuer(page, "laura-kestrel");
  await expect(page).toHaveURL(new RegExp(`/s/${DEMO_ACCOUNTS.teacher.school}`));
  expect(await sessionEmail(page)).toBe(DEMO_ACCOUNTS.teacher.email);
});
