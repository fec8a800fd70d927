import "server-only";
import { db } from "@/lib/db";
import { CHAIN_START, findBrokenLink, hashEvent, type BrokenLink, type ChainPoint } from "./chain";
import { anchorBreak, lazyTrustedCertificates, storedAnchors } from "./anchor-check";
import { anchorSignatureProblem, type SignedAnchor } from "./anchor-sign";
import { storeAnchors } from "./anchor-store";

// Verification reads a chain in batches (memory stays flat at a million events) and leaves a checkpoint
// (AuditCheckpoint): the last event known to be intact. The audit page then checks only what came after
// it; `npm run audit:verify`, the nightly job and the page's "check everything" button walk the whole
// chain from the genesis, which is what catches an edit made before the checkpoint, and then check it
// against its signed anchors, which is what catches a chain rewritten whole or cut short (decision 0024).

const BATCH = 5000;

export type ChainWalk = { checked: number; last: ChainPoint; broken: BrokenLink | null };

/** Recomputes one chain from `from` (the genesis by default) to its end. */
export async function walkChain(chain: string, from: ChainPoint = CHAIN_START, batch = BATCH): Promise<ChainWalk> {
  let last = from;
  let checked = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { chain, seq: { gt: last.seq } }, orderBy: { seq: "asc" }, take: batch });
    checked += rows.length;
    const broken = findBrokenLink(rows, last);
    if (broken) return { checked, last, broken };
    if (rows.length > 0) last = { seq: rows[rows.length - 1].seq, hash: rows[rows.length - 1].hash };
    if (rows.length < batch) return { checked, last, broken: null };
  }
}

/** Moves the chain's checkpoint forward to `to` (never back: a slower, older check loses quietly). */
async function advanceCheckpoint(chain: string, to: ChainPoint, now: Date, full: boolean) {
  if (to.seq === 0 && !full) return;
  await db.$executeRaw`
    INSERT INTO "AuditCheckpoint" (chain, seq, hash, "verifiedAt", "fullVerifiedAt")
    VALUES (${chain}, ${to.seq}, ${to.hash}, ${now}, ${full ? now : null})
    ON CONFLICT (chain) DO UPDATE SET
      seq = EXCLUDED.seq, hash = EXCLUDED.hash, "verifiedAt" = EXCLUDED."verifiedAt",
      "fullVerifiedAt" = COALESCE(EXCLUDED."fullVerifiedAt", "AuditCheckpoint"."fullVerifiedAt"),
      "brokenSeq" = CASE WHEN ${full} THEN NULL ELSE "AuditCheckpoint"."brokenSeq" END,
      "brokenReason" = CASE WHEN ${full} THEN NULL ELSE "AuditCheckpoint"."brokenReason" END
    WHERE "AuditCheckpoint".seq <= EXCLUDED.seq`;
}

/** Remembers a broken link, so that every later view says so until a full check finds the chain whole. */
async function recordBreak(chain: string, broken: BrokenLink, now: Date) {
  await db.$executeRaw`
    INSERT INTO "AuditCheckpoint" (chain, seq, hash, "verifiedAt", "brokenSeq", "brokenReason")
    VALUES (${chain}, 0, ${CHAIN_START.hash}, ${now}, ${broken.seq}, ${broken.reason})
    ON CONFLICT (chain) DO UPDATE SET "brokenSeq" = EXCLUDED."brokenSeq", "brokenReason" = EXCLUDED."brokenReason"`;
}

/** Every chain there is evidence of: its events, its anchors in the database, or an anchor held outside. */
export async function knownChains(external: readonly { chain: string }[] = []): Promise<string[]> {
  // In SQL: Prisma's `distinct` would fetch every event's chain and dedupe them in the process.
  const rows = await db.$queryRaw<{ chain: string }[]>`SELECT chain FROM "AuditEvent" UNION SELECT chain FROM "AuditAnchor"`;
  return [...new Set([...rows, ...external].map((c) => c.chain))].sort();
}

