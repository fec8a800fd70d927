import "server-only";
import type { Reader } from "./db";

// Being built on another branch; until it is merged this returns null and the page says "Not in use yet in
// this school". Wiring it is a few lines: import the summary function below and return what it returns.

/**
 * Monitoring authorisations, a count only (confidential: need-to-know like incidents, decision 0012).
 * Contract: `monitoringSummary(tx, schoolIds, from, to, viewerPersonId) → { schoolId, authorisations }[]` in
 * lib/monitoring/summary.ts (never counting an authorisation about the viewer).
 */
export type MonitoringRow = { schoolId: string; authorisations: number };
export async function monitoringSection(_tx: Reader, _schoolIds: readonly string[], _from: Date, _to: Date, _viewerId: string): Promise<MonitoringRow[] | null> {
  return null;
}
