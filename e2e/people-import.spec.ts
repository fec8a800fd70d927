import { test, expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { signIn } from "./support/auth";

const school = DEMO_ACCOUNTS.businessManager.school;

/**
 * A 150-row staff file as an MIS exports it (UTF-8 with a BOM, UK dates); row 40 has a broken email unless
 * fixed. The other specs share this demo school: its new people start next September (so no coverage count
 * or obligation changes today) and sort after everyone else (so the first page of people is unchanged).
 */
function staffFile(stamp: number, fixed: boolean) {
  const rows = Array.from({ length: 150 }, (_, i) => {
    const email = i === 39 && !fixed ? `broken.${stamp}.example` : `mis.${i}.${stamp}@demo-trust.org.uk`;
    return `Zz${i},Starter${stamp},${email},${["Teacher", "Teaching Assistant", "Support", "Office"][i % 4]},Post ${i},01/09/${new Date().getFullYear() + 1},`;
  });
  return Buffer.from("\uFEFF" + ["Forename,Surname,Work Email,Staff Type,Job Title,Start Date,Leaving Date", ...rows].join("\r\n"));
}

test("a business manager imports a 150-row staff file, fixes a bad row, applies it and finds a joiner", async ({ page }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  await signIn(page, "businessManager");
  await page.goto(`/s/${school}/people`);
  await page.getByRole("link", { name: "Import staff from the MIS" }).click();
  await expect(page.getByRole("heading", { name: "Import staff from the MIS", level: 1 })).toBeVisible();

  const input = page.getByLabel("Staff file (CSV)");
  await input.setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: staffFile(stamp, false) });
  // The columns are recognised from the header; the bad row is named next to its line.
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("work email");
  await expect(page.getByText("150 rows read: 149 to add")).toBeVisible({ timeout: 30_000 });
  const bad = page.getByRole("row").filter({ hasText: "Needs correcting" });
  await expect(bad).toHaveCount(1);
  await expect(bad).toContainText("41");
  await expect(bad).toContainText(`“broken.${stamp}.example” is not an email address.`);
  await expect(page.getByRole("button", { name: /^Import: add/ })).toBeDisabled();
  // The school's present staff are not in the file: proposed as leavers, nobody ended.
  await expect(page.getByRole("heading", { name: /Proposed leavers/ })).toBeVisible();

  await input.setInputFiles({ name: "staff-fixed.csv", mimeType: "text/csv", buffer: staffFile(stamp, true) });
  await expect(page.getByText("150 rows read: 150 to add")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("row").filter({ hasText: "Needs correcting" })).toHaveCount(0);
  await page.getByRole("button", { name: "Import: add 150, change 0" }).click();
  await expect(page.getByText("Imported: 150 added, 0 changed")).toBeVisible({ timeout: 60_000 });
  // Checked again afterwards: the same file now changes nothing.
  await expect(page.getByText("150 rows read: 0 to add, 0 to change, 150 unchanged")).toBeVisible({ timeout: 30_000 });

  // On a phone the page does not scroll sideways (the table scrolls inside its own region).
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await page.goto(`/s/${school}/people`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByLabel("Name or email").fill(`mis.77.${stamp}`);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("heading", { name: `Zz77 Starter${stamp}`, level: 2 })).toBeVisible();
  await expect(page.getByText("1 person.")).toBeVisible();

  // The new people are in the directory, 50 a page.
  await page.getByLabel("Name or email").fill(`Starter${stamp}`);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("150 people, showing 1–50.")).toBeVisible();
  await page.getByRole("link", { name: "Next page →" }).click();
  await expect(page.getByText("150 people, showing 51–100.")).toBeVisible();
});

test("a file over 1 MB is refused in the browser, before it is sent", async ({ page }) => {
  await signIn(page, "businessManager");
  await page.goto(`/s/${school}/people/import`);
  await page.getByLabel("Staff file (CSV)").setInputFiles({ name: "junk.csv", mimeType: "text/csv", buffer: Buffer.alloc(10 * 1024 * 1024, "x") });
  await expect(page.getByRole("alert").filter({ hasText: "The file is 10.5 MB: at most 1 MB." })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Which column holds what" })).toHaveCount(0);
});
