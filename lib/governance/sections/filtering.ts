import "server-only";
import type { Tx } from "@/lib/db";
import { filteringSummary, type FilteringSummary } from "@/lib/filtering/summary";

/**
 * Filtering changes and reviews, and the last annual filtering and monitoring review (DfE standards, seed 002),
 * per school: grouped queries across the schools (lib/filtering/summary.ts).
 */
export type FilteringRow = FilteringSummary;
export function filteringSection(tx: Tx, schoolIds: readonly string[], from: Date, to: Date, now: Date): Promise<FilteringRow[]> {
  return filteringSummary(tx, [...schoolIds], from, to, now);
}
