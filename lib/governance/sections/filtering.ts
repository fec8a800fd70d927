import "server-only";
import type { Reader } from "./db";

// Being built on another branch; until it is merged this returns null and the page says "Not in use yet in
// this school". Wiring it is a few lines: import the summary function below and return what it returns.

/**
 * Filtering changes and reviews, and the last annual filtering and monitoring review (DfE standards, seed 002).
 * Contract: `filteringSummary(tx, schoolIds, from, to, now) → { schoolId, changes, awaitingConfirmation, reviewsDue,
 * reviewsOverdue, checks, lastAnnualReview, nextAnnualReviewDue }[]` in lib/filtering/summary.ts.
 */
export type FilteringRow = {
  schoolId: string;
  changes: number;
  awaitingConfirmation: number;
  reviewsDue: number;
  reviewsOverdue: number;
  checks: number;
  lastAnnualReview: Date | null;
  nextAnnualReviewDue: Date | null;
};
export async function filteringSection(_tx: Reader, _schoolIds: readonly string[], _from: Date, _to: Date, _now: Date): Promise<FilteringRow[] | null> {
  return null;
}
