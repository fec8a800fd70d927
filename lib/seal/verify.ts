import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { record } from "@/lib/audit/record";
import { normaliseReference } from "./reference";

// /verify: anyone holding a PDF from the product (or its printed reference) may check it, without
// signing in. The answer is only whether it matches a sealed document byte for byte and, if it does,
// what that PDF already says. Every check is audited on the platform chain (docs/decisions/0013).

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const WINDOW_MS = 15 * 60_000;

function rateLimit(): number {
  const n = Number(process.env.VERIFY_RATE_LIMIT ?? 20);
  return Number.isInteger(n) && n > 0 ? n : 20;
}

export const RATE_LIMIT_MESSAGE = "Too many checks from your network address. Please wait 15 minutes and try again.";

/**
 * Counts this check against the client's address; false when the address has made too many in the
 * window. The attempt is written first and counted after, so two racing requests cannot both slip
 * under the limit (at worst both are refused).
 */
export async function allowCheck(ip: string | null, now = new Date()): Promise<boolean> {
  const key = ip ?? "unknown";
  await db.verifyAttempt.create({ data: { ip: key, at: now } });
  const n = await db.verifyAttempt.count({ where: { ip: key, at: { gt: new Date(now.getTime() - WINDOW_MS) } } });
  // Old attempts are only needed for the window: prune now and then.
  if (Math.random() < 0.02) await db.verifyAttempt.deleteMany({ where: { at: { lt: new Date(now.getTime() - 24 * 3600_000) } } }).catch(() => {});
  return n <= rateLimit();
}

/** What a sealed PDF says about itself: all /verify shows on a match. */
export type VerifiedFacts = {
  reference: string;
  part: number;
  signerName: string;
  policyTitle: string;
  versionNumber: number;
  signedAt: string;
  schoolName: string;
  sealedAt: string;
  selfSigned: boolean;
};

export type CheckResult =
  | { outcome: "match"; method: "upload" | "reference"; facts: VerifiedFacts }
  | { outcome: "no-match"; method: "upload" | "reference" }
  | { outcome: "bad-input"; method: "upload" | "reference"; field: "file" | "reference"; message: string };

/** What the lookup functions give out (migration 20261202050100): the PDF's own facts and the ids the audit row keeps. */
type Sealed = Omit<VerifiedFacts, "signedAt" | "sealedAt"> & { id: string; schoolId: string; declarationId: string; signedAt: Date; sealedAt: Date };

// A stranger's check reads across every school, for no one request: through two SECURITY DEFINER
// functions that answer only "which sealed PDF is this" (docs/decisions/0028), never as a BYPASSRLS role.
async function sealedByUpload(sha256: string, bytes: Uint8Array): Promise<Sealed | undefined> {
  const rows = await db.$queryRaw<Sealed[]>`SELECT * FROM verify_sealed_upload(${sha256}, ${Buffer.from(bytes)})`;
  return rows[0];
}

async function sealedByReference(reference: string): Promise<Sealed | undefined> {
  const rows = await db.$queryRaw<Sealed[]>`SELECT * FROM verify_sealed_reference(${reference})`;
  return rows[0];
}

function factsOf(s: Sealed): VerifiedFacts {
  return {
    reference: s.reference,
    part: s.part,
    signerName: s.signerName,
    policyTitle: s.policyTitle,
    versionNumber: s.versionNumber,
    signedAt: s.signedAt.toISOString(),
    schoolName: s.schoolName,
    sealedAt: s.sealedAt.toISOString(),
    selfSigned: s.selfSigned,
  };
}

/** One audit row per check, on the platform chain; the only thing kept about the person checking is their IP. */
async function audit(result: CheckResult, ip: string | null, extra: Record<string, unknown>, sealed?: Sealed) {
  await db.$transaction((tx) =>
    record(tx, {
      action: "document.verified",
      entityType: sealed ? "SealedDocument" : undefined,
      entityId: sealed?.id,
      data: {
        method: result.method,
        outcome: result.outcome,
        ip,
        ...(sealed ? { reference: sealed.reference, schoolId: sealed.schoolId, declarationId: sealed.declarationId, part: sealed.part } : {}),
        ...extra,
      },
    }),
  );
}

/** Compares an uploaded file with every sealed document: SHA-256 of the upload against the stored bytes'. */
export async function checkUpload(bytes: Uint8Array, ip: string | null, declaredType?: string | null): Promise<CheckResult> {
  const size = bytes.byteLength;
  if (size === 0) {
    const r: CheckResult = { outcome: "bad-input", method: "upload", field: "file", message: "Choose a PDF file to check, or type the reference printed on it." };
    await audit(r, ip, { reason: "empty", size });
    return r;
  }
  if (size > MAX_UPLOAD_BYTES) return tooLarge(ip, size);
  // Only the first bytes are looked at: the file is hashed, never parsed.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  if (!head.includes("%PDF-")) {
    const r: CheckResult = { outcome: "bad-input", method: "upload", field: "file", message: "That file is not a PDF. Choose the PDF you downloaded from the ICT policy site." };
    await audit(r, ip, { reason: "not-pdf", size, declaredType: (declaredType ?? "").slice(0, 100) });
    return r;
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  // The hash finds the candidate; the bytes themselves decide (in the database).
  const sealed = await sealedByUpload(sha256, bytes);
  const r: CheckResult = sealed ? { outcome: "match", method: "upload", facts: factsOf(sealed) } : { outcome: "no-match", method: "upload" };
  await audit(r, ip, { sha256, size }, sealed);
  return r;
}

/** A request that is not a check at all (not a form, unreadable): refused, and audited like any check. */
export async function refuse(ip: string | null, message: string, reason: string): Promise<CheckResult> {
  const r: CheckResult = { outcome: "bad-input", method: "upload", field: "file", message };
  await audit(r, ip, { reason });
  return r;
}

export async function tooLarge(ip: string | null, size: number | null): Promise<CheckResult> {
  const r: CheckResult = { outcome: "bad-input", method: "upload", field: "file", message: "That file is larger than 10 MB: it is not a declaration from this site." };
  await audit(r, ip, { reason: "too-large", size });
  return r;
}

/** Looks up a typed reference. A match says what the sealed PDF with that reference says. */
export async function checkReference(typed: string, ip: string | null): Promise<CheckResult> {
  const reference = normaliseReference(typed);
  if (!reference) {
    const r: CheckResult = { outcome: "bad-input", method: "reference", field: "reference", message: "A reference is 12 letters and digits, printed like ABCD-1234-EFGH at the foot of each page." };
    await audit(r, ip, { reason: "malformed" });
    return r;
  }
  const sealed = await sealedByReference(reference);
  const r: CheckResult = sealed ? { outcome: "match", method: "reference", facts: factsOf(sealed) } : { outcome: "no-match", method: "reference" };
  await audit(r, ip, { typed: reference }, sealed);
  return r;
}
