import "server-only";
import type { Reader } from "./db";

// Being built on another branch; until it is merged this returns null and the page says "Not in use yet in
// this school". Wiring it is a few lines: import the summary function below and return what it returns.

/**
 * Permission requests by kind and decision.
 * Contract: `requestSummary(tx, schoolIds, from, to) → { schoolId, kind, status, count }[]` in lib/requests/summary.ts.
 */
export type RequestRow = { schoolId: string; kind: string; status: string; count: number };
export async function requestSection(_tx: Reader, _schoolIds: readonly string[], _from: Date, _to: Date): Promise<RequestRow[] | null> {
  return null;
}
