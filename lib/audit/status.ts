import "server-only";
import { checkChainSinceCheckpoint, verifyAuditLog, type ChainStatus } from "./verify";

/**
 * The integrity line of a school's audit page: normally only the events since the last checkpoint are
 * recomputed; `full` (the page's "Check the whole record" button) walks the whole chain first.
 */
export async function schoolChainStatus(schoolId: string, full: boolean): Promise<ChainStatus & { full: boolean }> {
  if (full) await verifyAuditLog(schoolId);
  return { ...(await checkChainSinceCheckpoint(schoolId)), full };
}

export function chainStatusMessage(s: ChainStatus & { full: boolean }, formatTime: (d: Date | null) => string): { error?: string; success?: string } {
  if (s.broken) return { error: `The record has been altered: event ${s.broken.seq} (${s.broken.reason}). Tell your DPO.` };
  if (s.lastSeq === 0) return { success: "No events recorded yet." };
  if (s.full) return { success: `Integrity check passed: all ${s.lastSeq} events in this school's chain were checked just now and are intact.` };
  const since =
    s.checkpointSeq > 0
      ? `Events 1 to ${s.checkpointSeq} were verified on ${formatTime(s.verifiedAt)}${s.fullVerifiedAt ? ` (whole record last checked ${formatTime(s.fullVerifiedAt)})` : ""}; `
      : "";
  if (s.checkpointSeq === 0) return { success: `Integrity check passed: all ${s.checked} events in this school's chain were checked just now.` };
  return {
    success: `Integrity check passed: ${since}${s.checked === 0 ? "no newer events" : `the ${s.checked} event${s.checked === 1 ? "" : "s"} since then ${s.checked === 1 ? "was" : "were"} checked just now`}.`,
  };
}
