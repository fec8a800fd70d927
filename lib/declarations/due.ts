import { londonDateString } from "@/lib/dates";

// Pure date rules for "who must sign by when". Dates are London calendar days held as UTC-midnight
// Dates, the way Prisma returns @db.Date columns.

export type ObligationState = "signed" | "outstanding" | "overdue";

const DAY = 86_400_000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY);
}

/** Whole calendar days from a to b (b - a). */
export function daysBetween(a: Date, b: Date): number {
  return Math.round((b.getTime() - a.getTime()) / DAY);
}

/** The London calendar day of an instant (e.g. publication), as a UTC-midnight Date. */
export function londonDay(instant: Date): Date {
  return new Date(`${londonDateString(instant)}T00:00:00.000Z`);
}

/** From when a person owes a declaration: publication of the version, or their start date if later. */
export function obligationStart(publishedAt: Date, startDate: Date): Date {
  const published = londonDay(publishedAt);
  return startDate > published ? startDate : published;
}

export function dueOn(publishedAt: Date, startDate: Date, dueDays: number): Date {
  return addDays(obligationStart(publishedAt, startDate), dueDays);
}

/** Due on the due date itself is still on time; overdue from the day after. */
export function obligationState(signed: boolean, due: Date, today: Date): ObligationState {
  if (signed) return "signed";
  return today > due ? "overdue" : "outstanding";
}

/** Saturday or Sunday, for a UTC-midnight calendar date. */
export function isWeekend(day: Date): boolean {
  const d = day.getUTCDay();
  return d === 0 || d === 6;
}
