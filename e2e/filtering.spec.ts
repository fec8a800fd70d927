import { test, expect, type Browser, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, type DemoAccountKey } from "./support/accounts";
import { signThroughInductionGate } from "./support/policies";
import { signIn } from "./support/auth";

const school = DEMO_ACCOUNTS.ictLead.school;

/** A browser of this person's own, signed in (a cold server on a busy machine can take a while). */
async function as(browser: Browser, who: DemoAccountKey): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  // Another spec may have published an induction policy that holds this person first.
  await page.goto(`/s/${school}/filtering`);
  await signThroughInductionGate(page, DEMO_ACCOUNTS[who].name);
  return page;
}

async function askForChange(page: Page, target: string) {
  await page.goto(`/s/${school}/filtering`);
  await page.getByRole("link", { name: "Ask for a change" }).click();
  await page.getByLabel("Website or category", { exact: true }).fill(target);
  await page.getByRole("radio", { name: "Allow" }).check();
  await page.getByLabel("Reason").fill("Used to support study of Ancient Greek at A Level; strong language but appropriate to the age group.");
  await page.getByRole("button", { name: "Ask for this change" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Allow ${target}` })).toBeVisible();
  return page.url();
}

test("a teacher asks, the ICT lead authorises and records the technician who made it, the DSL confirms; nobody takes two of the steps", async ({ browser }) => {
  test.setTimeout(240_000);
  const target = `www.greek-${Date.now()}.example.org`;

  const teacher = await as(browser, "teacher");
  const url = await askForChange(teacher, target);
  await expect(teacher.getByText("Awaiting authorisation").first()).toBeVisible();
  await expect(teacher.getByRole("button", { name: "Authorise this change" })).toHaveCount(0);

  // The ICT lead authorises it and records the outside provider's technician as the one who made it.
  const ict = await as(browser, "ictLead");
  await ict.goto(url);
  await expect(ict.getByRole("button", { name: "Confirm the change" })).toHaveCount(0);
  await ict.getByRole("button", { name: "Authorise this change" }).click();
  await expect(ict.getByText("Authorised, not yet made").first()).toBeVisible();
  await ict.getByRole("radio", { name: "An outside provider's technician" }).check();
  await ict.getByRole("button", { name: "Record that it was made" }).click();
  await expect(ict.getByText("Enter the technician's name")).toBeVisible();
  await ict.getByLabel("Technician's name").fill("Dan Hollis");
  await ict.getByLabel("Company").fill("Hollin IT Services");
  await ict.getByRole("button", { name: "Record that it was made" }).click();
  await expect(ict.getByText("Awaiting DSL confirmation").first()).toBeVisible();
  // The ICT lead is not the one who confirms.
  await expect(ict.getByRole("button", { name: "Confirm the change" })).toHaveCount(0);

  // The DSL confirms it.
  const dsl = await as(browser, "dsl");
  await dsl.goto(url);
  await dsl.getByLabel("Note (optional)").fill("Checked on a pupil laptop: the site loads.");
  await dsl.getByRole("button", { name: "Confirm the change" }).click();
  await expect(dsl.getByText("In place").first()).toBeVisible();
  const history = dsl.getByRole("list").filter({ hasText: "Requested by" });
  await expect(history.getByRole("listitem")).toHaveCount(4);
  await expect(history).toContainText(`Requested by ${DEMO_ACCOUNTS.teacher.name}`);
  await expect(history).toContainText(`Authorised by ${DEMO_ACCOUNTS.ictLead.name}`);
  await expect(history).toContainText(`Confirmed by the DSL by ${DEMO_ACCOUNTS.dsl.name}`);
  await expect(dsl.getByText("Dan Hollis (Hollin IT Services)")).toBeVisible();

  // On the log, with its badge.
  await dsl.goto(`/s/${school}/filtering?status=CONFIRMED`);
  const row = dsl.getByRole("row").filter({ hasText: target });
  await expect(row).toContainText("In place");
  await expect(row).toContainText(DEMO_ACCOUNTS.ictLead.name);

  // The ICT lead asks for a change himself: he cannot also authorise it.
  const own = await askForChange(ict, `www.own-${Date.now()}.example.org`);
  await ict.goto(own);
  await expect(ict.getByText("You asked for this change, so someone else must authorise it")).toBeVisible();
  await expect(ict.getByRole("button", { name: "Authorise this change" })).toHaveCount(0);

  // The teacher sees their own request, not the log of everyone's.
  await teacher.goto(`/s/${school}/filtering`);
  await expect(teacher.getByRole("heading", { level: 1, name: "Filtering: your requests" })).toBeVisible();
  await expect(teacher.getByText(target)).toBeVisible();
  await expect(teacher.getByText("Online gaming")).toHaveCount(0);
});

test("the demo log shows a change awaiting the DSL's confirmation and a review overdue, and the CSV has seed 004's columns", async ({ browser }) => {
  const dsl = await as(browser, "dsl");
  await dsl.goto(`/s/${school}/filtering`);
  await expect(dsl.getByRole("row").filter({ hasText: "Online gaming" })).toContainText("Awaiting DSL confirmation");
  await expect(dsl.getByRole("row").filter({ hasText: "scratch.mit.edu" })).toContainText("Review overdue");
  const csv = await dsl.request.get(`/s/${school}/filtering/log.csv`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("Website / category,Kind,Allow or block,Temporary until,Requested (London),Requested by,Reason,Authorised by,Change made by");
  const teacher = await as(browser, "teacher");
  expect((await teacher.request.get(`/s/${school}/filtering/log.csv`)).status()).toBe(403);
});
