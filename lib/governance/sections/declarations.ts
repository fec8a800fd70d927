import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { StaffGroup } from "@/generated/prisma/enums";
import { appliesCte, idList, type Reader } from "./db";

// Declarations: for the latest published version of every policy that applies in each school, how many of
// its audience (active members today) have signed, are still within their due days, or are overdue, by
// staff group; and the new starters of the period on induction policies (signed by their due date or not).
// The same rules as lib/declarations/due.ts (due = the later of publication and start date, plus the
// policy's due days; overdue from the day after), in one grouped statement for any number of schools.

export type DeclarationRow = {
  schoolId: string;
  policyId: string;
  title: string;
  staffGroup: StaffGroup;
  signed: number;
  outstanding: number;
  overdue: number;
  total: number;
  starters: number;
  startersSignedByDue: number;
};

export async function declarationSection(tx: Reader, schoolIds: readonly string[], from: Date, to: Date, today: Date): Promise<DeclarationRow[]> {
  if (schoolIds.length === 0) return [];
  return tx.$queryRaw<DeclarationRow[]>(Prisma.sql`
    WITH ${appliesCte(schoolIds)},
    owed AS (
      SELECT a."schoolId", a."policyId", a.title, a."inductionRequired", m."staffGroup", m."startDate", d."signedAt",
             GREATEST((a."publishedAt" AT TIME ZONE 'Europe/London')::date, m."startDate") + a."dueDays" AS due
      FROM applies a
      JOIN "Membership" m ON m."schoolId" = a."schoolId" AND m."staffGroup" = ANY (a.audience)
        AND m."startDate" <= ${today}::date AND (m."endDate" IS NULL OR m."endDate" >= ${today}::date)
      JOIN "Person" pe ON pe.id = m."personId" AND pe.status = 'ACTIVE'
      LEFT JOIN "Declaration" d ON d."schoolId" = a."schoolId" AND d."personId" = m."personId" AND d."policyVersionId" = a."versionId"
      WHERE m."schoolId" IN (${idList(schoolIds)})
    )
    SELECT "schoolId", "policyId", title, "staffGroup",
           count(*) FILTER (WHERE "signedAt" IS NOT NULL)::int AS signed,
           count(*) FILTER (WHERE "signedAt" IS NULL AND ${today}::date <= due)::int AS outstanding,
           count(*) FILTER (WHERE "signedAt" IS NULL AND ${today}::date > due)::int AS overdue,
           count(*)::int AS total,
           count(*) FILTER (WHERE "inductionRequired" AND "startDate" >= ${from}::date AND "startDate" < ${to}::date)::int AS starters,
           count(*) FILTER (WHERE "inductionRequired" AND "startDate" >= ${from}::date AND "startDate" < ${to}::date
                              AND ("signedAt" AT TIME ZONE 'Europe/London')::date <= due)::int AS "startersSignedByDue"
    FROM owed GROUP BY 1, 2, 3, 4 ORDER BY 1, 3, 2, 4`);
}
