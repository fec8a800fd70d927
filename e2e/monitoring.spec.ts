import { test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { expect, as, shot, expectNoSidewaysScroll } from "./support/journey";

// Issue 9 point 6: the DSL asks to monitor a colleague, the Chair of Governors approves it on a phone, and
// the colleague (who may ask for authorisations themselves) cannot see it: not in the list, and its
// address is "not found".

test.describe.configure({ timeout: 300_000 });

const school = DEMO_ACCOUNTS.dsl.school;

const londonDay = (days: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + days * 86_400_000));

test("the Chair of Governors approves a monitoring authorisation that its subject cannot see", async ({ browser }) => {
  const subject = DEMO_ACCOUNTS.ictLead.name;

  // The DSL asks; a missing assessment and a period over 30 days are refused next to their fields.
  const dsl = await as(browser, "dsl");
  await dsl.goto(`/s/${school}`);
  await dsl.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Monitoring" }).click();
  await dsl.getByRole("link", { name: "Ask for an authorisation" }).click();
  await expect(dsl.getByRole("heading", { name: "Ask for a monitoring authorisation", level: 1 })).toBeVisible();
  await dsl.getByLabel("Whose communications?").selectOption({ label: `${subject} (Computing Lead)` });
  await dsl.getByRole("checkbox", { name: "Email" }).check();
  await dsl.getByRole("checkbox", { name: "Files" }).check();
  await dsl.getByRole("checkbox", { name: /security of the school's hardware/ }).check();
  await dsl.getByLabel("End date (the last day)").fill(londonDay(40));
  await dsl.getByRole("button", { name: "Ask for the decision" }).click();
  await expect(dsl.locator("#necessity-error")).toContainText("Say why it is necessary and proportionate");
  await expect(dsl.locator("#endsOn-error")).toContainText("at most 30 days");
  await dsl.getByLabel("Why is it necessary and proportionate?").fill(
    "Malware alerts on the staff shared drive trace back to files saved from this account; they must be examined to stop it spreading.",
  );
  await dsl.getByLabel("Which less intrusive options were considered?").fill(
    "A scan by the IT contractor without opening any files was tried first and could not say which files were infected.",
  );
  await dsl.getByLabel("End date (the last day)").fill(londonDay(6));
  await dsl.getByRole("button", { name: "Ask for the decision" }).click();
  await expect(dsl.getByRole("heading", { name: `Monitoring of ${subject}`, level: 1 })).toBeVisible();
  await expect(dsl.getByText("Awaiting the decision.")).toBeVisible();
  const url = new URL(dsl.url()).pathname;

  // The Chair, on a phone, finds it awaiting her decision and approves it.
  const chair = await as(browser, "chairOfGovernors", true, 390);
  await chair.goto(`/s/${school}/monitoring`);
  await expect(chair.getByText(/awaits? your decision/)).toBeVisible();
  await expectNoSidewaysScroll(chair);
  await shot(chair, "monitoring-list-chair-phone");
  await chair.goto(url);
  await expect(chair.getByRole("heading", { name: `Monitoring of ${subject}`, level: 1 })).toBeVisible();
  await chair.getByRole("radio", { name: "Approve" }).check();
  await chair.getByLabel("Reason or conditions (optional)").fill("School files only; the IT contractor examines them with the DSL.");
  await chair.getByRole("button", { name: "Record the decision" }).click();
  await expect(chair.getByText("SHA-256 of what was decided")).toBeVisible();
  await expect(chair.getByText("Approved", { exact: true }).first()).toBeVisible();
  await expectNoSidewaysScroll(chair);
  await shot(chair, "monitoring-approved-phone");

  // Its subject, the ICT lead, may ask for authorisations, yet sees nothing of this one.
  const ict = await as(browser, "ictLead");
  await ict.goto(`/s/${school}/monitoring`);
  await expect(ict.getByRole("heading", { name: "Monitoring authorisations", level: 1 })).toBeVisible();
  // Their own name is in the page header; nothing in the page itself names them.
  await expect(ict.getByRole("main").getByText(subject)).toHaveCount(0);
  await expect(ict.getByText("There are no monitoring authorisations for you to see.")).toBeVisible();
  const res = await ict.goto(url);
  expect(res?.status()).toBe(404);
  await expect(ict.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(ict.getByText("Malware alerts")).toHaveCount(0);
});
