import fs from "node:fs/promises";
import { test, expect } from "@playwright/test";
import { signIn } from "./support/auth";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { pdfText } from "./support/pdf";
import { signThroughInductionGate } from "./support/policies";

// Issue 10: the Chair of Governors reads the school's summary with its charts and takes the board pack to
// the meeting; a trustee reads the trust roll-up, a row for each school.

test("the Chair of Governors opens the summary, sees the charts and downloads the board pack PDF", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const chair = DEMO_ACCOUNTS.chairOfGovernors;
  await signIn(page, "chairOfGovernors");
  await page.goto(`/s/${chair.school}/governance`);
  await signThroughInductionGate(page, chair.name);
  await page.goto(`/s/${chair.school}/governance`);
  await expect(page.getByRole("heading", { level: 1, name: "Governors' summary" })).toBeVisible();
  await expect(page.getByRole("main").getByText("Oakfield Primary School", { exact: true })).toBeVisible();
  const period = (await page.getByText(/^Autumn term|^Spring term|^Summer term/).first().textContent())!.trim();

  // Charts drawn as images with their figures in words, each with its table.
  for (const name of [/Declarations signed, by policy/, /Reports by month/, /Equipment status/]) await expect(page.getByRole("img", { name })).toBeVisible();
  await expect(page.getByRole("table", { name: "Declarations by policy", exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Reports by month", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Permission requests" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Monitoring authorisations" })).toBeVisible();
  const coverage = (await page.locator("dt", { hasText: "Signed, of everyone who must sign" }).locator("xpath=following-sibling::dd").textContent())!.trim();
  expect(coverage).toMatch(/^\d+(\.\d)?% \(\d+ of \d+\)$/);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Board pack (PDF)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^governors-summary-oakfield-\d{4}-\d{2}-\d{2}\.pdf$/);
  const text = (await pdfText(await fs.readFile((await download.path())!))).replace(/\s+/g, " ");
  expect(text).toContain("Oakfield Primary School");
  expect(text).toContain(`Period: ${period}`);
  expect(text).toContain(coverage);

  // On a phone: nothing wider than the screen except the tables' own scrolling regions.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath("summary-390.png"), fullPage: true });

  // A chosen range with the last day before the first: the message sits by the field.
  await page.getByLabel("Dates I choose").check();
  await page.getByLabel("First day").fill("2026-10-31");
  await page.getByLabel("Last day").fill("2026-10-01");
  await page.getByRole("button", { name: "Show this period" }).click();
  await expect(page.getByLabel("Last day")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#to-error")).toContainText("The last day must be on or after the first day.");
});

test("a trustee sees the trust roll-up with a row for each school and a trust total, and can sort it", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page, "trustee");
  await page.goto(`/s/${DEMO_ACCOUNTS.trustee.school}/governance/trust`);
  await expect(page.getByRole("heading", { level: 1, name: "Trust governors' summary" })).toBeVisible();
  const table = page.getByRole("table", { name: /Schools at a glance/ });
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByRole("rowheader")).toHaveText("Oakfield Primary School");
  await expect(rows.nth(1).getByRole("rowheader")).toHaveText("Riverside Primary Academy");
  await expect(table.locator("tfoot").getByRole("rowheader")).toHaveText("Trust total");
  await expect(rows.nth(0).getByText(/^(Green|Amber|Red)$/)).toBeVisible();

  await table.getByRole("link", { name: "School" }).click();
  await expect(table.getByRole("columnheader", { name: /School/ })).toHaveAttribute("aria-sort", "descending");
  await expect(rows.nth(0).getByRole("rowheader")).toHaveText("Riverside Primary Academy");

  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath("trust-390.png"), fullPage: true });

  // A trustee is not a member of staff: nothing else of the school is theirs.
  expect((await page.goto(`/s/${DEMO_ACCOUNTS.trustee.school}/people`))?.status()).toBe(403);
});
