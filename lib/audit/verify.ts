import "server-only";
import { db } from "@/lib/db";
import { findBrokenLink, type BrokenLink } from "./chain";

/** Recomputes every chain (or one) and returns the first broken link, or null when all hold. */
export async function verifyAuditLog(chain?: string): Promise<{ checked: number; broken: BrokenLink | null }> {
  const chains = chain
    ? [chain]
    : (await db.auditEvent.findMany({ distinct: ["chain"], select: { chain: true } })).map((c) => c.chain);
  let checked = 0;
  for (const c of chains.sort()) {
    const rows = await db.auditEvent.findMany({ where: { chain: c }, orderBy: { seq: "asc" } });
    checked += rows.length;
    const broken = findBrokenLink(rows);
    if (broken) return { checked, broken };
  }
  return { checked, broken: null };
}
