import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { runInScope } from "@/lib/db/context";
import { Prisma } from "@/generated/prisma/client";
import { record } from "@/lib/audit/record";
import { getDeclarationInSchool } from "@/lib/declarations/queries";
import { renderDeclarationPdf, type StoredDeclaration } from "@/lib/pdf/declaration-file";
import type { DeclarationPart } from "@/lib/pdf/declaration";
import { sealIdentity } from "./certificate";
import { newReference } from "./reference";
import { sealPdf } from "./sign";

// Sealed declaration PDFs (docs/decisions/0013-sealed-pdfs.md). Signing a declaration queues its two
// PDFs (SealJob rows, in the signing transaction); the worker (./worker.ts) seals them after the
// transaction has committed and stores the bytes (SealedDocument, append-only), which every download
// then serves. A download that comes first seals on the spot (sealedDeclarationPdf), so it never waits
// for the worker and never fails for want of it.

export const PARTS: DeclarationPart[] = [1, 2];
const MAX_ATTEMPTS = 5;
/** A claimed job that has not finished after this long is taken to have died with its process. */
const STALE_LOCK_MS = 5 * 60_000;

export type SealJobRow = { id: string; schoolId: string; declarationId: string; part: number; reference: string };
export type SealedRow = Awaited<ReturnType<typeof findSealed>>;

function findSealed(declarationId: string, part: number) {
  return db.sealedDocument.findUnique({ where: { declarationId_part: { declarationId, part } } });
}

/** The public address of /verify, printed on the PDF. */
export function verifyUrl(): string {
  const base = (process.env.NEXTAUTH_URL ?? "").replace(/\/+$/, "");
  return base ? `${base}/verify` : "/verify on this school's ICT policy site";
}

/** The declaration's own event in its school's audit chain. */
async function declarationAuditEvent(declarationId: string) {
  return db.auditEvent.findFirst({
    where: { entityType: "Declaration", entityId: declarationId, action: "declaration.signed" },
    orderBy: { id: "asc" },
    select: { chain: true, seq: true, hash: true },
  });
}

/**
 * Seals one queued PDF and stores it, unless another process stored it first (then theirs is the one,
 * and is returned). The seal is audited on the school's chain with the SHA-256 of the sealed bytes.
 */
