import "server-only";
import type { Tx } from "@/lib/db";
import { requestSummary, type RequestSummaryRow } from "@/lib/requests/summary";

/** Permission requests by school, kind and decision, made in the period: one grouped query (lib/requests/summary.ts). */
export type RequestRow = RequestSummaryRow;
export function requestSection(tx: Tx, schoolIds: readonly string[], from: Date, to: Date): Promise<RequestRow[]> {
  return requestSummary(tx, [...schoolIds], from, to);
}
