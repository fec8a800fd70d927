import fs from "node:fs/promises";
import { test, expect, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { waitForMail } from "./support/mail";
import { pdfText } from "./support/pdf";
import { publishPolicy, signThroughInductionGate, signOnPage } from "./support/policies";

const school = DEMO_ACCOUNTS.headteacher.school;

async function totals(page: Page) {
  const n = async (id: string) => Number(await page.getByTestId(id).textContent());
  return { signed: await n("total-signed"), outstanding: await n("total-outstanding"), overdue: await n("total-overdue") };
}

test("a teacher signs on a phone with a drawn signature; the PDF holds the name and hash; the Headteacher's coverage moves", async ({ browser }) => {
  const title = `Mobile devices and cameras ${Date.now()}`;
  const head = await browser.newPage();
  await signIn(head, "headteacher");
  const policyId = await publishPolicy(head, school, { title, audience: ["Teacher"] });

  await head.goto(`/s/${school}/policies/${policyId}/coverage`);
  const before = await totals(head);
  expect(before.signed).toBe(0);
  const outstandingTable = head.getByRole("table").filter({ has: head.getByRole("columnheader", { name: "Last reminded" }) });
  await expect(outstandingTable.getByRole("rowheader", { name: DEMO_ACCOUNTS.teacher.name })).toBeVisible();

  const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: "en-GB", timezoneId: "Europe/London" });
  const page = await phone.newPage();
  await signIn(page, "teacher");
  await signThroughInductionGate(page, DEMO_ACCOUNTS.teacher.name);
  await page.goto(`/s/${school}/policies/${policyId}/sign`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  // Nothing on the page is wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  await page.getByRole("checkbox").check();
  // Capital letters and spacing do not matter.
  const typed = `  ${DEMO_ACCOUNTS.teacher.name.toUpperCase().replace(" ", "   ")} `;
  await page.getByLabel("Type your full name").fill(typed);
  const pad = page.getByTestId("signature-pad");
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.3, { steps: 8 });
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.7, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByText("Signature drawn.")).toBeVisible();
  await page.getByRole("button", { name: "Sign declaration" }).click();
  await expect(page.getByRole("heading", { name: /You signed version 1/ })).toBeVisible();

  const hash = (await page.getByText(/Content fingerprint \(SHA-256\)/).textContent())!.match(/[0-9a-f]{64}/)![0];
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download your copy/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const text = (await pdfText(await fs.readFile((await download.path())!))).replace(/\s+/g, " ");
  expect(text).toContain(typed.trim().replace(/\s+/g, " "));
  expect(text.replace(/\s/g, "")).toContain(hash);
  expect(text).toContain(title);
  expect(text).toMatch(/Part 1/);

  await head.reload();
  const after = await totals(head);
  expect(after.signed).toBe(before.signed + 1);
  expect(after.outstanding + after.overdue).toBe(before.outstanding + before.overdue - 1);
  await expect(outstandingTable.getByRole("rowheader", { name: DEMO_ACCOUNTS.teacher.name })).toHaveCount(0);
  await phone.close();
});

test("a new starter is held at the signing page until they have signed", async ({ page, browser }) => {
  const stamp = Date.now();
  const starter = { name: `Jamie Newstart ${stamp}`, email: `jamie.newstart.${stamp}@demo-trust.org.uk` };
  await signIn(page, "headteacher");
  const induction = await publishPolicy(page, school, { title: `Induction code of conduct ${stamp}`, induction: true, audience: ["Teacher"] });
  await page.goto(`/s/${school}/people/new`);
  await page.getByLabel("Full name").fill(starter.name);
  await page.getByLabel("Email address").fill(starter.email);
  await page.getByLabel("Staff group").selectOption("TEACHER");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page).toHaveURL(/\/people\?added=1$/);

  // The new starter has no password yet: they sign in with an emailed link.
  const ctx = await browser.newContext({ locale: "en-GB", timezoneId: "Europe/London" });
  const newbie = await ctx.newPage();
  const since = new Date();
  await newbie.goto("/signin");
  await newbie.getByLabel("Email address for a sign-in link").fill(starter.email);
  await newbie.getByRole("button", { name: "Email me a sign-in link" }).click();
  const mail = await waitForMail(starter.email, { since });
  const link = /https?:\/\/\S+\/magic\?token=\S+/.exec(mail.text)![0];
  await newbie.goto(link);
  await newbie.getByRole("button", { name: "Continue to sign in" }).click();

  await expect(newbie).toHaveURL(/\/policies\/[^/]+\/sign$/);
  await expect(newbie.getByText("Before you can use anything else here, please read and sign this policy.")).toBeVisible();
  await expect(newbie.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveCount(0);
  // Every other page sends them back.
  for (const path of ["", "/policies", "/declarations"]) {
    await newbie.goto(`/s/${school}${path}`);
    await expect(newbie).toHaveURL(/\/policies\/[^/]+\/sign$/);
  }
  await signThroughInductionGate(newbie, starter.name);
  // Released on the signing page itself, with no reload: the one refresh after signing brings the whole
  // menu back (the action re-renders nothing: decision 0026), and a move within the app finds nothing
  // stale in the router's cache.
  await expect(newbie.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Policies" })).toBeVisible();
  await newbie.getByRole("link", { name: "All your declarations" }).click();
  await expect(newbie).toHaveURL(/\/declarations$/);
  await expect(newbie.getByRole("heading", { level: 1, name: "My declarations" })).toBeVisible();
  await expect(newbie.getByText(`Induction code of conduct ${stamp}, version 1`)).toBeVisible();
  await expect(newbie.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Policies" })).toBeVisible();
  expect(induction).toBeTruthy();
  await ctx.close();
});

test("a typed name that does not match the name on record is refused next to the field", async ({ page }) => {
  await signIn(page, "headteacher");
  const policyId = await publishPolicy(page, school, { title: `Name check ${Date.now()}`, audience: ["Teacher"] });
  await page.goto(`/s/${school}/policies/${policyId}/sign`);
  await page.getByRole("checkbox").check();
  await page.getByLabel("Type your full name").fill("Someone Else");
  await page.getByRole("button", { name: "Sign declaration" }).click();
  await expect(page.locator("#typedName-error")).toContainText(DEMO_ACCOUNTS.headteacher.name);
  await expect(page.getByRole("heading", { name: /You signed version/ })).toHaveCount(0);
  await signOnPage(page, DEMO_ACCOUNTS.headteacher.name);
});

test("the declaration can be signed with the keyboard alone", async ({ page }) => {
  await signIn(page, "headteacher");
  const policyId = await publishPolicy(page, school, { title: `Keyboard signing ${Date.now()}`, audience: ["Teacher"] });
  await page.goto(`/s/${school}/policies/${policyId}/sign`);
  const checkbox = page.getByRole("checkbox");
  await checkbox.focus();
  await page.keyboard.press("Space");
  await expect(checkbox).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Type your full name")).toBeFocused();
  await page.keyboard.type(DEMO_ACCOUNTS.headteacher.name);
  // Past the optional drawing area's "Clear drawing" button (disabled while empty) to the submit button.
  for (let i = 0; i < 5 && !(await page.getByRole("button", { name: "Sign declaration" }).evaluate((b) => b === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(page.getByRole("button", { name: "Sign declaration" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /You signed version 1/ })).toBeVisible();
});
