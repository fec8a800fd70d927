import { test, expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { waitForMail } from "./support/mail";
import { signThroughInductionGate } from "./support/policies";
import { signIn } from "./support/auth";

const school = DEMO_ACCOUNTS.teacher.school;
const teacher = DEMO_ACCOUNTS.teacher;
const head = DEMO_ACCOUNTS.headteacher;

/** "YYYY-MM-DD", `days` from today in London, as a date field takes it. */
function londonDay(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

test("a teacher asks to take a camera on a trip, on a phone; the Head approves it with conditions; the teacher sees the decision", async ({ browser }) => {
  test.setTimeout(240_000);
  const destination = `Eden Project, Cornwall (${Date.now() % 100000})`;

  // The teacher, on a phone.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "en-GB", timezoneId: "Europe/London" });
  const t = await phone.newPage();
  await signIn(t, "teacher");
  await signThroughInductionGate(t, teacher.name);
  await t.goto(`/s/${school}/requests`);
  await expect(t.getByRole("heading", { level: 1, name: "My requests" })).toBeVisible();
  await t.getByRole("link", { name: "Make a request" }).click();
  await t.getByLabel("What are you asking for?").selectOption({ label: "Taking a school camera off site" });
  // The form changes with the kind: the camera's own questions, checked before anything is sent.
  await t.getByRole("button", { name: "Ask for permission" }).click();
  await expect(t.getByText('Answer "Where are you going?"')).toBeVisible();
  await t.getByLabel("Where are you going?").fill(destination);
  await t.getByLabel("Leaving on").fill(londonDay(10));
  await t.getByLabel("Back on").fill(londonDay(11));
  await t.getByLabel("What is it for?").fill("Photographs of the class at the biomes for their topic books.");
  const askedAt = new Date();
  await t.getByRole("button", { name: "Ask for permission" }).click();
  await expect(t.getByRole("heading", { level: 1, name: "Taking a school camera off site" })).toBeVisible();
  await expect(t.getByText("Awaiting a decision", { exact: true })).toBeVisible();
  await expect(t.getByText(destination)).toBeVisible();
  const requestUrl = t.url();
  // Nothing on the page is wider than the phone.
  expect(await t.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // The Head is emailed a link, and nothing else.
  const toHead = await waitForMail(head.email, { since: askedAt });
  expect(toHead.subject).toContain("a request needs your decision");
  expect(toHead.text).toContain(requestUrl.replace(/^https?:\/\/[^/]+/, ""));
  expect(toHead.text).not.toContain("Eden");

  // The Head finds it in the queue and approves it with conditions and an end date.
  const desk = await browser.newContext({ locale: "en-GB", timezoneId: "Europe/London" });
  const h = await desk.newPage();
  await signIn(h, "headteacher");
  await signThroughInductionGate(h, head.name);
  await h.goto(`/s/${school}/requests/queue`);
  const row = h.getByRole("row").filter({ hasText: teacher.name }).filter({ hasText: "Taking a school camera off site" }).last();
  await row.getByRole("link", { name: "Taking a school camera off site" }).click();
  await expect(h.getByText(destination)).toBeVisible();
  await expect(h.getByLabel("Permission ends on")).toHaveValue(londonDay(11));
  await h.getByLabel("Conditions (optional)").fill("Use school camera CAM-01 only. Upload the photographs and delete them from the card the day you return.");
  const decidedAt = new Date();
  await h.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(h.getByTestId("decision")).toContainText(`Approved by ${head.name}`);
  await expect(h.getByText("The request today matches what was decided.")).toBeVisible();

  // The teacher is emailed, and sees the decision with its conditions and end date.
  const toTeacher = await waitForMail(teacher.email, { since: decidedAt });
  expect(toTeacher.subject).toContain("your request has an answer");
  await t.goto(requestUrl);
  await expect(t.getByText("Approved", { exact: true }).first()).toBeVisible();
  const decision = t.getByTestId("decision");
  await expect(decision).toContainText(`Approved by ${head.name}`);
  await expect(decision).toContainText("Use school camera CAM-01 only.");
  await expect(decision).toContainText("Ends on");
  await expect(t.getByText(/SHA-256 [0-9a-f]{64}/).first()).toBeVisible();
  // No decision buttons for the person who asked.
  await expect(t.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);
  await phone.close();
  await desk.close();
});
