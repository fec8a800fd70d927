// For the journeys that sign several people in, each in a browser of their own (incidents, monitoring).
import { expect as baseExpect, type Browser, type Page } from "@playwright/test";
import type { DemoAccountKey } from "./accounts";
import { signIn } from "./auth";

// The shared machine is slow under load (a sign-in with argon2 and the first page can take 20 s):
// wait longer than the default 10 s for each expectation, without changing what is expected.
export const expect = baseExpect.configure({ timeout: 45_000 });

/** Screenshots for looking at the pages (E2E_SCREENSHOTS=dir); nothing is asserted on them. */
export async function shot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** A signed-in page in a browser of its own: a phone (375 px wide unless told) or a desktop. */
export async function as(browser: Browser, who: DemoAccountKey, phone = false, phoneWidth = 375): Promise<Page> {
  const context = await browser.newContext(
    phone ? { viewport: { width: phoneWidth, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : { viewport: { width: 1280, height: 900 } },
  );
  const page = await context.newPage();
  await signIn(page, who);
  return page;
}

/** Nothing wider than the screen: a phone never scrolls sideways (tables scroll inside their own box). */
export async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(widths.doc).toBeLessThanOrEqual(widths.view);
}
