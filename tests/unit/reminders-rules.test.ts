import { describe, it, expect } from "vitest";
import { reminderDecision, quietDayReason } from "@/lib/reminders/rules";
import { reminderMail, escalationMail } from "@/lib/reminders/mail";

const day = (ymd: string) => new Date(`${ymd}T00:00:00.000Z`);
const base = { since: day("2026-03-02"), firstReminderDays: 7, remindersSent: 0, lastRemindedOn: null, escalated: false };

describe("reminderDecision", () => {
  it("waits for the first-reminder days", () => {
    expect(reminderDecision(day("2026-03-08"), base)).toEqual({ remind: false, escalate: false });
    expect(reminderDecision(day("2026-03-09"), base)).toEqual({ remind: true, escalate: false });
  });

  it("then reminds weekly", () => {
    const after = { ...base, remindersSent: 1, lastRemindedOn: day("2026-03-09") };
    expect(reminderDecision(day("2026-03-15"), after).remind).toBe(false);
    expect(reminderDecision(day("2026-03-16"), after).remind).toBe(true);
    // A reminder pushed back by a holiday is followed a week after it was sent.
    expect(reminderDecision(day("2026-03-23"), { ...after, lastRemindedOn: day("2026-03-17") }).remind).toBe(false);
  });

  it("escalates when a reminder falls due after three, once", () => {
    const three = { ...base, remindersSent: 3, lastRemindedOn: day("2026-03-23") };
    expect(reminderDecision(day("2026-03-30"), three)).toEqual({ remind: true, escalate: true });
    expect(reminderDecision(day("2026-03-30"), { ...three, escalated: true })).toEqual({ remind: true, escalate: false });
    expect(reminderDecision(day("2026-03-30"), { ...three, remindersSent: 2 })).toEqual({ remind: true, escalate: false });
  });
});

describe("quietDayReason", () => {
  it("weekends and the school's holidays", () => {
    const holidays = new Set(["2026-03-16"]);
    expect(quietDayReason(day("2026-03-14"), holidays)).toBe("weekend");
    expect(quietDayReason(day("2026-03-15"), holidays)).toBe("weekend");
    expect(quietDayReason(day("2026-03-16"), holidays)).toBe("holiday");
    expect(quietDayReason(day("2026-03-17"), holidays)).toBeNull();
  });
});

describe("emails", () => {
  it("a reminder carries the link and no policy text", () => {
    const m = reminderMail({
      to: { name: "Ann Lee", email: "ann@school.example" },
      schoolName: "Oak School",
      policyTitle: "Staff AUP",
      versionNumber: 2,
      dueOn: day("2026-03-16"),
      overdue: true,
      link: "https://app.example/s/oak/policies/p1/sign",
    });
    expect(m).toMatchObject({ to: "ann@school.example", subject: 'Reminder: please read and sign "Staff AUP"' });
    expect(m.text).toContain("https://app.example/s/oak/policies/p1/sign");
    expect(m.text).toContain("It was due on 16 March 2026.");
  });

  it("an escalation names the person to the Head", () => {
    const m = escalationMail({
      to: { name: "Helen Head", email: "head@school.example" },
      schoolName: "Oak School",
      person: { name: "Ann Lee" },
      policyTitle: "Staff AUP",
      versionNumber: 2,
      dueOn: day("2026-03-16"),
      remindersSent: 4,
      link: "https://app.example/s/oak/policies/p1/coverage",
      recipientRole: "the Headteacher",
    });
    expect(m.text).toContain("Ann Lee has not yet signed");
    expect(m.text).toContain("as the Headteacher");
  });
});
