import { describe, it, expect } from "vitest";
import { londonToday, londonDateString, formatDate, formatDateTime, parseDateInput } from "@/lib/dates";

const utcMidnight = (d: string) => new Date(`${d}T00:00:00.000Z`);

describe("londonToday", () => {
  // 2026: clocks go forward at 01:00 UTC on Sunday 29 March and back at 01:00 UTC on Sunday 25 October.
  it.each([
    ["2026-01-15T23:30:00Z", "2026-01-15"], // winter: London = UTC
    ["2026-01-16T00:30:00Z", "2026-01-16"],
    ["2026-03-28T23:30:00Z", "2026-03-28"], // the night before the clocks change: still GMT
    ["2026-03-29T00:30:00Z", "2026-03-29"], // 00:30 GMT on the 29th
    ["2026-03-29T00:59:59Z", "2026-03-29"],
    ["2026-03-29T01:00:00Z", "2026-03-29"], // 02:00 BST
    ["2026-03-29T23:30:00Z", "2026-03-30"], // 00:30 BST on the 30th: UTC still says the 29th
    ["2026-06-30T23:30:00Z", "2026-07-01"], // summer: 23:30 UTC is already tomorrow in London
    ["2026-06-30T22:59:59Z", "2026-06-30"],
    ["2026-10-24T23:30:00Z", "2026-10-25"], // 00:30 BST on the 25th
    ["2026-10-25T00:59:59Z", "2026-10-25"], // 01:59:59 BST
    ["2026-10-25T01:00:00Z", "2026-10-25"], // 01:00 GMT, after the clocks went back
    ["2026-10-25T23:30:00Z", "2026-10-25"], // winter again
    ["2026-12-31T23:59:59Z", "2026-12-31"],
    ["2027-01-01T00:00:00Z", "2027-01-01"],
  ])("at %s the London date is %s", (instant, expected) => {
    const got = londonToday(new Date(instant));
    expect(got.toISOString()).toBe(`${expected}T00:00:00.000Z`);
    expect(londonDateString(new Date(instant))).toBe(expected);
  });

  it("defaults to now", () => {
    const before = londonDateString(new Date());
    const got = londonToday().toISOString().slice(0, 10);
    const after = londonDateString(new Date());
    expect([before, after]).toContain(got);
  });
});

describe("formatDate", () => {
  it("writes a calendar date in en-GB", () => {
    expect(formatDate(utcMidnight("2026-09-05"))).toBe("5 September 2026");
    expect(formatDate(utcMidnight("2027-01-31"))).toBe("31 January 2027");
  });

  it("does not shift a @db.Date value by the London offset in summer", () => {
    expect(formatDate(utcMidnight("2026-07-01"))).toBe("1 July 2026");
  });

  it("writes nothing for no date", () => {
    expect(formatDate(null)).toBe("");
    expect(formatDate(undefined)).toBe("");
  });
});

describe("formatDateTime", () => {
  it("shows an instant in London wall-clock time, BST in summer and GMT in winter", () => {
    expect(formatDateTime(new Date("2026-07-01T14:04:00Z"))).toMatch(/^1 July 2026(,| at) 15:04$/);
    expect(formatDateTime(new Date("2026-11-22T15:04:00Z"))).toMatch(/^22 November 2026(,| at) 15:04$/);
    expect(formatDateTime(new Date("2026-06-30T23:30:00Z"))).toMatch(/^1 July 2026(,| at) 00:30$/);
    expect(formatDateTime(null)).toBe("");
  });
});

describe("parseDateInput", () => {
  it("reads YYYY-MM-DD as UTC midnight", () => {
    expect(parseDateInput("2026-09-05")?.toISOString()).toBe("2026-09-05T00:00:00.000Z");
    expect(parseDateInput("2024-02-29")?.toISOString()).toBe("2024-02-29T00:00:00.000Z");
  });

  it.each([
    "2026-02-30",
    "2026-02-29", // not a leap year
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-01-00",
    "2026-9-5",
    "05/09/2026",
    "2026-09-05T00:00",
    " 2026-09-05",
    "",
    "tomorrow",
  ])("rejects %j", (value) => {
    expect(parseDateInput(value)).toBeNull();
  });
});
