// The IP on a declaration is the TCP peer's (scripts/serve.mjs appends it), not what the browser claims
// in X-Forwarded-For: the PDF's evidence page shows it.
import fs from "node:fs/promises";
import { test, expect } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./support/accounts";
import { passMfaStep } from "./support/auth";
import { pdfText } from "./support/pdf";
import { publishPolicy, signOnPage } from "./support/policies";

test("a forged X-Forwarded-For does not become the IP recorded on a declaration", async ({ browser }) => {
  // Several pages, a sign-in and a PDF: more than the default 30 s on a busy shared machine.
  test.setTimeout(120_000);
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.66" } });
  const page = await context.newPage();
  // The sign-in page's own steps (support/auth.ts), with room for a cold server: this may be the first test.
  await page.goto("/signin");
  await page.getByLabel("Email address", { exact: true }).fill(DEMO_ACCOUNTS.headteacher.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await passMfaStep(page);
  await expect(page).not.toHaveURL(/\/signin/, { timeout: 60_000 });
  const school = DEMO_ACCOUNTS.headteacher.school;
  const policyId = await publishPolicy(page, school, { title: `Forged address ${Date.now()}`, audience: ["Teacher"] });
  await page.goto(`/s/${school}/policies/${policyId}/sign`);
  await signOnPage(page, DEMO_ACCOUNTS.headteacher.name);
  await expect(page.getByRole("heading", { name: /You signed version 1/ })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download your copy/ }).click()]);
  const text = (await pdfText(await fs.readFile((await download.path())!))).replace(/\s+/g, " ");
  expect(text).not.toContain("203.0.113.66");
  // The browser reaches the server on this machine.
  expect(text).toMatch(/IP address (127\.0\.0\.1|::1)\b/);
  await context.close();
});
