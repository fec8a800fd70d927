import "server-only";
import { db } from "@/lib/db";
import type { SignedAnchor } from "./anchor-sign";
import { organisationOfChain } from "./chain";

/**
 * Stores signed anchors, each under its school (a school's chain is its id) or organisation. One already
 * stored at the same chain and seq stands: two instances anchoring the same head keep the first row, and
 * an anchor put back from a DPO's copy never replaces one (a forged row there fails its own check).
 */
export async function storeAnchors(anchors: readonly SignedAnchor[]): Promise<void> {
  if (anchors.length === 0) return;
  const chains = [...new Set(anchors.map((a) => a.chain))];
  const schools = new Map((await db.school.findMany({ where: { id: { in: chains } }, select: { id: true, organisationId: true } })).map((s) => [s.id, s]));
  await db.auditAnchor.createMany({
    data: anchors.map((a) => {
      const school = schools.get(a.chain);
      return {
        chain: a.chain,
        seq: a.seq,
        hash: a.hash,
        anchoredAt: a.anchoredAt,
        fingerprint: a.fingerprint,
        signature: a.signature,
        schoolId: school?.id ?? null,
        organisationId: school?.organisationId ?? organisationOfChain(a.chain),
      };
    }),
    skipDuplicates: true,
  });
}
