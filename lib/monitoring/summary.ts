import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db";

/**
 * For the governors' summary: how many authorisations were asked for in each school between `from`
 * (inclusive) and `to` (exclusive), never counting one whose subject is the viewer (a count of one tells
 * a Head reading the summary that someone is reading their email). One grouped query; every school asked
 * about appears, with 0 if it had none. Counts are not rows anyone reads, so the caller may pass the
 * owner's connection; under withScope the row-level security would narrow them further, never widen them.
 */
export async function monitoringSummary(
  tx: Pick<Tx, "$queryRaw">,
  schoolIds: string[],
  from: Date,
  to: Date,
  viewerPersonId: string,
): Promise<{ schoolId: string; authorisations: number }[]> {
  if (schoolIds.length === 0) return [];
  const rows = await tx.$queryRaw<{ schoolId: string; n: number }[]>`
    SELECT a."schoolId", count(*)::int AS n FROM "MonitoringAuthorisation" a
    WHERE a."schoolId" IN (${Prisma.join(schoolIds)})
      AND a."createdAt" >= ${from} AND a."createdAt" < ${to}
      AND a."subjectId" <> ${viewerPersonId}
    GROUP BY a."schoolId"`;
  const counts = new Map(rows.map((r) => [r.schoolId, r.n]));
  return [...new Set(schoolIds)].map((schoolId) => ({ schoolId, authorisations: counts.get(schoolId) ?? 0 }));
}
