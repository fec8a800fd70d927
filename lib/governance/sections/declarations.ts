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
    -- Each part is materialised on its own and joined on plain equalities (the audience unnested), so the
    -- planner hashes thousands of rows instead of looking each person up in a nested loop (bench/README.md).
    audience AS MATERIALIZED (
      SELECT a."schoolId", a."policyId", a."versionId", a.title, a."inductionRequired", a."dueDays",
             (a."publishedAt" AT TIME ZONE 'Europe/London')::date AS "publishedOn", g AS "staffGroup"
      FROM applies a CROSS JOIN LATERAL unnest(a.audience) g
    ),
    members AS MATERIALIZED (
      SELECT m."schoolId", m."personId", m."staffGroup", m."startDate"
      FROM "Membership" m JOIN "Person" pe ON pe.id = m."personId" AND pe.status = 'ACTIVE'
      WHERE m."schoolId" IN (${idList(schoolIds)}) AND m."startDate" <= ${today}::date AND (m."endDate" IS NULL OR m."endDate" >= ${today}::date)
    ),
    signed AS MATERIALIZED (
      SELECT d."schoolId", d."personId", d."policyVersionId", d."signedAt" FROM "Declaration" d
      WHERE d."schoolId" IN (${idList(schoolIds)}) AND d."policyVersionId" IN (SELECT "versionId" FROM audience)
    ),
    owed AS (
      SELECT a."schoolId", a."policyId", a.title, a."inductionRequired", a."staffGroup", m."startDate", d."signedAt",
             GREATEST(a."publishedOn", m."startDate") + a."dueDays" AS due
      FROM audience a
      JOIN members m ON m."schoolId" = a."schoolId" AND m."staffGroup" = a."staffGroup"
      LEFT JOIN signed d ON d."schoolId" = a."schoolId" AND d."personId" = m."personId" AND d."policyVersionId" = a."versionId"
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
