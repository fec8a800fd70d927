import "server-only";
import type { Reader } from "./db";

/**
 * Monitoring authorisations, a count only (confidential: need-to-know like incidents, decision 0012), read
 * through the database's count function (decision 0029): only the listed schools the transaction's scope
 * covers, never counting one whose subject is the reader set in that scope. Every school asked about
 * appears, with 0 if it had none (or lies outside the scope).
 */
export type MonitoringRow = { schoolId: string; authorisations: number };
export async function monitoringSection(tx: Reader, schoolIds: readonly string[], from: Date, to: Date): Promise<MonitoringRow[]> {
  if (schoolIds.length === 0) return [];
  const rows = await tx.$queryRaw<MonitoringRow[]>`SELECT * FROM governance_monitoring_counts(${[...schoolIds]}::text[], ${from}, ${to})`;
  const counts = new Map(rows.map((r) => [r.schoolId, r.authorisations]));
  return [...new Set(schoolIds)].map((schoolId) => ({ schoolId, authorisations: counts.get(schoolId) ?? 0 }));
}
