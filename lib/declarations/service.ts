import "server-only";
import type { z } from "zod";
import { PDFDocument } from "pdf-lib";
import { db } from "@/lib/db";
import { record } from "@/lib/audit/record";
import type { SchoolContext } from "@/lib/authz/access";
import { DomainError, notFoundError } from "@/lib/authz/errors";
import type { StaffGroup } from "@/generated/prisma/enums";
import { namesMatch } from "@/lib/policies/content";
import { appliesInSchool } from "@/lib/policies/scope";
import { decodeSignaturePng, SignatureImageError } from "./signature";
import { enqueueDeclarationSeals } from "@/lib/seal/service";
import { pokeSealWorker } from "@/lib/seal/worker";
import type { signDeclarationSchema } from "./schemas";

type Input<S extends z.ZodType> = z.output<S>;

/** Where the request came from, read from the request headers by the action and passed in as values. */
export type RequestEvidence = { ip: string | null; userAgent: string | null };

/**
 * Refusal to sign a version that a newer one has replaced. `meta` names the current version so the
 * page can offer it (the page also knows the policy, and its signing page always shows the latest).
 */
export class SupersededVersionError extends DomainError {
  constructor(readonly meta: { policyId: string; currentVersionId: string; currentVersionNumber: number }, signedNumber: number) {
    super(
      `Version ${signedNumber} of this policy has been replaced by version ${meta.currentVersionNumber}. Please read version ${meta.currentVersionNumber} and sign that instead.`,
      "policyVersionId",
      "CONFLICT",
    );
    this.name = "SupersededVersionError";
  }
}

const USER_AGENT_MAX = 512;

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string }; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } };
  return err?.code === "P2002" || err?.cause?.code === "23505" || err?.meta?.driverAdapterError?.cause?.originalCode === "23505";
}

/**
 * Records that the signed-in person read and agreed to one exact published version.
 *
 * Idempotent: a double submission returns the declaration the first one made (the unique index on
 * school, person and version decides a race). Append-only in the database; the version's hash, the
 * wording shown and the request's evidence are copied into the row so it stands on its own.
 */
export async function signDeclaration(
  ctx: SchoolContext,
  input: Input<typeof signDeclarationSchema>,
  evidence: RequestEvidence,
  now = new Date(),
): Promise<{ declarationId: string; alreadySigned: boolean }> {
  const membership = ctx.membership;
  if (!membership) throw new DomainError("Only members of staff of this school sign its policies.");
  const key = { schoolId: ctx.school.id, personId: ctx.person.id, policyVersionId: input.policyVersionId };

  const version = await db.policyVersion.findUnique({ where: { id: input.policyVersionId }, include: { policy: true } });
  if (!version || version.status !== "PUBLISHED" || !appliesInSchool(version.policy, ctx.school)) throw notFoundError("That policy");

  const existing = await db.declaration.findUnique({ where: { schoolId_personId_policyVersionId: key }, select: { id: true } });
  if (existing) return { declarationId: existing.id, alreadySigned: true };

  if (!version.audience.includes(membership.staffGroup as StaffGroup))
    throw new DomainError("This policy is not one that your role is asked to sign.");
  if (!namesMatch(input.typedName, ctx.person.name))
    throw new DomainError(
      `Type your full name as the school has it: ${ctx.person.name} (capital letters and spaces do not matter).`,
      "typedName",
    );

  let signature: Uint8Array<ArrayBuffer> | null = null;
  if (input.signaturePng) {
    try {
      signature = decodeSignaturePng(input.signaturePng);
      // The PDFs draw it later: make sure they can, now, while the person can still draw it again.
      await (await PDFDocument.create()).embedPng(signature);
    } catch (e) {
      const message = e instanceof SignatureImageError ? e.message : "The drawn signature could not be read. Clear it and draw it again.";
      throw new DomainError(message, "signaturePng");
    }
  }

  try {
    const out = await db.$transaction(async (tx) => {
      // Shares the policy row lock with other signers; publishing a new version takes it exclusively,
      // so "is this still the current version?" cannot change under us.
      await tx.$queryRaw`SELECT 1 FROM "Policy" WHERE id = ${version.policyId} FOR SHARE`;
      const current = await tx.policyVersion.findFirst({
        where: { policyId: version.policyId, status: "PUBLISHED" },
        orderBy: { number: "desc" },
        select: { id: true, number: true },
      });
      if (current && current.id !== version.id)
        throw new SupersededVersionError(
          { policyId: version.policyId, currentVersionId: current.id, currentVersionNumber: current.number },
          version.number,
        );
      const declaration = await tx.declaration.create({
        data: {
          ...key,
          membershipId: membership.id,
          contentHash: version.contentHash!,
          typedName: input.typedName,
          signaturePng: signature,
          consentWording: version.declarationWording,
          signedAt: now,
          ip: evidence.ip,
          userAgent: evidence.userAgent ? evidence.userAgent.slice(0, USER_AGENT_MAX) : null,
          authMethod: ctx.person.authMethod,
        },
        select: { id: true },
      });
      await record(tx, {
        schoolId: ctx.school.id,
        organisationId: ctx.school.organisationId,
        actorId: ctx.person.id,
        action: "declaration.signed",
        entityType: "Declaration",
        entityId: declaration.id,
        data: {
          policyId: version.policyId,
          policyVersionId: version.id,
          versionNumber: version.number,
          contentHash: version.contentHash,
          drawnSignature: signature !== null,
          authMethod: ctx.person.authMethod,
        },
      });
      // Its PDFs are sealed after this commits (lib/seal), never on this request's path.
      await enqueueDeclarationSeals(tx, { id: declaration.id, schoolId: ctx.school.id });
      return { declarationId: declaration.id, alreadySigned: false };
      // A double submission queues behind the first (on the embedded database, behind every other
      // request on its one connection): wait rather than fail a signature someone just made.
    }, { maxWait: 10_000, timeout: 15_000 });
    pokeSealWorker();
    return out;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // The other submission won the race: it is the one declaration.
    const winner = await db.declaration.findUnique({ where: { schoolId_personId_policyVersionId: key }, select: { id: true } });
    if (!winner) throw e;
    return { declarationId: winner.id, alreadySigned: true };
  }
}
