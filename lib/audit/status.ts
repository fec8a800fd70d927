import "server-only";
import { checkChainSinceCheckpoint, verifyAuditLog, type ChainStatus } from "./verify";
import { latestAnchors } from "./anchor-queries";

type PageStatus = ChainStatus & { full: boolean; anchor?: { seq: number; anchoredAt: Date } | null };

/**
 * The integrity line of a school's audit page: normally only the events since the last checkpoint are
 * recomputed; `full` (the page's "Check the whole record" button) walks the whole chain first.
 */
export async function schoolChainStatus(schoolId: string, full: boolean): Promise<PageStatus> {
  if (!full) return { ...(await checkChainSinceCheckpoint(schoolId)), full };
  // The full check also held the chain against its signed anchors (decision 0024): say which one.
  await verifyAuditLog(schoolId);
  const [anchor] = await latestAnchors([schoolId]);
  return { ...(await checkChainSinceCheckpoint(schoolId)), full, anchor: anchor ? { seq: anchor.seq, anchoredAt: anchor.anchoredAt } : null };
}

export function chainStatusMessage(s: PageStatus, formatTime: (d: Date | null) => string): { error?: string; success?: string } {
  if (s.broken) return { error: `The record has been altered: event ${s.broken.seq} (${s.broken.reason}). Tell your DPO.` };
  if (s.lastSeq === 0) return { success: "No events recorded yet." };
  if (s.full) {
    const anchored = s.anchor ? ` They agree with the record's signed anchor of ${formatTime(s.anchor.anchoredAt)} (event ${s.anchor.seq}).` : "";
    return { success: `Integrity check passed: all ${s.lastSeq} events in this school's chain were checked just now and are intact.${anchored}` };
  }
  const since =
    s.checkpointSeq > 0
      ? `Events 1 to ${s.checkpointSeq} were verified on ${formatTime(s.verifiedAt)}${s.fullVerifiedAt ? ` (whole record last checked ${formatTime(s.fullVerifiedAt)})` : ""}; `
      : "";
  if (s.checkpointSeq === 0) return { success: `Integrity check passed: all ${s.checked} events in this school's chain were checked just now.` };
  return {
    success: `Integrity check passed: ${since}${s.checked === 0 ? "no newer events" : `the ${s.checked} event${s.checked === 1 ? "" : "s"} since then ${s.checked === 1 ? "was" : "were"} checked just now`}.`,
  };
}
