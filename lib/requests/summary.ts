import "server-only";
import type { Tx, db } from "@/lib/db";

export type RequestSummaryRow = { schoolId: string; kind: string; status: string; count: number };

/**
 * Requests made between `from` (inclusive) and `to` (exclusive) in these schools, counted by school,
 * kind and status, in ONE grouped query (the governors' summary across a trust of up to 50 schools).
 * Takes the caller's client or transaction: on a withScope transaction row-level security limits it to
 * the school in scope, so a cross-school summary runs on the owner's connection, scoped by `schoolIds`.
 */
export async function requestSummary(tx: Tx | typeof db, schoolIds: string[], from: Date, to: Date): Promise<RequestSummaryRow[]> {
  if (schoolIds.length === 0) return [];
  const rows = await tx.permissionRequest.groupBy({
    by: ["schoolId", "kind", "status"],
    where: { schoolId: { in: schoolIds }, createdAt: { gte: from, lt: to } },
    _count: { _all: true },
    orderBy: [{ schoolId: "asc" }, { kind: "asc" }, { status: "asc" }],
  });
  return rows.map((r) => ({ schoolId: r.schoolId, kind: r.kind, status: r.status, count: r._count._all }));
}
