import { test, expect as baseExpect, type Browser, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccountKey } from "./support/accounts";
import { passMfaStep } from "./support/auth";

// The shared machine is slow under load (a sign-in with argon2 and the first page can take 20 s):
// wait longer than the default 10 s for each expectation, without changing what is expected.
const expect = baseExpect.configure({ timeout: 45_000 });

/** As e2e/support/auth.ts, with the longer wait for the sign-in to finish. */
async function signIn(page: Page, who: DemoAccountKey) {
  await page.goto("/signin");
  await page.getByLabel("Email address", { exact: true }).fill(DEMO_ACCOUNTS[who].email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await passMfaStep(page);
  await expect(page).not.toHaveURL(/\/signin/);
}

// Each journey signs in three people and walks a report through its whole life: longer than the default.
test.describe.configure({ timeout: 420_000 });

const school = DEMO_ACCOUNTS.teacher.school;
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Screenshots for looking at the pages (E2E_SCREENSHOTS=dir); nothing is asserted on them. */
async function shot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

async function as(browser: Browser, who: DemoAccountKey, phone = false): Promise<Page> {
  const context = await browser.newContext(phone ? PHONE : { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, who);
  return page;
}

/** Nothing wider than the screen: a phone never scrolls sideways (tables scroll inside their own box). */
async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.doc).toBeLessThanOrEqual(widths.view);
}

