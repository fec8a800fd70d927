import { test, expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./support/accounts";
import { passMfaStep } from "./support/auth";

// Issue 6, point 4 in the browser: appointments stay with those who may make them, and nobody changes
// their own roles. (The server refuses the same even for a forged request: tests/integration/people-appointments.)

const school = DEMO_ACCOUNTS.businessManager.school;
// The shared test machine is slow; these pages are not.
test.describe.configure({ timeout: 90_000 });

/** As support/auth's signIn, with patience for the first sign-in on a cold server (argon2, first requests). */
async function signIn(page: Page, who: keyof typeof DEMO_ACCOUNTS) {
  await page.goto("/signin");
  await page.getByLabel("Email address", { exact: true }).fill(DEMO_ACCOUNTS[who].email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await passMfaStep(page);
  await expect(page).not.toHaveURL(/\/signin/, { timeout: 45_000 });
}

/** Playwright will not click an aria-disabled box; a person can still try with the keyboard. */
async function tryToTick(box: ReturnType<Page["getByRole"]>) {
  await box.focus();
  await box.press("Space");
}

async function openManage(page: Page, name: string) {
  const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name, level: 2 }) });
  await item.locator("summary").click();
  return { item, roles: item.getByRole("form", { name: `Roles for ${name}` }) };
}

test("a Business Manager cannot make themselves Chair of Governors: their own roles are read-only", async ({ page }) => {
  const me = DEMO_ACCOUNTS.businessManager.name;
  await signIn(page, "businessManager");
  await page.goto(`/s/${school}/people`);
  const { item, roles } = await openManage(page, me);
  await expect(roles.getByText("These are your own roles.")).toBeVisible();
  await expect(roles.getByRole("button", { name: "Save roles" })).toHaveCount(0);
  const chair = roles.getByRole("checkbox", { name: "Chair of Governors" });
  await expect(chair).toHaveAttribute("aria-disabled", "true");
  await tryToTick(chair);
  await expect(chair).not.toBeChecked();
  await tryToTick(roles.getByRole("checkbox", { name: "Business Manager" }));
  await expect(roles.getByRole("checkbox", { name: "Business Manager" })).toBeChecked();
  // Nor do they mark themselves as a leaver or suspend themselves.
  await expect(item.getByRole("button", { name: "Mark as leaver" })).toHaveCount(0);
  await expect(item.getByRole("button", { name: /Suspend account/ })).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: me, level: 2 }) }).getByText(/^Roles:/)).not.toContainText(
    "Chair of Governors",
  );
});

test("a Business Manager cannot appoint a DSL or a Chair of Governors, but still manages ordinary roles", async ({ page }) => {
  await signIn(page, "businessManager");
  await page.goto(`/s/${school}/people`);
  const { roles } = await openManage(page, DEMO_ACCOUNTS.teacher.name);
  for (const role of ["Designated Safeguarding Lead", "Deputy DSL", "Deputy Head", "Chair of Governors", "Governor"]) {
    const box = roles.getByRole("checkbox", { name: new RegExp(`^${role} \\(you cannot change this role\\)`) });
    await expect(box, role).toHaveAttribute("aria-disabled", "true");
    await tryToTick(box);
    await expect(box, role).not.toBeChecked();
  }
  await expect(roles.getByRole("checkbox", { name: "Staff", exact: true })).not.toHaveAttribute("aria-disabled", "true");
  await expect(roles.getByRole("button", { name: "Save roles" })).toBeVisible();

  // The form for adding a person offers the same: no appointments.
  await page.goto(`/s/${school}/people/new`);
  await expect(page.getByRole("checkbox", { name: /^Chair of Governors \(you cannot change this role\)/ })).toHaveAttribute("aria-disabled", "true");
  await expect(page.getByRole("checkbox", { name: /^Designated Safeguarding Lead \(you cannot change this role\)/ })).toHaveAttribute("aria-disabled", "true");
});
