import "server-only";
import type { z } from "zod";
import { PDFDocument } from "pdf-lib";
import { db } from "@/lib/db";
import { randomUUID } from "node:crypto";
import { chainLockSql, link } from "@/lib/audit/record";
import type { SchoolContext } from "@/lib/authz/access";
import { DomainError, notFoundError } from "@/lib/authz/errors";
import type { StaffGroup } from "@/generated/prisma/enums";
import { namesMatch } from "@/lib/policies/content";
import { appliesInSchool } from "@/lib/policies/scope";
import { decodeSignaturePng, SignatureImageError } from "./signature";
import { PARTS } from "@/lib/seal/service";
import { newReference } from "@/lib/seal/reference";
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

type Locked = {
  id: string; policyId: string; number: number; status: string; contentHash: string | null;
  declarationWording: string; audience: string[]; policySchoolId: string | null; policyOrganisationId: string | null;
};
type Fresh = { currentId: string | null; currentNumber: number | null; existingId: string | null; headSeq: number | null; headHash: string | null };

/** The drawn signature, decoded before the transaction (CPU work holds no lock); its error is raised in order. */
async function readSignature(png: string | null | undefined): Promise<{ signature: Uint8Array<ArrayBuffer> | null; error?: DomainError }> {
  if (!png) return { signature: null };
  try {
    const signature = decodeSignaturePng(png);
    // The PDFs draw it later: make sure they can, now, while the person can still draw it again.
    await (await PDFDocument.create()).embedPng(signature);
    return { signature };
  } catch (e) {
    const message = e instanceof SignatureImageError ? e.message : "The drawn signature could not be read. Clear it and draw it again.";
    return { signature: null, error: new DomainError(message, "signaturePng") };
  }
}

/**
 * Records that the signed-in person read and agreed to one exact published version.
 *
 * Idempotent: a double submission returns the declaration the first one made (the school's chain lock
 * serialises them, and the unique index on school, person and version backs it). Append-only in the
 * database; the version's hash, the wording shown and the request's evidence are copied into the row
 * so it stands on its own.
 *
 * The hot path of an INSET morning, so it is four statements of raw SQL in one transaction (after the
 * transaction's scope): lock, then read, then one insert (docs/decisions/0030-signing-in-four-statements.md).
 */