test("a teacher on a phone reports a lost memory stick as a data breach; the DPO records the decision and closes it", async ({ browser }) => {
  const teacher = await as(browser, "teacher", true);
  await teacher.goto(`/s/${school}`);
  await teacher.getByRole("link", { name: "Report a concern" }).click();
  await expect(teacher.getByRole("heading", { name: "Report a concern", level: 1 })).toBeVisible();
  await expectNoSidewaysScroll(teacher);

  // A police-matter category shows what to do before anything is written; choosing another hides it.
  await teacher.getByRole("radio", { name: /Indecent images of children/ }).check();
  await expect(teacher.getByRole("heading", { name: /This is a police matter/ })).toBeVisible();
  await expect(teacher.getByText("If a child is in immediate danger, call 999 now.")).toBeVisible();
  await shot(teacher, "report-police-phone");

  // By keyboard: from the police matter back up to the data breach with the arrow keys.
  const breach = teacher.getByRole("radio", { name: /Data breach/ });
  await teacher.getByRole("radio", { name: /Indecent images of children/ }).focus();
  for (let i = 0; i < 6 && !(await breach.isChecked()); i++) await teacher.keyboard.press("ArrowUp");
  await expect(breach).toBeChecked();
  await expect(teacher.getByRole("heading", { name: /This is a police matter/ })).toHaveCount(0);

  // Refused with the message next to the field when "what happened" is missing.
  await teacher.getByRole("button", { name: "Send report" }).click();
  await expect(teacher.getByLabel("What happened?")).toHaveAttribute("aria-invalid", "true");

  await teacher.getByLabel("What happened?").fill("I lost an unencrypted memory stick with my class's reading assessment scores (names and scores) on the bus home.");
  await teacher.getByLabel("Where, or on which device?").fill("Unencrypted USB memory stick, number 7 bus");
  await teacher.getByLabel(/Pupils involved/).fill("Y3 class");
  await teacher.getByLabel(/What have you done so far/).fill("Asked the bus company's lost property.");
  await shot(teacher, "report-breach-phone");
  await teacher.getByRole("button", { name: "Send report" }).click();

  await expect(teacher).toHaveURL(/\/incidents\/[^/]+\/sent$/);
  await expect(teacher.getByRole("heading", { name: "Report sent" })).toBeVisible();
  const reference = (await teacher.getByTestId("incident-reference").textContent())!.trim();
  expect(reference).not.toBe("");
  const incidentUrl = teacher.url().replace(/\/sent$/, "");
  // Nothing about who receives it.
  const sent = await teacher.locator("main").innerText();
  expect(sent).not.toMatch(/Data Protection|DPO|Headteacher|Janet Cole|Helen Marsh/);
  await shot(teacher, "sent-phone");

  // "My reports": the report and its status.
  await teacher.goto(`/s/${school}/incidents`);
  const mine = teacher.getByRole("table", { name: "Your reports" });
  await expect(mine.getByRole("row", { name: new RegExp(reference) })).toContainText("New");
  await expectNoSidewaysScroll(teacher);
  await shot(teacher, "my-reports-phone");

  // The DPO sees it with the clock running.
  const dpo = await as(browser, "dpo");
  await dpo.goto(`/s/${school}/incidents`);
  const row = dpo.getByRole("row", { name: new RegExp(reference) });
  await expect(row).toContainText("Data breach");
  await expect(row).toContainText(/left/);
  await shot(dpo, "register-desktop");
  await row.getByRole("link", { name: reference }).click();
  await expect(dpo.getByRole("heading", { name: new RegExp(`${reference}: Data breach`) })).toBeVisible();
  await expect(dpo.getByTestId("breach-time-left")).toHaveText(/^(2 days \d+ hours?|\d+ hours? \d+ minutes?) left$/);
  await expect(dpo.getByText(/lost an unencrypted memory stick/)).toBeVisible();

  await dpo.getByRole("button", { name: "Acknowledge" }).click();
  await expect(dpo.getByRole("button", { name: "Start investigating" })).toBeVisible();

  const entry = `Bus company says nothing has been handed in (${Date.now()}).`;
  await dpo.getByLabel("What happened", { exact: true }).selectOption({ label: "Note" });
  await dpo.getByLabel("Details").fill(entry);
  await dpo.getByRole("button", { name: "Add entry" }).click();
  await expect(dpo.getByRole("list", { name: /Chronology/ })).toContainText(entry);

  await dpo.getByLabel("Type of breach").selectOption("LOSS");
  await dpo.getByLabel("What personal data").fill("Names and reading scores of one Year 3 class");
  await dpo.getByLabel("Number of people affected").fill("28");
  await dpo.getByLabel("Number of records affected").fill("28");
  await dpo.getByLabel("Likely consequences").fill("Embarrassment for pupils; no special category data");
  await dpo.getByRole("radio", { name: /^A risk to people/ }).check();
  await dpo.getByLabel("Action taken to contain it").fill("Memory sticks withdrawn; staff reminded to use the school's cloud storage");
  await dpo.getByRole("group", { name: "Have the people affected been told?" }).getByRole("radio", { name: "No" }).check();
  await dpo.getByRole("button", { name: "Save the breach record" }).click();
  await expect(dpo.getByText("Breach record saved.")).toBeVisible();

  // Closing before the decision is refused.
  await expect(dpo.getByText("Record the decision about reporting to the ICO before closing.")).toBeVisible();

  const reason = "Reading scores only, no special category data; low risk to the pupils, assessed with the Head.";
  await dpo.getByRole("radio", { name: "Not reported" }).check();
  await dpo.getByLabel("Why it was not reported").fill(reason);
  await dpo.getByRole("button", { name: "Record the decision" }).click();
  await expect(dpo.getByText(`Not reported. Reason: ${reason}`)).toBeVisible();
  await expect(dpo.getByText(/the clock has stopped/)).toBeVisible();

  await dpo.getByRole("radio", { name: "Advice or training" }).check();
  await dpo.getByLabel("Summary of the outcome").fill("Staff briefing on encrypted storage; memory sticks withdrawn.");
  await dpo.getByRole("button", { name: "Close the report" }).click();
  await expect(dpo.getByRole("heading", { name: "Outcome" })).toBeVisible();
  await expect(dpo.getByRole("heading", { name: "Status" }).locator("..")).toContainText("Closed");
  await shot(dpo, "incident-closed-desktop");

  // The breach register lists it with the decision.
  await dpo.goto(`/s/${school}/incidents/breaches`);
  await expect(dpo.getByRole("row", { name: new RegExp(reference) })).toContainText(`Not reported: ${reason}`);
  await shot(dpo, "breaches-desktop");
  const csv = await dpo.request.get(`/s/${school}/incidents/breaches.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const csvText = await csv.text();
  expect(csvText).toContain(reference);
  expect(csvText).toContain(reason);
  // The register is not for the reporter.
  expect((await teacher.request.get(`/s/${school}/incidents/breaches.csv`)).status()).toBe(403);

  // The reporter sees the status, never the handlers' notes.
  await teacher.goto(incidentUrl);
  await expect(teacher.getByRole("heading", { name: `Your report ${reference}` })).toBeVisible();
  await expect(teacher.locator("main")).toContainText("Closed");
  await expect(teacher.getByText(entry)).toHaveCount(0);
  await expect(teacher.getByText(reason)).toHaveCount(0);
  await shot(teacher, "reporter-view-phone");
});

test("a report about the Head is seen by the Chair of Governors and is absent for the Head", async ({ browser }) => {
  const teacher = await as(browser, "teacher");
  await teacher.goto(`/s/${school}/incidents/new`);
  await teacher.getByRole("radio", { name: /Concern about the Headteacher/ }).check();
  await teacher.getByLabel("What happened?").fill("The Headteacher shared her school account password with a parent volunteer.");
  await teacher.getByLabel("Find a person").fill("Marsh");
  await teacher.getByRole("checkbox", { name: /Helen Marsh/ }).check();
  await shot(teacher, "report-head-desktop");
  await teacher.getByRole("button", { name: "Send report" }).click();
  await expect(teacher).toHaveURL(/\/sent$/);
  const reference = (await teacher.getByTestId("incident-reference").textContent())!.trim();
  const path = new URL(teacher.url()).pathname.replace(/\/sent$/, "");

  const chair = await as(browser, "chairOfGovernors");
  await chair.goto(`/s/${school}/incidents`);
  await chair.getByRole("row", { name: new RegExp(reference) }).getByRole("link", { name: reference }).click();
  await expect(chair.getByRole("heading", { name: new RegExp(`${reference}: Concern about the Headteacher`) })).toBeVisible();
  await expect(chair.getByText(/shared her school account password/)).toBeVisible();
  await shot(chair, "incident-head-chair-desktop");

  // The demo's own report about the Head (prisma/seed/incidents.ts) is there for the Chair too.
  await chair.goto(`/s/${school}/incidents`);
  const chairRegister = chair.getByRole("table", { name: "Reports for you to deal with" });
  await expect(chairRegister.getByRole("row").filter({ hasText: "Concern about the Headteacher" })).toHaveCount(2);

  const head = await as(browser, "headteacher");
  await head.goto(`/s/${school}/incidents`);
  await expect(head.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
  // The table (not the section around it, whose category filter lists every category by name).
  const headRegister = head.getByRole("table", { name: "Reports for you to deal with" });
  await expect(headRegister.getByRole("row").nth(1)).toBeVisible();
  await expect(head.getByText(reference)).toHaveCount(0);
  await expect(headRegister.getByText("Concern about the Headteacher")).toHaveCount(0);
  const direct = await head.goto(path);
  expect(direct?.status()).toBe(404);
  await expect(head.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(head.getByText(/shared her school account password/)).toHaveCount(0);
});
