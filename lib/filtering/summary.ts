import "server-only";
import type { Tx } from "@/lib/db";
import { londonToday } from "@/lib/dates";
import { REVIEW_SOON_DAYS } from "./rules";

export type FilteringSummary = {
  schoolId: string;
  /** Changes requested in the period (from inclusive, to exclusive). */
  changes: number;
  /** Made on the filter and waiting for the DSL to confirm them, now. */
  awaitingConfirmation: number;
  /** Changes in place whose review date is today or within the next 30 days (London). */
  reviewsDue: number;
  /** Changes in place whose review date has passed without a review. */
  reviewsOverdue: number;
  /** The DSL's filtering checks made in the period (by the date of the check). */
  checks: number;
  lastAnnualReview: Date | null;
  nextAnnualReviewDue: Date | null;
};

/**
 * Figures per school for the governors' summary: grouped queries over all the schools at once, never one
 * query per school. Run it on a transaction that can see these schools (the owner's connection, or a scope
 * per school: under ict_app with one school set, row-level security hides the others and they count 0).
 */
export async function filteringSummary(tx: Tx, schoolIds: string[], from: Date, to: Date, now: Date): Promise<FilteringSummary[]> {
  if (schoolIds.length === 0) return [];
  const today = londonToday(now);
  const soon = new Date(today.getTime() + REVIEW_SOON_DAYS * 86_400_000);
  const inSchools = { schoolId: { in: schoolIds } };
  const [changes, awaiting, due, overdue, checks, reviews] = await Promise.all([
    tx.filteringChange.groupBy({ by: ["schoolId"], where: { ...inSchools, createdAt: { gte: from, lt: to } }, _count: { _all: true } }),
    tx.filteringChange.groupBy({ by: ["schoolId"], where: { ...inSchools, status: "MADE" }, _count: { _all: true } }),
    tx.filteringChange.groupBy({ by: ["schoolId"], where: { ...inSchools, status: "CONFIRMED", reviewOn: { gte: today, lte: soon } }, _count: { _all: true } }),
    tx.filteringChange.groupBy({ by: ["schoolId"], where: { ...inSchools, status: "CONFIRMED", reviewOn: { lt: today } }, _count: { _all: true } }),
    tx.filteringCheck.groupBy({ by: ["schoolId"], where: { ...inSchools, checkedOn: { gte: londonToday(from), lt: londonToday(to) } }, _count: { _all: true } }),
    // The latest review on or before today in each school, and the next review date it set.
    tx.$queryRaw<{ schoolId: string; reviewedOn: Date; nextReviewOn: Date }[]>`
      SELECT DISTINCT ON ("schoolId") "schoolId", "reviewedOn", "nextReviewOn" FROM "FilteringAnnualReview"
      WHERE "schoolId" = ANY(${schoolIds}) AND "reviewedOn" <= ${today}
      ORDER BY "schoolId", "reviewedOn" DESC, "createdAt" DESC`,
  ]);
  const count = (rows: { schoolId: string; _count: { _all: number } }[]) => new Map(rows.map((r) => [r.schoolId, r._count._all]));
  const [c, a, d, o, k] = [changes, awaiting, due, overdue, checks].map(count);
  const r = new Map(reviews.map((x) => [x.schoolId, x]));
  return schoolIds.map((schoolId) => ({
    schoolId,
    changes: c.get(schoolId) ?? 0,
    awaitingConfirmation: a.get(schoolId) ?? 0,
    reviewsDue: d.get(schoolId) ?? 0,
    reviewsOverdue: o.get(schoolId) ?? 0,
    checks: k.get(schoolId) ?? 0,
    lastAnnualReview: r.get(schoolId)?.reviewedOn ?? null,
    nextAnnualReviewDue: r.get(schoolId)?.nextReviewOn ?? null,
  }));
}
