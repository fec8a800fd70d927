// The demo as `npm start` runs it on the embedded database (PGLITE=1, DEMO_MODE=1, no SMTP): the
// Playwright project "demo" against its own server (playwright.config.ts).
import { test, expect } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../support/accounts";

test("a sign-in link asked for on the sign-in page appears in /dev/mailbox and signs the person in", async ({ page }) => {
  // Several pages, a sign-in and a PDF: more than the default 30 s on a busy shared machine.
  test.setTimeout(120_000);
  const who = DEMO_ACCOUNTS.teacher;
  await page.goto("/dev/mailbox");
  await expect(page.getByRole("heading", { name: "Development mailbox" })).toBeVisible();

  await page.goto("/signin");
  await page.getByLabel("Email address for a sign-in link").fill(who.email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status").filter({ hasText: /sign-in link is on its way/i })).toBeVisible();

  // Rendered per request (not at build time): the new mail is there, possibly after a moment.
  // Only the sign-in link: the demo's daily jobs may have mailed the same person a reminder meanwhile.
  const mail = page.getByRole("listitem").filter({ hasText: `To ${who.email}` }).filter({ hasText: "/magic?token=" }).first();
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(mail).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  const text = await mail.locator("pre").innerText();
  const link = /https?:\/\/\S+\/magic\?token=\S+/.exec(text)?.[0];
  expect(link, text).toBeTruthy();

  await page.goto(link!);
  await page.getByRole("button", { name: "Continue to sign in" }).click();
  await expect(page).not.toHaveURL(/\/magic/);
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session.user.email).toBe(who.email);
});

test("the mailbox answers 404 to a request that reaches the demo from the network", async ({ request, baseURL }) => {
  // This machine's own non-loopback address: the TCP peer is then that address, not 127.0.0.1.
  const { networkInterfaces } = await import("node:os");
  const external = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && !a.internal && a.family === "IPv4");
  expect(external, "this test needs a network interface besides loopback").toBeTruthy();
  const port = new URL(baseURL!).port;
  const fromNetwork = await request.get(`http://${external!.address}:${port}/dev/mailbox`, { headers: { "X-Forwarded-For": "127.0.0.1" } });
  expect(fromNetwork.status()).toBe(404);
  expect(await fromNetwork.text()).not.toContain("magic?token=");
  const fromHere = await request.get("/dev/mailbox");
  expect(fromHere.status()).toBe(200);
});
