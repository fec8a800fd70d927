import { describe, it, expect } from "vitest";
import { samePersonRefusal, reviewState, remindToday, NEXT_STEPS, type Step } from "@/lib/filtering/rules";
import type { FilteringStatus } from "@/generated/prisma/enums";

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);
const people = { requestedById: "req", authorisedById: "auth", madeById: "tech", confirmedById: null };

describe("three different people", () => {
  const cases: [Step, string, boolean][] = [
    ["authorise", "req", true],
    ["authorise", "auth", false],
    ["authorise", "dsl", false],
    ["confirm", "req", true],
    ["confirm", "auth", true],
    ["confirm", "tech", true],
    ["confirm", "dsl", false],
    ["make", "req", false],
    ["make", "auth", false],
  ];
  it.each(cases)("%s by %s refused: %s", (step, person, refused) => {
    expect(samePersonRefusal(step, people, person) !== null).toBe(refused);
  });
});

describe("review state on a day", () => {
  const today = d("2026-12-02");
  const cases: [string, FilteringStatus, boolean, string | null, string, string | null][] = [
    ["in place, review in 31 days", "CONFIRMED", false, null, "2027-01-02", null],
    ["in place, review in 30 days", "CONFIRMED", false, null, "2027-01-01", "review-soon"],
    ["in place, review today", "CONFIRMED", false, null, "2026-12-02", "review-due"],
    ["in place, review yesterday", "CONFIRMED", false, null, "2026-12-01", "review-overdue"],
    ["temporary, ended yesterday", "CONFIRMED", true, "2026-12-01", "2026-11-30", "revert-due"],
    ["temporary, ends today", "CONFIRMED", true, "2026-12-02", "2026-12-20", "review-soon"],
    ["a review said revert", "REVERT_DUE", false, null, "2026-12-20", "revert-due"],
    ["awaiting confirmation, review passed", "MADE", false, null, "2026-11-01", null],
    ["reverted", "REVERTED", true, "2026-11-01", "2026-11-01", null],
  ];
  it.each(cases)("%s", (_name, status, temporary, endsOn, reviewOn, expected) => {
    expect(reviewState({ status, temporary, endsOn: endsOn ? d(endsOn) : null, reviewOn: d(reviewOn) }, today)).toBe(expected);
  });
});

describe("reminders on the review date, then weekly", () => {
  it.each([
    ["2026-12-01", false], ["2026-12-02", true], ["2026-12-03", false], ["2026-12-08", false], ["2026-12-09", true], ["2026-12-16", true],
  ] as const)("on %s: %s", (day, expected) => {
    expect(remindToday(d("2026-12-02"), d(day))).toBe(expected);
  });
});

describe("steps by status", () => {
  it("only a change in place is reviewed, and only requested changes are authorised", () => {
    expect(Object.entries(NEXT_STEPS).filter(([, s]) => s.includes("review")).map(([k]) => k)).toEqual(["CONFIRMED"]);
    expect(Object.entries(NEXT_STEPS).filter(([, s]) => s.includes("authorise")).map(([k]) => k)).toEqual(["REQUESTED"]);
    expect(NEXT_STEPS.REFUSED).toEqual([]);
    expect(NEXT_STEPS.REVERTED).toEqual([]);
  });
});