export async function sealJob(job: SealJobRow, found?: StoredDeclaration, now = new Date()) {
  const existing = await findSealed(job.declarationId, job.part);
  if (existing) {
    await db.sealJob.updateMany({ where: { id: job.id, doneAt: null }, data: { doneAt: now, lockedAt: null, error: null } });
    return existing;
  }
  const part = job.part as DeclarationPart;
  const stored =
    found ??
    (await (async () => {
      const school = await db.school.findUniqueOrThrow({ where: { id: job.schoolId }, select: { id: true, organisationId: true } });
      return getDeclarationInSchool(school, job.declarationId);
    })());
  if (!stored) throw new Error(`seal: declaration ${job.declarationId} not found in school ${job.schoolId}`);

  const identity = sealIdentity();
  const auditEvent = await declarationAuditEvent(job.declarationId);
  const unsealed = await renderDeclarationPdf(stored, part, {
    reference: job.reference,
    verifyUrl: verifyUrl(),
    certificate: { subject: identity.subject, issuer: identity.issuer, fingerprint: identity.fingerprint, selfSigned: identity.selfSigned },
    auditEvent,
  });
  const bytes = await sealPdf(unsealed.bytes, identity, {
    sealedAt: now,
    reason: `Declaration ${job.declarationId}, part ${part}: sealed as issued`,
    location: stored.school.name,
  });
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const { declaration: d, version: v } = stored;

  await db.$transaction(async (tx) => {
    const inserted = await tx.sealedDocument.createMany({
      data: [
        {
          schoolId: job.schoolId,
          declarationId: job.declarationId,
          part,
          reference: job.reference,
          sha256,
          bytes: new Uint8Array(bytes),
          certificateSha256: identity.fingerprint,
          selfSigned: identity.selfSigned,
          sealedAt: now,
          signerName: d.typedName,
          policyTitle: v.title,
          versionNumber: v.number,
          signedAt: d.signedAt,
          schoolName: stored.school.name,
        },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 1) {
      const school = await tx.school.findUniqueOrThrow({ where: { id: job.schoolId }, select: { organisationId: true } });
      await record(tx, {
        schoolId: job.schoolId,
        organisationId: school.organisationId,
        actorId: null,
        action: "declaration.sealed",
        entityType: "Declaration",
        entityId: job.declarationId,
        data: { part, reference: job.reference, sha256, certificateSha256: identity.fingerprint, selfSigned: identity.selfSigned },
      });
    }
    await tx.sealJob.update({ where: { id: job.id }, data: { doneAt: now, lockedAt: null, error: null } });
  });
  return (await findSealed(job.declarationId, job.part))!;
}

/**
 * Claims the oldest queued PDF of one school no other process is sealing (SKIP LOCKED), or null when none
 * waits. Runs in that school's scope. A job that failed is tried again on later claims, up to MAX_ATTEMPTS.
 */
export async function claimSealJob(now: Date, schoolId: string): Promise<SealJobRow | null> {
  const staleBefore = new Date(now.getTime() - STALE_LOCK_MS);
  const rows = await runInScope({ schoolId }, () => db.$queryRaw<SealJobRow[]>`
    UPDATE "SealJob" SET "lockedAt" = ${now}, attempts = attempts + 1
    WHERE id = (
      SELECT id FROM "SealJob"
      WHERE "doneAt" IS NULL AND attempts < ${MAX_ATTEMPTS} AND ("lockedAt" IS NULL OR "lockedAt" < ${staleBefore}) AND "schoolId" = ${schoolId}
      ORDER BY "createdAt", id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, "schoolId", "declarationId", part, reference`);
  return rows[0] ?? null;
}

/**
 * The schools with a PDF waiting, oldest first. The queue spans every school and belongs to no request:
 * a SECURITY DEFINER function gives out their ids only (docs/decisions/0028); the work is done in each
 * school's scope.
 */
export async function schoolsWithQueuedSeals(now = new Date()): Promise<string[]> {
  const staleBefore = new Date(now.getTime() - STALE_LOCK_MS);
  const rows = await runInScope(null, () =>
    db.$queryRaw<{ schoolId: string }[]>`SELECT "schoolId" FROM seal_queue_schools(${staleBefore}, ${MAX_ATTEMPTS})`,
  );
  return rows.map((r) => r.schoolId);
}

async function claimNext(now: Date, onlySchoolId?: string): Promise<SealJobRow | null> {
  // Tests work only their own school's queue; the worker works everyone's.
  for (const schoolId of onlySchoolId ? [onlySchoolId] : await schoolsWithQueuedSeals(now)) {
    const job = await claimSealJob(now, schoolId);
    if (job) return job;
  }
  return null;
}

/** Works the queue until it is empty (or `max` jobs); returns how many were sealed and failed. */
export async function runSealQueue(opts: { max?: number; now?: () => Date; schoolId?: string } = {}) {
  let sealed = 0;
  let failed = 0;
  const max = opts.max ?? 100;
  for (let i = 0; i < max; i++) {
    const job = await claimNext(opts.now?.() ?? new Date(), opts.schoolId);
    if (!job) break;
    // Each PDF is sealed, stored and audited in its own school's scope, as a download would seal it.
    await runInScope({ schoolId: job.schoolId }, async () => {
      try {
        await sealJob(job, undefined, opts.now?.());
        sealed++;
      } catch (e) {
        failed++;
        console.error(`seal: sealing declaration ${job.declarationId} part ${job.part} failed`, e);
        const error = (e instanceof Error ? e.message : String(e)).slice(0, 2000);
        await db.sealJob.update({ where: { id: job.id }, data: { lockedAt: null, error } }).catch(() => {});
      }
    });
  }
  return { sealed, failed };
}

/**
 * The sealed PDF of a declaration part, for a download: the stored bytes, or, when the worker has not
 * reached it yet (or the declaration predates sealing), sealed now and stored, so that this and every
 * later download get the same bytes.
 */
export async function sealedDeclarationPdf(found: StoredDeclaration, part: DeclarationPart) {
  const d = found.declaration;
  const existing = await findSealed(d.id, part);
  if (existing) return existing;
  await db.sealJob.createMany({ data: [{ schoolId: d.schoolId, declarationId: d.id, part, reference: newReference() }], skipDuplicates: true });
  const job = await db.sealJob.findUniqueOrThrow({
    where: { declarationId_part: { declarationId: d.id, part } },
    select: { id: true, schoolId: true, declarationId: true, part: true, reference: true },
  });
  return sealJob(job, found);
}
