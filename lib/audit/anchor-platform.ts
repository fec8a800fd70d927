import "server-only";
import { db } from "@/lib/db";
import { sealKey } from "@/lib/seal/certificate";
import { PLATFORM_CHAIN } from "./chain";
import { signAnchor } from "./anchor-sign";
import type { ChainAnchoring } from "./anchor";

// The platform chain's daily anchor (docs/decisions/0033-platform-chain-anchored.md). Its events are
// readable in no scope, so the job cannot recompute it as the other chains' anchors do: it signs the head
// as found (audit_chain_head) and the database stores it only if every earlier anchor of the chain still
// names its event unchanged (audit_anchor_platform). The anchor attests that head, not a verified chain:
// `npm run audit:verify` (the owner) walks the chain from the genesis and checks it against these anchors.

type Stored = { fresh: boolean; anchoredAt: Date | null; fingerprint: string | null; signature: string | null; brokenSeq: number | null; brokenRemoved: boolean | null };

/** Anchors the platform chain's head; null when the chain has no event yet. Run in no scope. */
export async function anchorPlatformChain(now = new Date()): Promise<ChainAnchoring | null> {
  const key = sealKey();
  const [head] = await db.$queryRaw<{ seq: number; hash: string }[]>`SELECT seq, hash FROM audit_chain_head(${PLATFORM_CHAIN})`;
  if (!head) return null;
  const signed = signAnchor({ chain: PLATFORM_CHAIN, seq: head.seq, hash: head.hash, anchoredAt: now }, key);
  const [r] = await db.$queryRaw<Stored[]>`
    SELECT * FROM audit_anchor_platform(${signed.seq}, ${signed.hash}, ${signed.anchoredAt}, ${signed.fingerprint}, ${signed.signature})`;
  if (r.brokenSeq !== null) {
    const reason = r.brokenRemoved ? `event ${r.brokenSeq} was anchored but is no longer in the chain: events have been removed` : `event ${r.brokenSeq} is not the event anchored: the chain has been rewritten`;
    console.error(`audit: chain ${PLATFORM_CHAIN} is not anchored: broken at seq ${r.brokenSeq} (${reason})`);
    return { chain: PLATFORM_CHAIN, anchor: null, fresh: false, broken: { chain: PLATFORM_CHAIN, seq: r.brokenSeq, id: "", reason } };
  }
  const anchor = { chain: PLATFORM_CHAIN, seq: head.seq, hash: head.hash, anchoredAt: r.anchoredAt!, fingerprint: r.fingerprint!, signature: r.signature! };
  return { chain: PLATFORM_CHAIN, anchor, fresh: r.fresh, broken: null };
}
