import "server-only";
import { db, type Tx } from "@/lib/db";
import { anchorSignatureProblem, type SignedAnchor } from "./anchor-sign";
import { anchorOf, lazyTrustedCertificates } from "./anchor-check";

export type SchoolAnchor = SignedAnchor & {
  schoolId: string;
  /** The signature verifies with this installation's sealing certificate (not whether the chain still agrees: that is audit:verify). */
  signatureValid: boolean;
};

/**
 * Each school's latest audit anchor, for the governors' pack (decision 0024): the chain head signed and
 * mailed to the DPO, which the pack reprints so a third copy exists outside the database. Schools with no
 * anchor yet are left out. Inside a withScope transaction, row-level security limits it to that school.
 */
export async function latestAnchors(schoolIds: readonly string[], client: Tx | typeof db = db): Promise<SchoolAnchor[]> {
  if (schoolIds.length === 0) return [];
  // A school's chain is its id, so the unique (chain, seq) index answers this.
  const rows = await client.$queryRaw<{ chain: string; seq: number; hash: string; anchoredAt: Date; fingerprint: string; signature: string; schoolId: string }[]>`
    SELECT DISTINCT ON (chain) chain, seq, hash, "anchoredAt", fingerprint, signature, "schoolId"
    FROM "AuditAnchor" WHERE chain = ANY (${[...schoolIds]}::text[]) AND "schoolId" IS NOT NULL
    ORDER BY chain, seq DESC`;
  const trustedCertificates = lazyTrustedCertificates();
  return rows.map((row) => {
    const anchor = anchorOf(row);
    const trusted = trustedCertificates();
    return { ...anchor, schoolId: row.schoolId, signatureValid: !!trusted && anchorSignatureProblem(anchor, trusted) === null };
  });
}
