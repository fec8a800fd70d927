import { expect, type Page } from "@playwright/test";

/** Writes and publishes a small policy through the editor, as the signed-in person; returns its id. */
export async function publishPolicy(page: Page, school: string, opts: { title: string; induction?: boolean; audience?: string[] }) {
  await page.goto(`/s/${school}/policies/new`);
  await page.getByLabel("Title").fill(opts.title);
  await page.getByLabel("Section 1 text").fill("Use the school's ICT **responsibly**.\n\n- Keep passwords private\n- Report concerns at once");
  await page.getByLabel("Code of conduct statements").fill("I will keep my password private.\nI will report any concern about a child's safety.");
  for (const box of await page.getByRole("group", { name: "Who must sign" }).getByRole("checkbox").all()) await box.uncheck();
  for (const label of opts.audience ?? ["Teacher", "Teaching assistant"]) await page.getByRole("checkbox", { name: label, exact: true }).check();
  if (opts.induction) await page.getByLabel(/New starters must sign/).check();
  await page.getByLabel("Approved by").fill("Full Governing Board");
  await page.getByLabel("Date approved").fill("2026-09-21");
  await page.getByLabel("Review due").fill("2027-09-21");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/policies\/(?!new)[^/]+$/);
  const policyId = page.url().split("/").pop()!;
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Publish version 1" }).click();
  await expect(page.getByText(/SHA-256 [0-9a-f]{64}/)).toBeVisible();
  return policyId;
}

/** While the induction gate holds this person at a signing page, sign what it shows. */
export async function signThroughInductionGate(page: Page, typedName: string) {
  for (let i = 0; i < 5; i++) {
    const banner = page.getByText("Before you can use anything else here, please read and sign this policy.");
    if (!(await banner.isVisible())) return;
    await signOnPage(page, typedName);
    const next = page.getByRole("link", { name: /^Read and sign / });
    if (!(await next.isVisible())) return;
    await page.goto((await next.getAttribute("href"))!);
  }
}

/** Signs the declaration on the signing page currently open (typed name only). */
export async function signOnPage(page: Page, typedName: string) {
  await page.getByRole("checkbox").first().check();
  await page.getByLabel("Type your full name").fill(typedName);
  await page.getByRole("button", { name: "Sign declaration" }).click();
  await expect(page.getByRole("heading", { name: /You signed version/ })).toBeVisible();
}
