import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { IncidentCategory } from "@/generated/prisma/enums";
import { idList, type Reader } from "./db";

// Incidents: counts only. No reference, name, description, outcome or date finer than a month leaves
// this file. A report about the person asking is never counted (a Head must not learn from a count that
// a report about them exists). Per school, and (schoolId null) for all the schools together, since a
// median cannot be added up from the schools' medians. Small counts are hidden by the caller (suppress.ts).

export type IncidentMonthRow = { schoolId: string | null; category: IncidentCategory; month: string; count: number };
export type IncidentTotalsRow = {
  schoolId: string | null;
  reports: number;
  open: number;
  closed: number;
  medianDaysToClose: number | null;
  breaches: number;
  breachesDecidedWithin72h: number;
};

export async function incidentSection(tx: Reader, schoolIds: readonly string[], from: Date, to: Date, viewerId: string) {
  if (schoolIds.length === 0) return { months: [] as IncidentMonthRow[], totals: [] as IncidentTotalsRow[] };
  const scope = Prisma.sql`
    i."schoolId" IN (${idList(schoolIds)}) AND i."createdAt" >= ${from} AND i."createdAt" < ${to}
    AND NOT EXISTS (SELECT 1 FROM "IncidentSubject" s WHERE s."incidentId" = i.id AND s."personId" = ${viewerId})`;
  const months = await tx.$queryRaw<IncidentMonthRow[]>`
    SELECT "schoolId", category, month, count(*)::int AS count
    FROM (SELECT i."schoolId", i.category, to_char(i."createdAt" AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month FROM "Incident" i WHERE ${scope}) x
    GROUP BY GROUPING SETS (("schoolId", category, month), (category, month)) ORDER BY month, category`;
  const totals = await tx.$queryRaw<IncidentTotalsRow[]>`
    SELECT i."schoolId", count(*)::int AS reports,
           count(*) FILTER (WHERE i.status <> 'CLOSED')::int AS open,
           count(*) FILTER (WHERE i.status = 'CLOSED')::int AS closed,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i."closedAt" - i."createdAt") / 86400)
             FILTER (WHERE i.status = 'CLOSED'))::float8 AS "medianDaysToClose",
           count(*) FILTER (WHERE i.category = 'DATA_BREACH')::int AS breaches,
           count(*) FILTER (WHERE i.category = 'DATA_BREACH' AND b."decidedAt" <= i."awareAt" + interval '72 hours')::int AS "breachesDecidedWithin72h"
    FROM "Incident" i LEFT JOIN "BreachRecord" b ON b."incidentId" = i.id
    WHERE ${scope}
    GROUP BY GROUPING SETS ((i."schoolId"), ())`;
  return { months, totals };
}
