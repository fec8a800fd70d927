import { londonDateTime } from "@/lib/pdf/declaration";
import type { CheckResult } from "./verify";

/** The answer to a /verify check in plain words (the page shows the same, laid out). */
export function describeCheck(result: CheckResult): string {
  if (result.outcome === "bad-input") return result.message;
  if (result.outcome === "no-match")
    return result.method === "upload"
      ? "No match: this file is not, byte for byte, a document sealed by this site. It may have been changed, or it did not come from here."
      : "No sealed document has that reference. Check the reference printed at the foot of the page.";
  const f = result.facts;
  return [
    result.method === "upload" ? "Match: this file is, byte for byte, the sealed document below." : "A sealed document has this reference:",
    `Reference: ${f.reference} (Part ${f.part})`,
    `Signed by (name as typed): ${f.signerName}`,
    `Policy: ${f.policyTitle}, version ${f.versionNumber}`,
    `Signed: ${londonDateTime(new Date(f.signedAt))}`,
    `School: ${f.schoolName}`,
  ].join("\n");
}
