import "server-only";
import { verifyAuditLog } from "./verify";

export const AUDIT_VERIFY_JOB = "audit-verify";

/**
 * The nightly full check of every chain (what `npm run audit:verify` does): it moves each intact chain's
 * checkpoint to its end, so the audit page has only the day's events to check, and records a broken
 * link where it finds one, so the page reports it. A break is not a failed run: it is the finding.
 */
export async function runAuditVerification(now = new Date()) {
  const { checked, broken } = await verifyAuditLog(undefined, now);
  if (broken) console.error(`audit: chain ${broken.chain} is broken at seq ${broken.seq} (${broken.reason})`);
  return { checked, broken };
}
