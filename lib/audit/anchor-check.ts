import "server-only";
import fs from "node:fs";
import path from "node:path";
import { createHash, X509Certificate } from "node:crypto";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/dates";
import { sealKey } from "@/lib/seal/certificate";
import type { BrokenLink, ChainPoint } from "./chain";
import { anchorSignatureProblem, type SignedAnchor, type TrustedCertificate } from "./anchor-sign";

// A chain checked against its anchors (docs/decisions/0024-anchored-audit-chains.md). The walk has already
// shown that the rows in the database link up; only the anchors can show that they are still the rows that
// were there when each anchor was signed: a chain rewritten with every hash recomputed, or cut short, links
// up perfectly well.

export const anchorOf = (row: { chain: string; seq: number; hash: string; anchoredAt: Date; fingerprint: string; signature: string }): SignedAnchor => ({
  chain: row.chain,
  seq: row.seq,
  hash: row.hash,
  anchoredAt: row.anchoredAt,
  fingerprint: row.fingerprint,
  signature: row.signature,
});

/**
 * The certificates whose anchors are trusted: the installation's sealing certificate and, after it was
 * replaced, the earlier ones listed (PEM files) in AUDIT_ANCHOR_PREVIOUS_CERTS, separated by the path
 * delimiter. Read once a check, and only when there is an anchor to check; null if the current one
 * cannot be read (then no anchor can be said to hold).
 */
export function lazyTrustedCertificates(): () => TrustedCertificate[] | null {
  let trusted: TrustedCertificate[] | null | undefined;
  return () => {
    if (trusted !== undefined) return trusted;
    try {
      const current = sealKey();
      const previous = (process.env.AUDIT_ANCHOR_PREVIOUS_CERTS ?? "").split(path.delimiter).filter(Boolean).map((file) => {
        const certificate = new X509Certificate(fs.readFileSync(file));
        return { certificate, fingerprint: createHash("sha256").update(certificate.raw).digest("hex") };
      });
      trusted = [current, ...previous];
    } catch (e) {
      console.error("audit: the certificates to check the anchors with could not be read", e);
      trusted = null;
    }
    return trusted;
  };
}

/** Every anchor of a chain in the database, oldest first. */
export async function storedAnchors(chain: string): Promise<SignedAnchor[]> {
  return (await db.auditAnchor.findMany({ where: { chain }, orderBy: { seq: "asc" } })).map(anchorOf);
}

/** The chain's latest anchor in the database (the highest sequence anchored), or null. */
export async function latestStoredAnchor(chain: string): Promise<SignedAnchor | null> {
  const row = await db.auditAnchor.findFirst({ where: { chain }, orderBy: { seq: "desc" } });
  return row ? anchorOf(row) : null;
}

/**
 * The first anchor the chain (whose walk ended at `last`) no longer agrees with, as a broken link, or null.
 * Each anchor must carry a trusted certificate's signature, and the event it names must still be in the chain
 * with the hash it had; every anchor is checked, not only the latest, so a forged older row is caught too.
 */
export async function anchorBreak(chain: string, last: ChainPoint, anchors: readonly SignedAnchor[], trustedCertificates: () => TrustedCertificate[] | null): Promise<BrokenLink | null> {
  if (anchors.length === 0) return null;
  const trusted = trustedCertificates();
  const events = await db.auditEvent.findMany({
    where: { chain, seq: { in: [...new Set(anchors.map((a) => a.seq))] } },
    select: { id: true, seq: true, hash: true },
  });
  const bySeq = new Map(events.map((e) => [e.seq, e]));
  for (const a of anchors.filter((x) => x.chain === chain).sort((x, y) => x.seq - y.seq)) {
    const when = formatDateTime(a.anchoredAt);
    const event = bySeq.get(a.seq);
    const id = event ? String(event.id) : "";
    if (!trusted) return { chain, seq: a.seq, id, reason: "its anchors cannot be checked: the sealing certificates could not be read" };
    const problem = anchorSignatureProblem(a, trusted);
    if (problem) return { chain, seq: a.seq, id, reason: `${problem} (anchor of ${when})` };
    if (last.seq < a.seq || !event)
      return { chain, seq: a.seq, id, reason: `the chain ends at event ${last.seq}, but event ${a.seq} was anchored on ${when}: events have been removed` };
    if (event.hash !== a.hash) return { chain, seq: a.seq, id, reason: `event ${a.seq} is not the event anchored on ${when}: the chain has been rewritten` };
  }
  return null;
}
