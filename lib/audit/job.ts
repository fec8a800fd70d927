import "server-only";
import { verifyAuditLog } from "./verify";
import { anchorChains } from "./anchor";
import { sendAnchorDigests } from "./anchor-digest";

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

export const AUDIT_ANCHOR_JOB = "audit-anchor";

/**
 * The daily anchor (decision 0024): signs each intact chain's head, stores it, and mails each DPO the
 * digest of their chains. A chain found broken is not signed; the digest says so.
 */
export async function runAuditAnchoring(now = new Date(), opts: { chains?: readonly string[] } = {}) {
  const results = await anchorChains(now, opts);
  const mail = await sendAnchorDigests(results, now);
  return {
    chains: results.length,
    anchored: results.filter((r) => r.fresh).length,
    broken: results.filter((r) => r.broken).map((r) => ({ chain: r.chain, seq: r.broken!.seq })),
    digests: mail,
  };
}
