import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { IncidentCategory } from "@/generated/prisma/enums";
import { db } from "@/lib/db";
import type { IncidentSummary } from "./types";

/**
 * For the governors' summary: counts only, never details, and never counting a report about the person
 * asking (a Head reading the summary must not learn from a count that a report about them exists).
 * Aggregates are not rows a handler reads, so this runs outside the row-level security; the caller
 * decides who may see a summary of which schools.
 */
export async function incidentSummary(input: { schoolIds: string[]; viewerId: string; from: Date; to: Date }): Promise<IncidentSummary> {
  if (input.schoolIds.length === 0) return { byCategoryMonth: [], open: 0, closed: 0, medianDaysToClose: null, breaches: { total: 0, decidedWithin72h: 0 } };
  const scope = Prisma.sql`
    i."schoolId" IN (${Prisma.join(input.schoolIds)})
    AND i."createdAt" >= ${input.from} AND i."createdAt" < ${input.to}
    AND NOT EXISTS (SELECT 1 FROM "IncidentSubject" s WHERE s."incidentId" = i.id AND s."personId" = ${input.viewerId})`;
  const [months, totals] = await Promise.all([
    db.$queryRaw<{ category: IncidentCategory; month: string; count: number }[]>`
      SELECT i.category, to_char(i."createdAt" AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, count(*)::int AS count
      FROM "Incident" i WHERE ${scope}
      GROUP BY 1, 2 ORDER BY 2, 1`,
    db.$queryRaw<{ open: number; closed: number; median: number | null; breaches: number; within: number }[]>`
      SELECT count(*) FILTER (WHERE i.status <> 'CLOSED')::int AS open,
             count(*) FILTER (WHERE i.status = 'CLOSED')::int AS closed,
             (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i."closedAt" - i."createdAt") / 86400)
               FILTER (WHERE i.status = 'CLOSED'))::float8 AS median,
             count(*) FILTER (WHERE i.category = 'DATA_BREACH')::int AS breaches,
             count(*) FILTER (WHERE i.category = 'DATA_BREACH' AND b."decidedAt" <= i."awareAt" + interval '72 hours')::int AS within
      FROM "Incident" i LEFT JOIN "BreachRecord" b ON b."incidentId" = i.id
      WHERE ${scope}`,
  ]);
  const t = totals[0];
  return {
    byCategoryMonth: months,
    open: t.open,
    closed: t.closed,
    medianDaysToClose: t.median === null ? null : Math.round(t.median * 10) / 10,
    breaches: { total: t.breaches, decidedWithin72h: t.within },
  };
}