export async function signDeclaration(
  ctx: SchoolContext,
  input: Input<typeof signDeclarationSchema>,
  evidence: RequestEvidence,
  now = new Date(),
): Promise<{ declarationId: string; alreadySigned: boolean }> {
  const membership = ctx.membership;
  if (!membership) throw new DomainError("Only members of staff of this school sign its policies.");
  const school = ctx.school;
  const drawn = await readSignature(input.signaturePng);

  const out = await db.$transaction(async (tx) => {
    // 1. The policy row FOR SHARE (publishing a new version takes it exclusively, so "is this still the
    // current version?" cannot change under us), then the school's chain lock, in that order: the CTE
    // yields its row only once locked, and the lock expression runs per row of the result (none when
    // the version is not there).
    const [version] = await tx.$queryRaw<Locked[]>`
      WITH p AS MATERIALIZED (
        SELECT id, "schoolId", "organisationId" FROM "Policy"
        WHERE id = (SELECT "policyId" FROM "PolicyVersion" WHERE id = ${input.policyVersionId})
        FOR SHARE
      )
      SELECT v.id, v."policyId", v.number, v.status::text AS status, v."contentHash", v."declarationWording",
        v.audience::text[] AS audience, p."schoolId" AS "policySchoolId", p."organisationId" AS "policyOrganisationId",
        ${chainLockSql(school.id)}::text AS locked
      FROM p JOIN "PolicyVersion" v ON v."policyId" = p.id AND v.id = ${input.policyVersionId}`;
    if (!version || version.status !== "PUBLISHED" || !appliesInSchool({ schoolId: version.policySchoolId, organisationId: version.policyOrganisationId }, school))
      throw notFoundError("That policy");

    // 2. A new statement, so a new snapshot taken with both locks held: the current version, an earlier
    // declaration (a double submission that waited on the chain lock sees the first one here) and the
    // chain's head (lock, then read: two statements, see lib/audit/record.ts).
    const [fresh] = await tx.$queryRaw<Fresh[]>`
      SELECT c.id AS "currentId", c.number AS "currentNumber", d.id AS "existingId", h.seq AS "headSeq", h.hash AS "headHash"
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (
        SELECT id, number FROM "PolicyVersion" WHERE "policyId" = ${version.policyId} AND status = 'PUBLISHED' ORDER BY number DESC LIMIT 1
      ) c ON true
      LEFT JOIN "Declaration" d ON d."schoolId" = ${school.id} AND d."personId" = ${ctx.person.id} AND d."policyVersionId" = ${version.id}
      LEFT JOIN LATERAL audit_chain_head(${school.id}) h ON true`;
    if (fresh.existingId) return { declarationId: fresh.existingId, alreadySigned: true };

    if (!version.audience.includes(membership.staffGroup as StaffGroup))
      throw new DomainError("This policy is not one that your role is asked to sign.");
    if (!namesMatch(input.typedName, ctx.person.name))
      throw new DomainError(
        `Type your full name as the school has it: ${ctx.person.name} (capital letters and spaces do not matter).`,
        "typedName",
      );
    if (drawn.error) throw drawn.error;
    if (fresh.currentId && fresh.currentId !== version.id)
      throw new SupersededVersionError(
        { policyId: version.policyId, currentVersionId: fresh.currentId, currentVersionNumber: fresh.currentNumber! },
        version.number,
      );

    // 3. The declaration, its audit event and its two seal jobs in one statement. Ids are random UUIDs
    // made here (Prisma's cuids are made by its client, which this path does not use).
    const declarationId = randomUUID();
    const event = link(
      {
        schoolId: school.id,
        organisationId: school.organisationId,
        actorId: ctx.person.id,
        action: "declaration.signed",
        entityType: "Declaration",
        entityId: declarationId,
        data: {
          policyId: version.policyId,
          policyVersionId: version.id,
          versionNumber: version.number,
          contentHash: version.contentHash,
          drawnSignature: drawn.signature !== null,
          authMethod: ctx.person.authMethod,
        },
      },
      school.id,
      school.organisationId,
      fresh.headSeq === null ? null : { seq: fresh.headSeq, hash: fresh.headHash! },
    );
    // Its PDFs are sealed after this commits (lib/seal), never on this request's path.
    const seals = PARTS.map((part) => ({ id: randomUUID(), part, reference: newReference() }));
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      WITH d AS (
        INSERT INTO "Declaration" (id, "schoolId", "personId", "membershipId", "policyVersionId", "contentHash", "typedName",
          "signaturePng", "consentWording", "signedAt", ip, "userAgent", "authMethod")
        VALUES (${declarationId}, ${school.id}, ${ctx.person.id}, ${membership.id}, ${version.id}, ${version.contentHash}, ${input.typedName},
          ${drawn.signature}::bytea, ${version.declarationWording}, ${now}::timestamptz, ${evidence.ip},
          ${evidence.userAgent ? evidence.userAgent.slice(0, USER_AGENT_MAX) : null}, ${ctx.person.authMethod})
        ON CONFLICT DO NOTHING
        RETURNING id
      ), audit AS (
        INSERT INTO "AuditEvent" (chain, seq, "schoolId", "organisationId", "actorId", action, "entityType", "entityId", data, at, "prevHash", hash)
        SELECT ${event.chain}, ${event.seq}, ${event.schoolId}, ${event.organisationId}, ${event.actorId}, ${event.action}, ${event.entityType},
          d.id, ${JSON.stringify(event.data)}::jsonb, ${event.at}::timestamptz, ${event.prevHash}, ${event.hash}
        FROM d
      ), seal AS (
        INSERT INTO "SealJob" (id, "schoolId", "declarationId", part, reference)
        SELECT s.id, ${school.id}, d.id, s.part, s.reference
        FROM d, unnest(${seals.map((j) => j.id)}::text[], ${seals.map((j) => j.part)}::int[], ${seals.map((j) => j.reference)}::text[]) AS s(id, part, reference)
      )
      SELECT id FROM d`;
    if (inserted.length === 1) return { declarationId, alreadySigned: false };
    // Only if a signing that did not take the chain lock got there first: it is the one declaration.
    const [winner] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Declaration" WHERE "schoolId" = ${school.id} AND "personId" = ${ctx.person.id} AND "policyVersionId" = ${version.id}`;
    if (!winner) throw new Error("The declaration was neither inserted nor found");
    return { declarationId: winner.id, alreadySigned: true };
    // A double submission queues behind the first (on the embedded database, behind every other
    // request on its one connection): wait rather than fail a signature someone just made.
  }, { maxWait: 10_000, timeout: 15_000 });
  if (!out.alreadySigned) pokeSealWorker();
  return out;
}
