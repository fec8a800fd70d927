// Dates are shown in en-GB for Europe/London; instants are stored in UTC.
export const LONDON = "Europe/London";

/** Today's calendar date in London, as a UTC-midnight Date (how Prisma represents @db.Date). */
export function londonToday(now = new Date()): Date {
  return new Date(`${londonDateString(now)}T00:00:00.000Z`);
}

/** YYYY-MM-DD for the London calendar day of an instant. */
// Building a formatter costs ~50 µs; coverage asks for thousands of London days, so keep one.
const LONDON_DAY = new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, year: "numeric", month: "2-digit", day: "2-digit" });

export function londonDateString(instant: Date): string {
  const parts = LONDON_DAY.formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

// Kept for the same reason: a trust's governors' summary writes a few hundred dates (bench/README.md).
const DATE = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
const DATE_TIME = new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });

/** A calendar date (a @db.Date value) as "5 September 2026". */
export function formatDate(date: Date | null | undefined): string {
  if (!date) return "";
  return DATE.format(date);
}

/** An instant as London wall-clock time, e.g. "22 November 2026, 15:04". */
export function formatDateTime(instant: Date | null | undefined): string {
  if (!instant) return "";
  return DATE_TIME.format(instant);
}

/** Parses "YYYY-MM-DD" from a date field into a UTC-midnight Date, or null. */
export function parseDateInput(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const d = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? null : d;
}
