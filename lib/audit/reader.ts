import "server-only";
import type { SchoolContext } from "@/lib/authz/access";
import { visibleIncidentIds } from "@/lib/incidents/queries";
import { visibleMonitoringIds } from "@/lib/monitoring/queries";
import type { AuditReader } from "./queries";

/** What this reader may know exists, for the audit page and its CSV (decided by row-level security). */
export async function auditReaderFor(ctx: SchoolContext): Promise<AuditReader> {
  const [incidents, monitoring] = await Promise.all([visibleIncidentIds(ctx), visibleMonitoringIds(ctx)]);
  return { visibleIncidentIds: incidents, visibleMonitoringIds: monitoring };
}
