// Signing in through the real sign-in page (fields "Email address" and "Password", button "Sign in").
import { expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccountKey } from "./accounts";

export async function signIn(page: Page, who: DemoAccountKey | { email: string }, password = DEMO_PASSWORD) {
  const email = typeof who === "string" ? DEMO_ACCOUNTS[who].email : who.email;
  await page.goto("/signin");
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/signin/);
}
