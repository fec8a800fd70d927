// Issue 12, point 4: a Headteacher is required to use MFA. A new Headteacher (added by Ashgrove's Head, so
// no other spec's account is touched) signs in by emailed link, is sent to set up an authenticator before
// anything else, reads the key off the page (the test computes the codes from it with otplib, as a phone
// would), keeps the recovery codes, signs out, and signs back in with a code; then loses it to a reset.
import { test, expect, type Page } from "@playwright/test";
import { generate } from "otplib";
import { passMfaStep, signIn } from "./support/auth";
import { waitForMail } from "./support/mail";

test.describe.configure({ timeout: 180_000 });

const school = "ashgrove";

async function signInByLink(page: Page, email: string) {
  const since = new Date();
  await page.goto("/signin");
  await page.getByLabel("Email address for a sign-in link").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  const mail = await waitForMail(email, { since, timeoutMs: 60_000 });
  // The mail is a link only: nothing about MFA or the account in it.
  expect(mail.text).not.toMatch(/code|authenticator/i);
  await page.goto(/https?:\/\/\S+\/magic\?token=\S+/.exec(mail.text)![0]);
  await page.getByRole("button", { name: "Continue to sign in" }).click();
}

test("a new Headteacher sets up an authenticator at first sign-in, then signs out and back in with a code", async ({ page, browser }) => {
  const stamp = Date.now();
  const head = { name: `Morgan Cohead ${stamp}`, email: `morgan.cohead.${stamp}@ashgrove-demo.org.uk` };

  await signIn(page, "standaloneHead");
  await page.goto(`/s/${school}/people/new`);
  await page.getByLabel("Full name").fill(head.name);
  await page.getByLabel("Email address").fill(head.email);
  await page.getByLabel("Staff group").selectOption("TEACHER");
  await page.getByRole("checkbox", { name: "Headteacher", exact: true }).check();
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page).toHaveURL(/\/people\?added=1$/);

  const ctx = await browser.newContext({ locale: "en-GB", timezoneId: "Europe/London", viewport: { width: 390, height: 844 } });
  const phone = await ctx.newPage();
  await signInByLink(phone, head.email);

  // Required and not set up: sent to set up before anything else; no other page lets them in.
  await expect(phone).toHaveURL(/\/account\/mfa/);
  await phone.goto(`/s/${school}`);
  await expect(phone).toHaveURL(/\/signin\/mfa|\/account\/mfa/);
  await expect(phone).toHaveURL(/\/account\/mfa/);
  expect((await phone.request.get(`/s/${school}/people`, { maxRedirects: 0 })).status()).toBeGreaterThanOrEqual(300);

  await phone.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(phone.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = (await phone.getByTestId("mfa-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  // A wrong code is refused next to the field.
  await phone.getByLabel("Code from your app").fill("000000");
  await phone.getByRole("button", { name: "Confirm" }).click();
  await expect(phone.getByText(/That code is not right/)).toBeVisible();
  await expect(phone.getByLabel("Code from your app")).toHaveAttribute("aria-invalid", "true");

  await phone.getByLabel("Code from your app").fill(await generate({ secret }));
  await phone.getByRole("button", { name: "Confirm" }).click();
  const codes = phone.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await phone.getByRole("link", { name: /I have kept them/ }).click();
  await expect(phone).not.toHaveURL(/\/signin|\/account\/mfa/);

  await phone.goto("/account");
  await expect(phone.getByText("an emailed link, then a code from your authenticator app")).toBeVisible();
  await phone.goto("/account/mfa");
  await expect(phone.getByText(/Your authenticator app is set up/)).toBeVisible();
  await expect(phone.getByTestId("mfa-secret")).toHaveCount(0); // the key is never shown again

  await phone.goto("/?pick=1");
  await phone.getByRole("button", { name: "Sign out" }).click();
  await expect(phone).toHaveURL(/\/signin/);

  // Back in: the emailed link is the first step; the code from the app is the second.
  await signInByLink(phone, head.email);
  await expect(phone).toHaveURL(/\/signin\/mfa/);
  await expect(phone.getByRole("heading", { level: 1, name: "Enter your code" })).toBeVisible();
  await passMfaStep(phone, secret);
  await expect(phone).not.toHaveURL(/\/signin/);
  await phone.goto("/account");
  await expect(phone.getByText("an emailed link, then a code from your authenticator app")).toBeVisible();

  // Lost phone: Ashgrove's Head resets it from the people page; the new Head's session ends at once.
  await page.goto(`/s/${school}/people`);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: `Reset authenticator app for ${head.name}` }).click();
  await expect(page.getByText(`${head.name}'s authenticator was reset.`)).toBeVisible();
  await phone.goto("/account");
  await expect(phone).toHaveURL(/\/signin/);
  await ctx.close();
});
