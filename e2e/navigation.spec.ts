import { test, expect, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { DEMO_ACCOUNTS } from "./support/accounts";

const ALL = ["Dashboard", "Policies", "My declarations", "Incidents", "Equipment", "My equipment", "People", "Requests", "Audit log", "Filtering", "Monitoring", "Governors' summary"] as const;

async function navLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeVisible();
  return (await nav.getByRole("link").allTextContents()).map((t) => t.trim());
}

const cases: { who: keyof typeof DEMO_ACCOUNTS; sees: string[] }[] = [
  { who: "headteacher", sees: ["Dashboard", "Policies", "My declarations", "Incidents", "Equipment", "My equipment", "People", "Requests", "Audit log", "Filtering", "Monitoring", "Governors' summary"] },
  { who: "businessManager", sees: ["Dashboard", "Policies", "My declarations", "Incidents", "Equipment", "My equipment", "People", "Requests", "Filtering"] },
  { who: "teacher", sees: ["Dashboard", "Policies", "My declarations", "Incidents", "My equipment", "Requests", "Filtering"] },
  { who: "governor", sees: ["Dashboard", "Policies", "My declarations", "Incidents", "My equipment", "Requests", "Filtering", "Governors' summary"] },
];

for (const c of cases) {
  test(`${c.who} sees only the navigation their roles allow`, async ({ page }) => {
    await signIn(page, c.who);
    await page.goto(`/s/${DEMO_ACCOUNTS[c.who].school}`);
    const links = await navLinks(page);
    expect(links).toEqual(ALL.filter((l) => c.sees.includes(l)));
  });
}

test("a page of another school is not found, and a page beyond one's role is refused", async ({ page }) => {
  await signIn(page, "headteacher");
  const other = await page.goto(`/s/${DEMO_ACCOUNTS.standaloneHead.school}/people`);
  expect(other?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("Jonathan Reeve")).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, "teacher");
  const people = await page.goto(`/s/${DEMO_ACCOUNTS.teacher.school}/people`);
  expect(people?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: /do not have access/ })).toBeVisible();
});

test("adding a person with a bad email shows the error next to the field and adds nothing", async ({ page }) => {
  await signIn(page, "businessManager");
  const school = DEMO_ACCOUNTS.businessManager.school;
  const name = `Nobody Added ${Date.now()}`;
  await page.goto(`/s/${school}/people/new`);
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email address").fill("not-an-email");
  await page.getByLabel("Staff group").selectOption("TEACHER");
  await page.getByRole("button", { name: "Add person" }).click();
  const email = page.getByLabel("Email address");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#email-error")).toContainText("Enter an email address like");
  await expect(page).toHaveURL(/\/people\/new$/);

  await page.goto(`/s/${school}/people?leavers=1`);
  await expect(page.getByRole("heading", { name: "People", level: 1 })).toBeVisible();
  await expect(page.getByText(name)).toHaveCount(0);
});

test("a business manager adds a person, who then appears in the directory", async ({ page }) => {
  await signIn(page, "businessManager");
  const school = DEMO_ACCOUNTS.businessManager.school;
  const stamp = Date.now();
  const name = `Robin Newcombe ${stamp}`;
  await page.goto(`/s/${school}/people/new`);
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email address").fill(`robin.newcombe.${stamp}@demo-trust.org.uk`);
  await page.getByLabel("Staff group").selectOption("TEACHING_ASSISTANT");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page).toHaveURL(/\/people\?added=1$/);
  await expect(page.getByRole("heading", { name, level: 2 })).toBeVisible();
});
