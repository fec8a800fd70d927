import fs from "node:fs/promises";
import { test, expect } from "@playwright/test";
import { expect as baseExpect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccountKey } from "./support/accounts";
import { passMfaStep } from "./support/auth";
import { waitForMail } from "./support/mail";
import { pdfText } from "./support/pdf";
import { signThroughInductionGate } from "./support/policies";

const school = DEMO_ACCOUNTS.businessManager.school;

/**
 * Signs in as e2e/support/auth.ts does, but waits longer for the first sign-in: on a cold server with the
 * embedded database and a busy machine, password hashing and the first queries can take over ten seconds.
 */
async function signIn(page: Page, who: DemoAccountKey) {
  await page.goto("/signin");
  await page.getByLabel("Email address", { exact: true }).fill(DEMO_ACCOUNTS[who].email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await passMfaStep(page);
  await baseExpect(page).not.toHaveURL(/\/signin/, { timeout: 60_000 });
}

/** "YYYY-MM-DDTHH:mm" in London, as a datetime-local field takes it. */
function toLondonDateTimeInput(d: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
const teacher = DEMO_ACCOUNTS.teacher;

test("the Business Manager issues a camera and an encrypted stick in one sitting; the teacher signs on a phone; the camera comes back; the stick is lost, charged and opens a breach the DPO sees; the receipt PDF shows it all", async ({ browser }) => {
  // Four people, two devices, a PDF and mail on a shared two-core machine: one long journey.
  test.setTimeout(300_000);
  const tag = `CAM-E2E-${Date.now() % 100000}`;
  const manager = await browser.newPage();
  await signIn(manager, "businessManager");

  // A new camera on the register (the demo's cameras are all out or in for repair).
  await manager.goto(`/s/${school}/equipment/assets/new`);
  await manager.getByLabel("Asset tag").fill(tag);
  await manager.getByLabel("Kind").selectOption({ label: "Camera" });
  await manager.getByLabel("Make").fill("Canon");
  await manager.getByLabel("Model", { exact: true }).fill("IXUS 185");
  await manager.getByLabel(/May hold personal data/).check();
  await manager.getByRole("button", { name: "Add to the register" }).click();
  await expect(manager.getByRole("heading", { level: 1, name: `${tag}: Camera` })).toBeVisible();

  // One form: the camera and an encrypted stick; the unencrypted stick cannot be chosen.
  await manager.goto(`/s/${school}/equipment/issue`);
  await manager.getByLabel("Who is borrowing it").selectOption({ label: `${teacher.name} (Year 3 Teacher)` });
  await expect(manager.getByRole("checkbox", { name: /USB-04/ })).toBeDisabled();
  await expect(manager.getByText("USB-04 is not encrypted: a memory stick is issued only if it is encrypted.")).toBeVisible();
  await manager.getByRole("checkbox", { name: new RegExp(tag) }).check();
  await manager.getByRole("checkbox", { name: /USB-03/ }).check();
  await expect(manager.getByText("It is reviewed each half term and all photos deleted.")).toBeVisible();
  const issuedAt = new Date();
  await manager.getByRole("button", { name: "Issue 2 items" }).click();
  await expect(manager.getByRole("heading", { level: 1, name: `Equipment lent to ${teacher.name}` })).toBeVisible();
  await expect(manager.getByText("Awaiting the borrower's signature.")).toBeVisible();
  const loanUrl = manager.url();
  await waitForMail(teacher.email, { since: issuedAt });

  // The teacher signs on a phone.
  const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: "en-GB", timezoneId: "Europe/London" });
  const page = await phone.newPage();
  await signIn(page, "teacher");
  await signThroughInductionGate(page, teacher.name);
  await page.goto(`/s/${school}/my-equipment`);
  await page.getByRole("link", { name: "Read the conditions and sign" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Equipment issued to you" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.getByRole("checkbox", { name: /I confirm that I understand the conditions/ }).check();
  await page.getByLabel("Type your full name").fill(teacher.name);
  await page.getByRole("button", { name: "Confirm receipt" }).click();
  await expect(page.getByText(/You confirmed receipt/)).toBeVisible();

  // The manager records the camera's return; the teacher countersigns it.
  await manager.goto(loanUrl);
  await expect(manager.getByText(/Receipt signed/)).toBeVisible();
  await manager.getByRole("checkbox", { name: new RegExp(`${tag} Camera`) }).check();
  await manager.getByLabel("Condition").fill("Good, photos deleted");
  await manager.getByRole("button", { name: "Record return" }).click();
  await expect(manager.getByRole("heading", { name: /Countersign the return/ })).toBeVisible();
  await page.reload();
  await page.getByRole("checkbox", { name: /I handed back/ }).check();
  await page.getByRole("textbox", { name: "Type your full name" }).fill(teacher.name);
  await page.getByRole("button", { name: "Countersign return" }).click();
  await expect(page.getByRole("button", { name: "Countersign return" })).toHaveCount(0);

  // The teacher reports the stick lost.
  const lostAt = new Date();
  await page.getByLabel("When").fill(toLondonDateTimeInput(new Date(Date.now() - 3_600_000)));
  await page.getByLabel("Where").fill("The bus home");
  await page.getByLabel("What it held").fill("Year 3 reading records");
  // Wait for the server action's answer: the button reads "Reporting…" while it is on its way, and
  // leaving the page then would abort it.
  const reported = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/my-equipment/"), { timeout: 30_000 });
  await page.getByRole("button", { name: "Report it" }).click();
  await reported;
  // Reported: the stick is no longer one the teacher can report.
  await expect(page.getByRole("button", { name: /^Report(ing…| it)$/ })).toHaveCount(0, { timeout: 20_000 });
  await page.goto(`/s/${school}/my-equipment`);
  await expect(page.getByText("Replacement charge owed: £25.")).toBeVisible();

  // The manager is emailed at once, and sees the charge owed and the breach.
  const mail = await waitForMail(DEMO_ACCOUNTS.businessManager.email, { since: lostAt });
  expect(mail.subject).toContain("USB-03 reported lost");
  expect(mail.text).toContain("Replacement charge owed: £25.");
  await manager.goto(`/s/${school}/equipment`);
  await expect(manager.getByRole("link", { name: "USB-03" }).first()).toBeVisible();
  await manager.getByRole("link", { name: "USB-03" }).first().click();
  await expect(manager.getByText("Charge £25: owed")).toBeVisible();
  const incidentHref = await manager.getByRole("link", { name: "Data-breach incident" }).getAttribute("href");
  expect(incidentHref).toMatch(/\/incidents\//);

  // The DPO sees the breach with its clock running.
  const dpo = await (await browser.newContext()).newPage();
  await signIn(dpo, "dpo");
  await dpo.goto(incidentHref!);
  await expect(dpo.getByRole("heading", { name: "Data breach: 72-hour clock" })).toBeVisible();
  await expect(dpo.getByTestId("breach-time-left")).toHaveText(/hours? .*left/);

  // The receipt PDF: both rows, the return, the loss.
  await page.goto(`/s/${school}/my-equipment`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Receipt (PDF)" }).first().click()]);
  const text = (await pdfText(await fs.readFile((await download.path())!))).replace(/\s+/g, " ");
  expect(text).toContain(`Name: ${teacher.name}`);
  expect(text).toContain(`I am in receipt of a camera issued by school. ${tag}`);
  expect(text).toContain("I am in receipt of an encrypted memory stick issued by school. USB-03");
  expect(text).toMatch(new RegExp(`Returned \\d{1,2} \\w+ \\d{4} \\(Good, photos deleted\\); countersigned by ${teacher.name}`));
  expect(text).toContain("Reported lost");
});
