import { londonToday, formatDate } from "@/lib/dates";

// The period a governors' summary covers. Terms are data, fixed calendar spans rather than a school's own
// term dates, so every school of a trust reports on the same months and a report read in the holidays
// still belongs to a term (docs/decisions/0020-governance-summaries.md): autumn 1 September–31 December,
// spring 1 January–31 March (Easter moves; the quarter does not), summer 1 April–31 August. The academic
// year runs 1 September–31 August. Dates are London calendar days held as UTC-midnight Dates; `to` is the
// day after the last day, so every comparison is `>= from AND < to`.

export const TERMS = [
  { key: "autumn", name: "Autumn term", start: { month: 9, day: 1 }, end: { month: 12, day: 31 } },
  { key: "spring", name: "Spring term", start: { month: 1, day: 1 }, end: { month: 3, day: 31 } },
  { key: "summer", name: "Summer term", start: { month: 4, day: 1 }, end: { month: 8, day: 31 } },
] as const;

export type PeriodKind = "term" | "year" | "range";
export type Period = { kind: PeriodKind; from: Date; to: Date; label: string };

const DAY = 86_400_000;
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** Which term a London calendar day falls in, with its first day and the day after its last. */
export function termOf(day: Date): { name: string; from: Date; to: Date } {
  const y = day.getUTCFullYear();
  const m = day.getUTCMonth() + 1;
  const t = TERMS.find((t) => m >= t.start.month && m <= t.end.month)!;
  return { name: `${t.name} ${y}`, from: utc(y, t.start.month, t.start.day), to: new Date(utc(y, t.end.month, t.end.day).getTime() + DAY) };
}

/** The academic year (1 September to 31 August) a day falls in. */
export function academicYearOf(day: Date): { name: string; from: Date; to: Date } {
  const start = day.getUTCMonth() + 1 >= 9 ? day.getUTCFullYear() : day.getUTCFullYear() - 1;
  return { name: `Academic year ${start} to ${start + 1}`, from: utc(start, 9, 1), to: utc(start + 1, 9, 1) };
}

/** The last day of a period (its `to` is exclusive), for saying it in words. */
export const lastDay = (p: { to: Date }) => new Date(p.to.getTime() - DAY);

export function rangeLabel(from: Date, to: Date): string {
  return `${formatDate(from)} to ${formatDate(lastDay({ to }))}`;
}

export function thisTerm(today = londonToday()): Period {
  const t = termOf(today);
  return { kind: "term", from: t.from, to: t.to, label: `${t.name} (${rangeLabel(t.from, t.to)})` };
}

export function thisYear(today = londonToday()): Period {
  const y = academicYearOf(today);
  return { kind: "year", from: y.from, to: y.to, label: `${y.name} (${rangeLabel(y.from, y.to)})` };
}

/** A chosen range, first and last day included. */
export function chosenRange(first: Date, last: Date): Period {
  const to = new Date(last.getTime() + DAY);
  return { kind: "range", from: first, to, label: rangeLabel(first, to) };
}

/** The instant London's calendar day begins (midnight in Europe/London, an hour earlier in UTC in summer). */
const londonHour = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", hourCycle: "h23" });
export function londonMidnight(day: Date): Date {
  const hour = Number(londonHour.format(day));
  // At UTC midnight London reads 00:00 (GMT) or 01:00 (BST); the clocks never change at midnight.
  return new Date(day.getTime() - hour * 3_600_000);
}

/** The period as instants, for timestamps (incidents, losses): London midnight to London midnight. */
export function instantsOf(p: Pick<Period, "from" | "to">): { from: Date; to: Date } {
  return { from: londonMidnight(p.from), to: londonMidnight(p.to) };
}
