import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Reader } from "./db";

// Whether each school's audit chain is intact, from its checkpoint (lib/audit/verify.ts): the last event
// the nightly job, `npm run audit:verify` or the audit page found intact, and any break a check recorded.
// Reading the checkpoint rather than re-hashing keeps the summary's cost flat at a million events; events
// newer than the checkpoint are counted and said to be awaiting the next check (decision 0020).
//
// The same statement says, per school, what its other figures depend on beyond the day (the stamp the
// cache of figures keys on, decision 0027): the head of its audit chain, which moves with every change
// made in the school; the trust's policies, changed from any one of its schools but counted in all; and
// its members whose account is suspended, which any school they work at can do.

export type AuditRow = {
  schoolId: string;
  lastSeq: number;
  checkpointSeq: number;
  verifiedAt: Date | null;
  fullVerifiedAt: Date | null;
  brokenSeq: number | null;
};

/** With each school's stamp, and its organisation (so that the caller can check it lies in the read's scope). */
export async function auditSection(tx: Reader, schoolIds: readonly string[], today: Date): Promise<(AuditRow & { stamp: string; organisationId: string })[]> {
  if (schoolIds.length === 0) return [];
  // One array parameter, not a list of one parameter per school: the statement is planned on every call
  // (unnamed statements), and three lists of 50 parameters made planning cost more than running it.
  const ids = [...schoolIds];
  const rows = await tx.$queryRaw<(AuditRow & { organisationId: string; trustPolicies: string | null; suspended: string | null })[]>(Prisma.sql`
    WITH trust AS (
      SELECT p."organisationId", md5(string_agg(p.id || ':' || p."dueDays" || ':' || coalesce(v.n, 0), ',' ORDER BY p.id)) AS stamp
      FROM "Policy" p LEFT JOIN LATERAL (SELECT max(number) AS n FROM "PolicyVersion" WHERE "policyId" = p.id AND status = 'PUBLISHED') v ON true
      WHERE p."organisationId" IN (SELECT "organisationId" FROM "School" WHERE id = ANY(${ids}::text[]))
      GROUP BY 1
    ), suspended AS (
      -- Few people are suspended at a time, and "Person"."status" is indexed: this reads them, not the staff.
      SELECT m."schoolId", md5(string_agg(p.id, ',' ORDER BY p.id)) AS stamp
      FROM "Person" p JOIN "Membership" m ON m."personId" = p.id
      WHERE p.status = 'SUSPENDED' AND m."schoolId" = ANY(${ids}::text[]) AND m."startDate" <= ${today}::date AND (m."endDate" IS NULL OR m."endDate" >= ${today}::date)
      GROUP BY 1
    )
    SELECT s.id AS "schoolId", s."organisationId",
           coalesce((SELECT max(e.seq) FROM "AuditEvent" e WHERE e.chain = s.id), 0)::int AS "lastSeq",
           coalesce(c.seq, 0)::int AS "checkpointSeq", c."verifiedAt", c."fullVerifiedAt", c."brokenSeq",
           t.stamp AS "trustPolicies", x.stamp AS suspended
    FROM "School" s LEFT JOIN "AuditCheckpoint" c ON c.chain = s.id
    LEFT JOIN trust t ON t."organisationId" = s."organisationId" LEFT JOIN suspended x ON x."schoolId" = s.id
    WHERE s.id = ANY(${ids}::text[])`);
  return rows.map(({ trustPolicies, suspended, ...r }) => ({ ...r, stamp: `${r.lastSeq}|${trustPolicies ?? ""}|${suspended ?? ""}` }));
}
