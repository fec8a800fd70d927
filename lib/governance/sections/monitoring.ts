import "server-only";
import type { Reader } from "./db";
import { monitoringSummary } from "@/lib/monitoring/summary";

/**
 * Monitoring authorisations, a count only (confidential: need-to-know like incidents, decision 0012), never
 * counting one whose subject is the viewer (lib/monitoring/summary.ts).
 */
export type MonitoringRow = { schoolId: string; authorisations: number };
export function monitoringSection(tx: Reader, schoolIds: readonly string[], from: Date, to: Date, viewerId: string): Promise<MonitoringRow[]> {
  return monitoringSummary(tx, [...schoolIds], from, to, viewerId);
}
