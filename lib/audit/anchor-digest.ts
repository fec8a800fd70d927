import "server-only";
import { db } from "@/lib/db";
import { activeMembershipWhere } from "@/lib/authz/access";
import { appUrl } from "@/lib/auth/url";
import { formatDateTime, londonToday, formatDate } from "@/lib/dates";
import { sendMail, type Mail } from "@/lib/mail/send";
import { sealKey } from "@/lib/seal/certificate";
import { encodeAnchorBlock } from "./anchor-file";
import type { ChainAnchoring } from "./anchor";
import type { SignedAnchor } from "./anchor-sign";

// The daily digest to the data protection officers (decision 0024): the copy of the anchors that a rewrite
// of the database cannot reach. A school's DPOs get its chain; a trust's DPOs get the trust's chain (its
// sign-ins) and every school of the trust; a school with no DPO in either place sends its Headteacher
// the digest instead, so every school chain leaves the database somewhere. Chain heads, hashes and a
// signature only: nothing about any person or event.

type Chain = { chain: string; label: string; auditLink: string | null; result: ChainAnchoring };
type Recipient = { email: string; chains: Set<string> };

async function describeChains(results: readonly ChainAnchoring[]): Promise<Map<string, Chain>> {
  const ids = results.map((r) => r.chain);
  const orgIds = ids.filter((c) => c.startsWith("org:")).map((c) => c.slice(4));
  const [schools, orgs] = await Promise.all([
    db.school.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, slug: true } }),
    db.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } }),
  ]);
  const school = new Map(schools.map((s) => [s.id, s]));
  const org = new Map(orgs.map((o) => [`org:${o.id}`, o]));
  return new Map(
    results.map((r) => {
      const s = school.get(r.chain);
      const label = s ? s.name : org.get(r.chain) ? `${org.get(r.chain)!.name} (sign-ins and organisation events)` : `Chain ${r.chain}`;
      return [r.chain, { chain: r.chain, label, auditLink: s ? `${appUrl()}/s/${s.slug}/audit` : null, result: r }];
    }),
  );
}

/** Who is sent which chains: school DPOs, trust DPOs, and a Headteacher where a school has neither. */
async function recipients(chains: Map<string, Chain>): Promise<Map<string, Recipient>> {
  const schoolIds = [...chains.keys()].filter((c) => !c.startsWith("org:") && c !== "platform");
  const schools = await db.school.findMany({ where: { id: { in: schoolIds } }, select: { id: true, organisationId: true } });
  const orgIds = [...new Set([...schools.map((s) => s.organisationId), ...[...chains.keys()].filter((c) => c.startsWith("org:")).map((c) => c.slice(4))])];
  const [schoolDpos, trustDpos, heads] = await Promise.all([
    db.membership.findMany({ where: { schoolId: { in: schoolIds }, roles: { has: "DPO" }, ...activeMembershipWhere() }, select: { schoolId: true, person: { select: { id: true, email: true } } } }),
    db.organisationRole.findMany({ where: { organisationId: { in: orgIds }, role: "TRUST_DPO", person: { status: "ACTIVE" } }, select: { organisationId: true, person: { select: { id: true, email: true } } } }),
    db.membership.findMany({ where: { schoolId: { in: schoolIds }, roles: { has: "HEADTEACHER" }, ...activeMembershipWhere() }, select: { schoolId: true, person: { select: { id: true, email: true } } } }),
  ]);
  const out = new Map<string, Recipient>();
  const give = (person: { id: string; email: string }, chain: string) => {
    if (!chains.has(chain)) return;
    const r = out.get(person.id) ?? { email: person.email, chains: new Set<string>() };
    r.chains.add(chain);
    out.set(person.id, r);
  };
  for (const m of schoolDpos) give(m.person, m.schoolId);
  for (const t of trustDpos) {
    give(t.person, `org:${t.organisationId}`);
    for (const s of schools) if (s.organisationId === t.organisationId) give(t.person, s.id);
  }
  const covered = new Set([...out.values()].flatMap((r) => [...r.chains]));
  for (const h of heads) if (!covered.has(h.schoolId)) give(h.person, h.schoolId);
  return out;
}

function line(c: Chain): string | null {
  const { anchor, broken, fresh } = c.result;
  if (broken) {
    return `${c.label}: NOT ANCHORED TODAY. The record failed its integrity check at event ${broken.seq}.` + (c.auditLink ? ` Open the audit page: ${c.auditLink}` : "");
  }
  if (!anchor) return null;
  return `${c.label}: event ${anchor.seq}, hash ${anchor.hash}, anchored ${formatDateTime(anchor.anchoredAt)}${fresh ? "" : " (no events since)"}.`;
}

function anchorDigestMail(to: string, chains: readonly Chain[], now: Date, certificatePem: string | null): Mail | null {
  const lines = chains.map(line).filter((l): l is string => !!l);
  if (lines.length === 0) return null;
  const anchors = chains.map((c) => c.result.anchor).filter((a): a is SignedAnchor => !!a);
  const fingerprints = [...new Set(anchors.map((a) => a.fingerprint))];
  return {
    to,
    subject: `Audit record anchors for ${formatDate(londonToday(now))}`,
    text: [
      "This is the daily anchor of the audit records below. It goes to each school's and trust's data protection officer, or to the Headteacher where no data protection officer is recorded.",
      "Please keep this email. It is a copy, outside the database, of where each record stood: if anyone later rewrites a record or removes events from it, a check against this copy shows it.",
      "",
      ...lines,
      "",
      fingerprints.length ? `Signed with the installation's sealing certificate, SHA-256 fingerprint ${fingerprints.join(", ")} (the certificate that seals the declaration PDFs).` : "",
      "To check the records against this copy, save this email as a file and run: npm run audit:verify -- --anchor <file>",
      "",
      anchors.length ? encodeAnchorBlock(anchors) : "",
      // Public: lets an auditor check each signature with openssl, without this installation.
      anchors.length && certificatePem ? `\nThe sealing certificate (public part):\n${certificatePem.trim()}` : "",
    ].join("\n"),
  };
}

/** One digest per recipient, after the anchors are stored. Failures are logged and counted, not thrown. */
export async function sendAnchorDigests(results: readonly ChainAnchoring[], now = new Date()): Promise<{ sent: number; failed: number }> {
  const chains = await describeChains(results);
  let certificatePem: string | null = null;
  try {
    certificatePem = sealKey().certificate.toString();
  } catch (e) {
    console.error("audit: the sealing certificate could not be read for the anchor digest", e);
  }
  let sent = 0;
  let failed = 0;
  for (const [personId, r] of await recipients(chains)) {
    const mine = [...r.chains].map((c) => chains.get(c)!).sort((a, b) => a.label.localeCompare(b.label, "en-GB"));
    const mail = anchorDigestMail(r.email, mine, now, certificatePem);
    if (!mail) continue;
    try {
      await sendMail(mail);
      sent++;
    } catch (e) {
      failed++;
      console.error(`audit: the anchor digest to person ${personId} failed`, e);
    }
  }
  return { sent, failed };
}
