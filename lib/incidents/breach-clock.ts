// UK GDPR art. 33: a breach is reported to the ICO within 72 hours of becoming aware of it. The 72
// hours are elapsed time, so across the October clock change the deadline's wall-clock hour moves by
// one; labels are London time.
import { LONDON } from "@/lib/dates";

export const BREACH_HOURS = 72;
const HOUR_MS = 60 * 60_000;

export function breachDeadline(awareAt: Date): Date {
  return new Date(awareAt.getTime() + BREACH_HOURS * HOUR_MS);
}

const LABEL = new Intl.DateTimeFormat("en-GB", {
  timeZone: LONDON, weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short",
});

export type BreachTimeLeft = {
  deadline: Date;
  overdue: boolean;
  /** Whole hours and minutes left (or, when overdue, past the deadline). */
  hours: number;
  minutes: number;
  /** e.g. "Tuesday 27 October 2026 at 09:00 GMT". */
  deadlineLabel: string;
};

export function breachTimeLeft(awareAt: Date, now: Date): BreachTimeLeft {
  const deadline = breachDeadline(awareAt);
  const diff = deadline.getTime() - now.getTime();
  const totalMinutes = Math.floor(Math.abs(diff) / 60_000);
  return {
    deadline,
    overdue: diff < 0,
    hours: Math.floor(totalMinutes / 60),
    minutes: totalMinutes % 60,
    deadlineLabel: londonLabel(deadline),
  };
}

function londonLabel(instant: Date): string {
  const p = Object.fromEntries(LABEL.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.weekday} ${p.day} ${p.month} ${p.year} at ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** "2 days 5 hours left" / "3 hours 10 minutes overdue", for the clock on the page and in the register. */
export function describeTimeLeft(t: BreachTimeLeft): string {
  const days = Math.floor(t.hours / 24);
  const hours = t.hours % 24;
  const parts = days > 0
    ? [plural(days, "day"), plural(hours, "hour")]
    : t.hours > 0 ? [plural(t.hours, "hour"), plural(t.minutes, "minute")] : [plural(t.minutes, "minute")];
  return `${parts.join(" ")} ${t.overdue ? "overdue" : "left"}`;
}

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Whole hours since awareness: the reminders go at 24 and 48. */
export function hoursSinceAware(awareAt: Date, now: Date): number {
  return Math.floor((now.getTime() - awareAt.getTime()) / HOUR_MS);
}

const WALL = new Intl.DateTimeFormat("en-GB", {
  timeZone: LONDON, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
});

function wallClock(instant: Date): string {
  const p = Object.fromEntries(WALL.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/**
 * A datetime-local value ("2026-10-25T01:30"), read as London time, to an instant. The hour that
 * happens twice in October is read as the first (BST) one, which starts the breach clock earlier;
 * the hour that never happens in March is null.
 */
export function parseLondonDateTime(value: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,3})?)?$/.exec(value);
  if (!m) return null;
  const asUtc = new Date(`${m[1]}T${m[2]}:${m[3]}:00.000Z`);
  if (Number.isNaN(asUtc.getTime())) return null;
  const wanted = `${m[1]}T${m[2]}:${m[3]}`;
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(asUtc.getTime() - offsetHours * HOUR_MS);
    if (wallClock(candidate) === wanted) return candidate;
  }
  return null;
}

/** An instant as a datetime-local value in London time (to fill a form field). */
export function toLondonDateTimeInput(instant: Date): string {
  return wallClock(instant);
}
