// When each recurring check falls due, as pure functions over the school's term dates, tested as a table
// (tests/unit/equipment-checks.test.ts). A check is owed once per period (half term, term, month, year)
// for an item on loan during that period; it is due by the period's end and overdue after it.
import { CHECKS, type CheckKey } from "./kinds";

export type Term = { name: string; startDate: Date; endDate: Date; halfTermStart: Date | null; halfTermEnd: Date | null };
export type Period = { start: Date; end: Date };

const day = (s: string) => new Date(`${s}T00:00:00.000Z`);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

/**
 * A default England calendar (typical local-authority dates; every school edits its own). Terms run from the
 * first to the last teaching day; the half-term break sits inside each.
 */
export const DEFAULT_TERMS: readonly { name: string; start: string; end: string; halfStart: string; halfEnd: string }[] = [
  { name: "Autumn 2025", start: "2025-09-03", end: "2025-12-19", halfStart: "2025-10-27", halfEnd: "2025-10-31" },
  { name: "Spring 2026", start: "2026-01-05", end: "2026-03-27", halfStart: "2026-02-16", halfEnd: "2026-02-20" },
  { name: "Summer 2026", start: "2026-04-13", end: "2026-07-22", halfStart: "2026-05-25", halfEnd: "2026-05-29" },
  { name: "Autumn 2026", start: "2026-09-02", end: "2026-12-18", halfStart: "2026-10-26", halfEnd: "2026-10-30" },
  { name: "Spring 2027", start: "2027-01-04", end: "2027-03-26", halfStart: "2027-02-15", halfEnd: "2027-02-19" },
  { name: "Summer 2027", start: "2027-04-12", end: "2027-07-21", halfStart: "2027-05-31", halfEnd: "2027-06-04" },
];

export function defaultTerms(): Term[] {
  return DEFAULT_TERMS.map((t) => ({ name: t.name, startDate: day(t.start), endDate: day(t.end), halfTermStart: day(t.halfStart), halfTermEnd: day(t.halfEnd) }));
}

/** Half terms: each term split at its half-term break (a term without one is a single half). */
export function halfTerms(terms: readonly Term[]): Period[] {
  return [...terms]
    .sort((a, b) => a.startDate.getTime() - b.startDate.getTime())
    .flatMap((t) =>
      t.halfTermStart && t.halfTermEnd
        ? [{ start: t.startDate, end: addDays(t.halfTermStart, -1) }, { start: addDays(t.halfTermEnd, 1), end: t.endDate }]
        : [{ start: t.startDate, end: t.endDate }],
    );
}

function monthPeriod(d: Date): Period {
  const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  return { start, end: addDays(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)), -1) };
}

/** The school year (1 September to 31 August) containing a day. */
function yearPeriod(d: Date): Period {
  const y = d.getUTCMonth() >= 8 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
  return { start: new Date(Date.UTC(y, 8, 1)), end: new Date(Date.UTC(y + 1, 7, 31)) };
}

/** The periods of a check that have started by `today`, in order (calendar periods for months and years). */
export function periodsOf(check: CheckKey, terms: readonly Term[], from: Date, today: Date): Period[] {
  const every = CHECKS[check].every;
  if (every === "HALF_TERM" || every === "TERM") {
    const ps = every === "HALF_TERM" ? halfTerms(terms) : [...terms].sort((a, b) => a.startDate.getTime() - b.startDate.getTime()).map((t) => ({ start: t.startDate, end: t.endDate }));
    return ps.filter((p) => p.end >= from && p.start <= today);
  }
  const out: Period[] = [];
  let p = every === "MONTH" ? monthPeriod(from) : yearPeriod(from);
  while (p.start <= today) {
    out.push(p);
    p = every === "MONTH" ? monthPeriod(addDays(p.end, 1)) : yearPeriod(addDays(p.end, 1));
  }
  return out;
}

export type CheckState = { state: "done" | "due" | "overdue"; dueBy: Date; period: Period } | null;

/**
 * The state of one check for an item on loan since `onLoanFrom`: overdue if any ended period since the loan
 * began has no check in it; otherwise due (by the current period's end) unless done in the current period.
 * Null when no period has begun (e.g. during the summer holiday for term checks).
 */
export function checkState(input: { check: CheckKey; terms: readonly Term[]; onLoanFrom: Date; doneAt: readonly Date[]; today: Date }): CheckState {
  const periods = periodsOf(input.check, input.terms, input.onLoanFrom, input.today);
  if (periods.length === 0) return null;
  const doneIn = (p: Period) => input.doneAt.some((d) => d >= p.start && d < addDays(p.end, 1));
  // The year's confirmation is asked once a year: a loan made this year needs none until the next.
  const owed = CHECKS[input.check].every === "YEAR" ? periods.filter((p) => p.start > input.onLoanFrom) : periods;
  // Overdue when the last period that has ended had no check in it, and none has been made since.
  const last = owed.filter((p) => p.end < input.today).at(-1);
  if (last && !input.doneAt.some((d) => d >= last.start)) return { state: "overdue", dueBy: last.end, period: last };
  const current = owed.find((p) => p.start <= input.today && p.end >= input.today);
  if (!current) return null;
  return { state: doneIn(current) ? "done" : "due", dueBy: current.end, period: current };
}
