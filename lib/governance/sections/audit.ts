import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { idList, type Reader } from "./db";

// Whether each school's audit chain is intact, from its checkpoint (lib/audit/verify.ts): the last event
// the nightly job, `npm run audit:verify` or the audit page found intact, and any break a check recorded.
// Reading the checkpoint rather than re-hashing keeps the summary's cost flat at a million events; events
// newer than the checkpoint are counted and said to be awaiting the next check (decision 0020).

export type AuditRow = {
  schoolId: string;
  lastSeq: number;
  checkpointSeq: number;
  verifiedAt: Date | null;
  fullVerifiedAt: Date | null;
  brokenSeq: number | null;
};

export async function auditSection(tx: Reader, schoolIds: readonly string[]): Promise<AuditRow[]> {
  if (schoolIds.length === 0) return [];
  return tx.$queryRaw<AuditRow[]>(Prisma.sql`
    SELECT s.id AS "schoolId",
           coalesce((SELECT max(e.seq) FROM "AuditEvent" e WHERE e.chain = s.id), 0)::int AS "lastSeq",
           coalesce(c.seq, 0)::int AS "checkpointSeq", c."verifiedAt", c."fullVerifiedAt", c."brokenSeq"
    FROM "School" s LEFT JOIN "AuditCheckpoint" c ON c.chain = s.id
    WHERE s.id IN (${idList(schoolIds)})`);
}
