import { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db";

// What a section needs of a database connection: one statement, read only. Sections run as the app role in
// the school's or the organisation's scope (lib/governance/summary.ts, decision 0029): row-level security
// decides which tenant rows they see, and the confidential counts come from the database's count functions.
export type Reader = Pick<Tx, "$queryRaw">;

export const idList = (ids: readonly string[]) => Prisma.join(ids.map((id) => Prisma.sql`${id}`));

/**
 * The latest published version of each policy that applies in each of the schools: one row per school and
 * policy (a trust policy once in every school of its trust), as a CTE named `applies`.
 */
export function appliesCte(schoolIds: readonly string[]) {
  return Prisma.sql`
    latest AS (
      SELECT DISTINCT ON (p.id) p.id AS "policyId", p."schoolId" AS "ownSchoolId", p."organisationId", p."dueDays",
             v.id AS "versionId", v.title, v.audience, v."inductionRequired", v."publishedAt", v."approvedBy", v."approvedOn", v."reviewDue"
      FROM "Policy" p JOIN "PolicyVersion" v ON v."policyId" = p.id AND v.status = 'PUBLISHED'
      WHERE p."schoolId" IN (${idList(schoolIds)})
         OR p."organisationId" IN (SELECT "organisationId" FROM "School" WHERE id IN (${idList(schoolIds)}))
      ORDER BY p.id, v.number DESC
    ),
    applies AS (
      SELECT s.id AS "schoolId", l.* FROM "School" s
      JOIN latest l ON l."ownSchoolId" = s.id OR (l."ownSchoolId" IS NULL AND l."organisationId" = s."organisationId")
      WHERE s.id IN (${idList(schoolIds)})
    )`;
}
