import "server-only";
import { db } from "@/lib/db";
import { sealKey } from "@/lib/seal/certificate";
import { CHAIN_START, type BrokenLink } from "./chain";
import { walkChain } from "./verify";
import { anchorBreak, latestStoredAnchor, lazyTrustedCertificates, anchorOf } from "./anchor-check";
import { signAnchor, type SignedAnchor } from "./anchor-sign";
import { storeAnchors } from "./anchor-store";

// The daily anchor (docs/decisions/0024-anchored-audit-chains.md): each chain's head, once the chain is
// shown to extend its previous anchor, is signed with the installation's sealing certificate and stored.
// Only the events since the previous anchor are recomputed: the anchored event's hash covers everything
// before it, and the nightly full check (audit-verify) still walks every chain from the genesis.

export type ChainAnchoring = {
  chain: string;
  /** The chain's latest anchor after this run (new, or unchanged because nothing was added). */
  anchor: SignedAnchor | null;
  fresh: boolean;
  /** Set when the chain no longer agrees with itself or its anchors: then it is not anchored. */
  broken: BrokenLink | null;
};

/**
 * Anchors one chain, in that chain's scope (the job runs one chain at a time). A broken chain is reported,
 * never signed. `trusted`: the certificates anchors are checked with, read once for a whole run.
 */
export async function anchorChain(chain: string, now = new Date(), trusted = lazyTrustedCertificates()): Promise<ChainAnchoring> {
  // Read first: a key that cannot be read fails the run (and the job retries), rather than every
  // chain being reported as broken to its DPO.
  const key = sealKey();
  const previous = await latestStoredAnchor(chain);
  const walk = await walkChain(chain, previous ?? CHAIN_START);
  const broken = walk.broken ?? (previous ? await anchorBreak(chain, walk.last, [previous], trusted) : null);
  if (broken) {
    console.error(`audit: chain ${chain} is not anchored: broken at seq ${broken.seq} (${broken.reason})`);
    return { chain, anchor: previous, fresh: false, broken };
  }
  if (walk.last.seq === 0 || walk.last.seq === previous?.seq) return { chain, anchor: previous, fresh: false, broken: null };
  const signed = signAnchor({ chain, seq: walk.last.seq, hash: walk.last.hash, anchoredAt: now }, key);
  // Two instances anchoring the same head: the first row stands and both report it.
  await storeAnchors([signed]);
  const stored = await db.auditAnchor.findUniqueOrThrow({ where: { chain_seq: { chain, seq: signed.seq } } });
  return { chain, anchor: anchorOf(stored), fresh: true, broken: null };
}
