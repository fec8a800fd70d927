import { describe, it, expect } from "vitest";
import { breachDeadline, breachTimeLeft, describeTimeLeft, parseLondonDateTime, toLondonDateTimeInput, hoursSinceAware } from "@/lib/incidents/breach-clock";

const at = (iso: string) => new Date(iso);

describe("breach clock", () => {
  it.each([
    // aware (London wall clock as typed)   aware in UTC                  deadline in UTC               deadline label
    { name: "summer", local: "2026-07-01T09:00", utc: "2026-07-01T08:00:00.000Z", deadline: "2026-07-04T08:00:00.000Z", label: "Saturday 4 July 2026 at 09:00 BST" },
    { name: "winter", local: "2026-01-12T14:30", utc: "2026-01-12T14:30:00.000Z", deadline: "2026-01-15T14:30:00.000Z", label: "Thursday 15 January 2026 at 14:30 GMT" },
    // Clocks go back at 02:00 BST on Sunday 25 October 2026: 72 elapsed hours end an hour earlier on the wall clock.
    { name: "across the October change", local: "2026-10-24T10:00", utc: "2026-10-24T09:00:00.000Z", deadline: "2026-10-27T09:00:00.000Z", label: "Tuesday 27 October 2026 at 09:00 GMT" },
    // 01:30 happens twice that night: the first (BST) one is taken, starting the clock earlier.
    { name: "in the repeated hour", local: "2026-10-25T01:30", utc: "2026-10-25T00:30:00.000Z", deadline: "2026-10-28T00:30:00.000Z", label: "Wednesday 28 October 2026 at 00:30 GMT" },
    // Clocks go forward at 01:00 GMT on Sunday 29 March 2026.
    { name: "across the March change", local: "2026-03-28T10:00", utc: "2026-03-28T10:00:00.000Z", deadline: "2026-03-31T10:00:00.000Z", label: "Tuesday 31 March 2026 at 11:00 BST" },
  ])("$name: deadline 72 hours after awareness, shown in UK time", (c) => {
    const aware = parseLondonDateTime(c.local)!;
    expect(aware.toISOString()).toBe(c.utc);
    expect(breachDeadline(aware).toISOString()).toBe(c.deadline);
    expect(breachTimeLeft(aware, aware).deadlineLabel).toBe(c.label);
  });

  it("counts the time left in elapsed hours across the October change", () => {
    const aware = at("2026-10-24T09:00:00Z"); // 10:00 BST
    const now = at("2026-10-25T12:00:00Z"); // 12:00 GMT, 27 elapsed hours later (28 on the wall clock)
    const t = breachTimeLeft(aware, now);
    expect(t).toMatchObject({ overdue: false, hours: 45, minutes: 0 });
    expect(describeTimeLeft(t)).toBe("1 day 21 hours left");
    expect(hoursSinceAware(aware, now)).toBe(27);
  });

  it("says how long overdue after 72 hours", () => {
    const t = breachTimeLeft(at("2026-01-12T14:30:00Z"), at("2026-01-15T17:45:00Z"));
    expect(t).toMatchObject({ overdue: true, hours: 3, minutes: 15 });
    expect(describeTimeLeft(t)).toBe("3 hours 15 minutes overdue");
    expect(describeTimeLeft(breachTimeLeft(at("2026-01-12T14:30:00Z"), at("2026-01-15T14:00:00Z")))).toBe("30 minutes left");
  });

  it.each(["2026-03-29T01:30", "2026-02-30T10:00", "not a date", "2026-10-25"])("refuses %s", (v) => {
    expect(parseLondonDateTime(v)).toBeNull();
  });

  it("fills a form field in London time", () => {
    expect(toLondonDateTimeInput(at("2026-10-25T00:30:00Z"))).toBe("2026-10-25T01:30");
    expect(toLondonDateTimeInput(at("2026-10-25T01:30:00Z"))).toBe("2026-10-25T01:30");
    expect(toLondonDateTimeInput(at("2026-12-01T09:05:00Z"))).toBe("2026-12-01T09:05");
  });
});