/**
 * Recomputes every chain (or one) from the genesis, checks it against every anchor of it (those in the
 * database and `anchors` given from outside it, e.g. a DPO's digest: decision 0024), and returns the
 * first broken link, or null when all hold. Every chain is walked even after a break, so each gets its
 * checkpoint or its recorded break.
 */
export async function verifyAuditLog(chain?: string, now = new Date(), opts: { anchors?: readonly SignedAnchor[] } = {}): Promise<{ checked: number; broken: BrokenLink | null }> {
  const external = (opts.anchors ?? []).filter((a) => !chain || a.chain === chain);
  const chains = chain ? [chain] : await knownChains(external);
  const trusted = lazyTrustedCertificates();
  // A genuine anchor from outside that the table has lost (deleted with the triggers off) is put back, so
  // the break it shows is not forgotten by the next check made without the DPO's copy.
  const certificates = external.length ? trusted() : null;
  if (certificates) await storeAnchors(external.filter((a) => anchorSignatureProblem(a, certificates) === null));
  let checked = 0;
  let first: BrokenLink | null = null;
  for (const c of chains.sort()) {
    const walk = await walkChain(c);
    checked += walk.checked;
    // The outside copy again: one that failed its signature, or lost to a row already there, still counts.
    const broken = walk.broken ?? (await anchorBreak(c, walk.last, [...(await storedAnchors(c)), ...external.filter((a) => a.chain === c)], trusted));
    if (broken) {
      await recordBreak(c, broken, now);
      first ??= broken;
    } else {
      await advanceCheckpoint(c, walk.last, now, true);
    }
  }
  return { checked, broken: first };
}

export type ChainStatus = {
  /** Events checked by this call (those after the checkpoint). */
  checked: number;
  /** The chain's last event. */
  lastSeq: number;
  /** Events up to here had been verified before this call. */
  checkpointSeq: number;
  verifiedAt: Date | null;
  fullVerifiedAt: Date | null;
  broken: { seq: number; reason: string } | null;
};

/**
 * What the audit page shows: the events after the checkpoint are recomputed now (the checkpointed event
 * itself must still carry the hash it had), and a break found earlier by any check is reported again.
 */
export async function checkChainSinceCheckpoint(chain: string, now = new Date()): Promise<ChainStatus> {
  const cp = await db.auditCheckpoint.findUnique({ where: { chain } });
  const base = { checkpointSeq: cp?.seq ?? 0, verifiedAt: cp?.verifiedAt ?? null, fullVerifiedAt: cp?.fullVerifiedAt ?? null };
  if (cp?.brokenSeq != null) {
    const last = await db.auditEvent.findFirst({ where: { chain }, orderBy: { seq: "desc" }, select: { seq: true } });
    return { ...base, checked: 0, lastSeq: last?.seq ?? 0, broken: { seq: cp.brokenSeq, reason: cp.brokenReason ?? "altered" } };
  }
  const from: ChainPoint = cp ? { seq: cp.seq, hash: cp.hash } : CHAIN_START;
  if (from.seq > 0) {
    const anchor = await db.auditEvent.findUnique({ where: { chain_seq: { chain, seq: from.seq } } });
    if (!anchor || anchor.hash !== from.hash || hashEvent(anchor) !== anchor.hash) {
      const broken = { chain, seq: from.seq, id: anchor ? String(anchor.id) : "", reason: "the last verified event has changed since it was verified" };
      await recordBreak(chain, broken, now);
      return { ...base, checked: 1, lastSeq: from.seq, broken };
    }
  }
  const walk = await walkChain(chain, from);
  if (walk.broken) {
    await recordBreak(chain, walk.broken, now);
    return { ...base, checked: walk.checked, lastSeq: walk.last.seq, broken: walk.broken };
  }
  if (walk.last.seq > from.seq) await advanceCheckpoint(chain, walk.last, now, false);
  return { ...base, checked: walk.checked, lastSeq: walk.last.seq, broken: null };
}
