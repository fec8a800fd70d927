import { createHash } from "node:crypto";
// Relative imports: the seed (run by tsx, outside Next) imports this file too, so that demo
// declarations carry real hashes. Pure: no database.
import { canonical } from "../audit/canonical";
import type { StaffGroup } from "../../generated/prisma/enums";

export type PolicySection = { heading: string; body: string };

/** The parts of a version that a signer reads: what the content hash covers. */
export type PolicyVersionContent = {
  policyId: string;
  number: number;
  title: string;
  sections: unknown;
  statements: string[];
  declarationWording: string;
  audience: StaffGroup[];
  inductionRequired: boolean;
  approvedBy: string | null;
  approvedOn: Date | null;
  reviewDue: Date | null;
  changeSummary: string | null;
};

/** Sections are stored as JSON: read them defensively, never trusting their shape. */
export function sectionsOf(json: unknown): PolicySection[] {
  if (!Array.isArray(json)) return [];
  return json
    .filter((s): s is Record<string, unknown> => typeof s === "object" && s !== null)
    .map((s) => ({ heading: String(s.heading ?? ""), body: String(s.body ?? "") }));
}

const dateOnly = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * The canonical form that is hashed at publication. Changing it changes every hash, so it carries a
 * format tag: a future format gets a new tag and old versions keep being verified with theirs.
 */
export function canonicalPolicyContent(v: PolicyVersionContent): string {
  return canonical({
    format: "policy-version/1",
    policyId: v.policyId,
    number: v.number,
    title: v.title,
    sections: sectionsOf(v.sections),
    statements: v.statements,
    declarationWording: v.declarationWording,
    audience: [...v.audience].sort(),
    inductionRequired: v.inductionRequired,
    approvedBy: v.approvedBy,
    approvedOn: dateOnly(v.approvedOn),
    reviewDue: dateOnly(v.reviewDue),
    changeSummary: v.changeSummary,
  });
}

/** SHA-256 (hex) of the canonical content: what a declaration says the person agreed to. */
export function policyContentHash(v: PolicyVersionContent): string {
  return createHash("sha256").update(canonicalPolicyContent(v), "utf8").digest("hex");
}

/** Who is asked to sign: compare names "ignoring case and spacing", and curly against straight apostrophes. */
export function normaliseName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/[\u2018\u2019\u02BC`´]/g, "'")
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/\s+/g, "")
    .toLocaleLowerCase("en-GB");
}

export function namesMatch(typed: string, onRecord: string): boolean {
  const a = normaliseName(typed);
  return a.length > 0 && a === normaliseName(onRecord);
}
