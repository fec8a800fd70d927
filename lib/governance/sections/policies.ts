import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { appliesCte, type Reader } from "./db";

// Policies: each policy's current (latest published) version in each school, with its review date and who
// approved it and when, as written on the version (seed 000's front page: approved by, on, review due).

/** A review falling due within this many days is "due soon"; after the date it is "overdue". */
export const REVIEW_SOON_DAYS = 60;

export type PolicyReviewRow = {
  schoolId: string;
  policyId: string;
  title: string;
  scope: "school" | "organisation";
  approvedBy: string | null;
  approvedOn: Date | null;
  publishedAt: Date;
  reviewDue: Date | null;
  review: "overdue" | "due" | "ok" | "none";
};

export async function policySection(tx: Reader, schoolIds: readonly string[], today: Date): Promise<PolicyReviewRow[]> {
  if (schoolIds.length === 0) return [];
  const rows = await tx.$queryRaw<Omit<PolicyReviewRow, "review">[]>(Prisma.sql`
    WITH ${appliesCte(schoolIds)}
    SELECT "schoolId", "policyId", title, CASE WHEN "ownSchoolId" IS NULL THEN 'organisation' ELSE 'school' END AS scope,
           "approvedBy", "approvedOn", "publishedAt", "reviewDue"
    FROM applies ORDER BY "schoolId", title`);
  const soon = new Date(today.getTime() + REVIEW_SOON_DAYS * 86_400_000);
  return rows.map((r) => ({
    ...r,
    review: r.reviewDue === null ? "none" : r.reviewDue < today ? "overdue" : r.reviewDue <= soon ? "due" : "ok",
  }));
}
