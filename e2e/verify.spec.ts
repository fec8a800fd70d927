import fs from "node:fs/promises";
import { test, expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./support/accounts";
import { passMfaStep } from "./support/auth";
import { pdfText } from "./support/pdf";
import { publishPolicy, signOnPage } from "./support/policies";

const school = DEMO_ACCOUNTS.headteacher.school;

/** A copy with one byte changed inside the sealed range: the first letter of the PDF's /Producer ("S" → "T"). */
function oneByteChanged(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  const marker = "/Producer <FEFF0053";
  const at = copy.indexOf(marker);
  expect(at).toBeGreaterThan(0);
  copy[at + marker.length - 1] = 0x34;
  return copy;
}

// One long journey (publish, sign, download, four checks) on a machine shared by many: more than the default 30 s,
// and a first sign-in on a cold server that may take longer than support/auth's 10 s.
test.setTimeout(180_000);

async function signInAsHead(page: Page) {
  await page.goto("/signin");
  await page.getByLabel("Email address", { exact: true }).fill(DEMO_ACCOUNTS.headteacher.email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await passMfaStep(page);
  await expect(page).not.toHaveURL(/\/signin/, { timeout: 60_000 });
}

test("a declaration PDF downloaded in the browser is accepted by /verify; a copy with one changed byte is refused", async ({ page, browser }) => {
  const title = `Sealed declaration ${Date.now()}`;
  await signInAsHead(page);
  const policyId = await publishPolicy(page, school, { title, audience: ["Teacher"] });
  await page.goto(`/s/${school}/policies/${policyId}/sign`);
  await signOnPage(page, DEMO_ACCOUNTS.headteacher.name);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download your copy/ }).click()]);
  const pdf = await fs.readFile((await download.path())!);
  const text = (await pdfText(pdf)).replace(/\s+/g, " ");
  const reference = /Ref ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text)![1];
  expect(text).toContain("Audit event hash");

  // Someone at a hearing, on a phone, not signed in.
  const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: "en-GB", timezoneId: "Europe/London" });
  const checker = await phone.newPage();
  await checker.goto("/verify");
  await expect(checker.getByRole("heading", { level: 1, name: "Check a declaration PDF" })).toBeVisible();
  await expect(checker.locator("[data-ready=true]")).toHaveCount(1, { timeout: 30_000 });
  expect(await checker.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  await checker.getByLabel("Declaration PDF").setInputFiles({ name: "declaration.pdf", mimeType: "application/pdf", buffer: pdf });
  await checker.getByRole("button", { name: "Check the file" }).click();
  const match = checker.getByRole("region", { name: "Match: this is the sealed document, byte for byte" });
  await expect(match).toBeVisible();
  await expect(match).toContainText(DEMO_ACCOUNTS.headteacher.name);
  await expect(match).toContainText(`${title}, version 1`);
  await expect(match).toContainText("Oakfield Primary School");
  await expect(match).toContainText(reference);
  expect(await checker.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  await checker.getByLabel("Declaration PDF").setInputFiles({ name: "declaration.pdf", mimeType: "application/pdf", buffer: oneByteChanged(pdf) });
  await checker.getByRole("button", { name: "Check the file" }).click();
  await expect(checker.getByRole("region", { name: "No match" })).toBeVisible();
  await expect(checker.getByText(DEMO_ACCOUNTS.headteacher.name)).toHaveCount(0);

  // The reference printed on the paper copy, typed by hand.
  await checker.getByLabel("Reference").fill(reference.toLowerCase());
  await checker.getByRole("button", { name: "Check the reference" }).click();
  await expect(checker.getByRole("region", { name: "A sealed document has this reference" })).toContainText(`${title}, version 1`);

  // Not a PDF: a plain message next to the field.
  await checker.getByLabel("Declaration PDF").setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("just some text") });
  await checker.getByRole("button", { name: "Check the file" }).click();
  await expect(checker.locator("#file-error")).toContainText("That file is not a PDF");
  await expect(checker.getByLabel("Declaration PDF")).toHaveAttribute("aria-invalid", "true");
  await phone.close();
});
