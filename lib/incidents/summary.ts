import "server-only";
import { db } from "@/lib/db";
import { incidentSection } from "@/lib/governance/sections/incidents";
import type { IncidentSummary } from "./types";

/**
 * Counts only, never details, and never counting a report about the person asking (a Head reading the
 * summary must not learn from a count that a report about them exists): the governors' incident section
 * (lib/governance/sections/incidents.ts) for all the given schools together. Aggregates are not rows a
 * handler reads, so this runs outside the row-level security; the caller decides who may see a summary
 * of which schools.
 */
export async function incidentSummary(input: { schoolIds: string[]; viewerId: string; from: Date; to: Date }): Promise<IncidentSummary> {
  const { months, totals } = await incidentSection(db, input.schoolIds, input.from, input.to, input.viewerId);
  const t = totals.find((r) => r.schoolId === null);
  return {
    byCategoryMonth: months.filter((m) => m.schoolId === null).map(({ category, month, count }) => ({ category, month, count })),
    open: t?.open ?? 0,
    closed: t?.closed ?? 0,
    medianDaysToClose: t?.medianDaysToClose == null ? null : Math.round(t.medianDaysToClose * 10) / 10,
    breaches: { total: t?.breaches ?? 0, decidedWithin72h: t?.breachesDecidedWithin72h ?? 0 },
  };
}
