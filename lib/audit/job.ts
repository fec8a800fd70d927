import "server-only";
import { runInScope } from "@/lib/db/context";
import { jobSchools } from "@/lib/jobs/scope";
import { PLATFORM_CHAIN, organisationChain, organisationOfChain } from "./chain";
import { verifyAuditLog } from "./verify";
import { anchorChain, type ChainAnchoring } from "./anchor";
import { lazyTrustedCertificates } from "./anchor-check";
import { sendAnchorDigests } from "./anchor-digest";
import { anchorPlatformChain } from "./anchor-platform";
import type { BrokenLink } from "./chain";

export const AUDIT_VERIFY_JOB = "audit-verify";

/**
 * The chains the jobs check, by organisation: each school's chain and the organisation's own. The
 * platform chain (checks made on /verify, strangers' attempts) is read back by no scope: it is walked only
 * by `npm run audit:verify`, the operator's check as the owner (docs/decisions/0028), and its head is
 * anchored without being read (docs/decisions/0033).
 */
async function chainsByOrganisation(only?: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const s of await jobSchools()) {
    const chains = out.get(s.organisationId) ?? [organisationChain(s.organisationId)];
    chains.push(s.id);
    out.set(s.organisationId, chains);
  }
  if (only) for (const [org, chains] of out) out.set(org, chains.filter((c) => only.includes(c)));
  return out;
}

/** A school's chain is read in its scope, an organisation's own chain in the organisation's (decisions/0028). */
export function inChainScope<T>(chain: string, fn: () => Promise<T>): Promise<T> {
  const organisationId = organisationOfChain(chain);
  return runInScope(organisationId ? { organisationId } : { schoolId: chain }, fn);
}

/**
 * The nightly full check of every chain (what `npm run audit:verify` does): it moves each intact chain's
 * checkpoint to its end, so the audit page has only the day's events to check, and records a broken
 * link where it finds one, so the page reports it. A break is not a failed run: it is the finding.
 * `chains` limits it (tests share one database).
 */
export async function runAuditVerification(now = new Date(), opts: { chains?: readonly string[] } = {}) {
  let checked = 0;
  let broken: BrokenLink | null = null;
  for (const chains of (await chainsByOrganisation(opts.chains)).values()) {
    for (const chain of chains) {
      const r = await inChainScope(chain, () => verifyAuditLog(chain, now));
      checked += r.checked;
      broken ??= r.broken;
    }
  }
  if (broken) console.error(`audit: chain ${broken.chain} is broken at seq ${broken.seq} (${broken.reason})`);
  return { checked, broken };
}

export const AUDIT_ANCHOR_JOB = "audit-anchor";

/**
 * The daily anchor (decision 0024): signs each intact chain's head, stores it, and mails each DPO the
 * digest of their chains. A chain found broken is not signed; the digest says so. Each chain is anchored
 * in its own scope, and each organisation's digests are sent from its scope (whose reads cover its
 * schools' DPOs and Heads), so a person who is a DPO in two trusts gets one digest from each.
 */
export async function runAuditAnchoring(now = new Date(), opts: { chains?: readonly string[] } = {}) {
  const results: ChainAnchoring[] = [];
  const digests = { sent: 0, failed: 0 };
  const trusted = lazyTrustedCertificates();
  for (const [organisationId, chains] of await chainsByOrganisation(opts.chains)) {
    const mine: ChainAnchoring[] = [];
    for (const chain of chains) {
      const r = await inChainScope(chain, () => anchorChain(chain, now, trusted));
      // A chain with no events and no anchor has nothing to sign or report.
      if (r.anchor || r.broken) mine.push(r);
    }
    if (mine.length === 0) continue;
    const mail = await runInScope({ organisationId }, () => sendAnchorDigests(mine, now));
    digests.sent += mail.sent;
    digests.failed += mail.failed;
    results.push(...mine);
  }
  // Stored and signed, mailed to nobody: the platform chain belongs to no organisation (decision 0033).
  if (!opts.chains || opts.chains.includes(PLATFORM_CHAIN)) {
    const platform = await runInScope(null, () => anchorPlatformChain(now));
    if (platform) results.push(platform);
  }
  return {
    chains: results.length,
    anchored: results.filter((r) => r.fresh).length,
    broken: results.filter((r) => r.broken).map((r) => ({ chain: r.chain, seq: r.broken!.seq })),
    digests,
  };
}
