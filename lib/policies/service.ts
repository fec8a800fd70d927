import "server-only";
import type { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { record } from "@/lib/audit/record";
import type { SchoolContext } from "@/lib/authz/access";
import { DomainError, notFoundError } from "@/lib/authz/errors";
import { policyContentHash, sectionsOf } from "./content";
import { appliesInSchool, canManagePolicy, canManageTrustPolicies, policyScope } from "./scope";
import type {
  createPolicySchema,
  updateDraftSchema,
  publishVersionSchema,
  newVersionSchema,
  discardDraftSchema,
  updatePolicySettingsSchema,
} from "./schemas";

type Input<S extends z.ZodType> = z.output<S>;

const auditBase = (ctx: SchoolContext) => ({
  // Trust policies are changed from one of the trust's schools: the event goes on that school's chain,
  // with the organisation, so both the school and the trust can find it.
  schoolId: ctx.school.id,
  organisationId: ctx.school.organisationId,
  actorId: ctx.person.id,
});

const TRUST_ONLY = "This is a trust-wide policy: only the trust's administrators can change it.";

/**
 * Locks the policy row for the rest of the transaction, so two editors cannot both start version 3
 * or both publish the same draft, and checks it applies here and that this person may change it.
 */
async function lockManagedPolicy(tx: Tx, ctx: SchoolContext, policyId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Policy" WHERE id = ${policyId} FOR UPDATE`;
  const policy = await tx.policy.findUnique({ where: { id: policyId } });
  if (!policy || !appliesInSchool(policy, ctx.school)) throw notFoundError("That policy");
  if (!canManagePolicy(ctx, policy)) throw new DomainError(TRUST_ONLY);
  return policy;
}

async function lockedVersion(tx: Tx, ctx: SchoolContext, versionId: string) {
  const found = await tx.policyVersion.findUnique({ where: { id: versionId }, select: { policyId: true } });
  if (!found) throw notFoundError("That policy version");
  const policy = await lockManagedPolicy(tx, ctx, found.policyId);
  const version = await tx.policyVersion.findUniqueOrThrow({ where: { id: versionId } });
  return { policy, version };
}

function draftData(input: Input<typeof updateDraftSchema> | Input<typeof createPolicySchema>) {
  return {
    title: input.title,
    sections: input.sections.map((s) => ({ heading: s.heading, body: s.body })),
    statements: input.statements,
    declarationWording: input.declarationWording,
    audience: input.audience,
    inductionRequired: input.inductionRequired,
    approvedBy: input.approvedBy ?? null,
    approvedOn: input.approvedOn,
    reviewDue: input.reviewDue,
    changeSummary: input.changeSummary ?? null,
  };
}

/** A new policy with its first draft. A trust-wide policy needs a trust role (see scope.ts). */
export async function createPolicy(ctx: SchoolContext, input: Input<typeof createPolicySchema>) {
  if (input.scope === "organisation" && !canManageTrustPolicies(ctx))
    throw new DomainError("Only the trust's administrators can create a trust-wide policy.", "scope");
  return db.$transaction(async (tx) => {
    const policy = await tx.policy.create({
      data: {
        ...(input.scope === "organisation" ? { organisationId: ctx.school.organisationId } : { schoolId: ctx.school.id }),
        title: input.title,
        dueDays: input.dueDays,
        firstReminderDays: input.firstReminderDays,
      },
    });
    const version = await tx.policyVersion.create({
      data: { policyId: policy.id, number: 1, createdById: ctx.person.id, ...draftData(input) },
    });
    await record(tx, {
      ...auditBase(ctx),
      action: "policy.created",
      entityType: "Policy",
      entityId: policy.id,
      data: { scope: input.scope, title: input.title, versionId: version.id, dueDays: input.dueDays, firstReminderDays: input.firstReminderDays },
    });
    return { policyId: policy.id, versionId: version.id };
  });
}

export async function updateDraft(ctx: SchoolContext, input: Input<typeof updateDraftSchema>) {
  return db.$transaction(async (tx) => {
    const { policy, version } = await lockedVersion(tx, ctx, input.versionId);
    if (version.status !== "DRAFT")
      throw new DomainError("This version has been published and can no longer be changed. Start a new version instead.", undefined, "CONFLICT");
    await tx.policyVersion.update({ where: { id: version.id }, data: draftData(input) });
    await record(tx, {
      ...auditBase(ctx),
      action: "policy.draft_updated",
      entityType: "PolicyVersion",
      entityId: version.id,
      data: { policyId: policy.id, number: version.number, title: input.title },
    });
    return { versionId: version.id };
  });
}

type Draft = {
  number: number;
  sections: unknown;
  statements: string[];
  declarationWording: string;
  audience: string[];
  approvedBy: string | null;
  approvedOn: Date | null;
  reviewDue: Date | null;
  changeSummary: string | null;
};

/** What a draft needs before people can be asked to sign it; the first problem, by field. */
export function publicationProblem(v: Draft): { field: string; message: string } | null {
  const sections = sectionsOf(v.sections);
  if (sections.length === 0) return { field: "sections", message: "Add at least one section of policy text before publishing." };
  const empty = sections.findIndex((s) => s.body.trim() === "");
  if (empty >= 0) return { field: `sections.${empty}.body`, message: `Section “${sections[empty].heading}” has no text.` };
  if (!v.declarationWording.trim()) return { field: "declarationWording", message: "Enter the declaration people will agree to." };
  if (v.audience.length === 0) return { field: "audience", message: "Choose who must sign this policy." };
  if (!v.approvedBy) return { field: "approvedBy", message: "Say who approved this version (for example, the governing board)." };
  if (!v.approvedOn) return { field: "approvedOn", message: "Enter the date this version was approved." };
  if (v.reviewDue && v.reviewDue <= v.approvedOn) return { field: "reviewDue", message: "The review date must be after the approval date." };
  if (v.number > 1 && !v.changeSummary?.trim())
    return { field: "changeSummary", message: "Say what changed: people who signed the last version read this first." };
  return null;
}

/**
 * Freezes a draft: hashes its canonical content and marks it published. From then on the database
 * refuses any change to it (trigger policy_version_frozen), and everyone in its audience must sign it.
 */
export async function publishVersion(ctx: SchoolContext, input: Input<typeof publishVersionSchema>, now = new Date()) {
  return db.$transaction(async (tx) => {
    const { policy, version } = await lockedVersion(tx, ctx, input.versionId);
    if (version.status !== "DRAFT") throw new DomainError("This version is already published.", undefined, "CONFLICT");
    const problem = publicationProblem(version);
    if (problem) throw new DomainError(problem.message, problem.field);
    const contentHash = policyContentHash(version);
    // Guarded by status as well as by the row lock: a published row is never written again.
    const { count } = await tx.policyVersion.updateMany({
      where: { id: version.id, status: "DRAFT" },
      data: { status: "PUBLISHED", contentHash, publishedAt: now, publishedById: ctx.person.id },
    });
    if (count !== 1) throw new DomainError("This version is already published.", undefined, "CONFLICT");
    if (policy.title !== version.title) await tx.policy.update({ where: { id: policy.id }, data: { title: version.title } });
    await record(tx, {
      ...auditBase(ctx),
      action: "policy.version_published",
      entityType: "PolicyVersion",
      entityId: version.id,
      data: { policyId: policy.id, scope: policyScope(policy), number: version.number, title: version.title, contentHash, audience: version.audience },
    });
    return { versionId: version.id, number: version.number, contentHash, publishedAt: now };
  });
}

/**
 * Starts the next version as a copy of the last published one, with a required "what changed"
 * summary. The approval date is cleared: a changed text needs approving again.
 */
export async function newVersionFromLatest(ctx: SchoolContext, input: Input<typeof newVersionSchema>) {
  return db.$transaction(async (tx) => {
    const policy = await lockManagedPolicy(tx, ctx, input.policyId);
    const versions = await tx.policyVersion.findMany({ where: { policyId: policy.id }, orderBy: { number: "desc" } });
    const draft = versions.find((v) => v.status === "DRAFT");
    if (draft)
      throw new DomainError(`Version ${draft.number} is already being drafted: edit that draft instead.`, undefined, "CONFLICT");
    const latest = versions.find((v) => v.status === "PUBLISHED");
    if (!latest) throw new DomainError("Publish the first version before starting a new one.", undefined, "CONFLICT");
    const number = versions[0].number + 1;
    const created = await tx.policyVersion.create({
      data: {
        policyId: policy.id,
        number,
        title: latest.title,
        sections: sectionsOf(latest.sections),
        statements: latest.statements,
        declarationWording: latest.declarationWording,
        audience: latest.audience,
        inductionRequired: latest.inductionRequired,
        approvedBy: latest.approvedBy,
        approvedOn: null,
        reviewDue: latest.reviewDue,
        changeSummary: input.changeSummary,
        createdById: ctx.person.id,
      },
    });
    await record(tx, {
      ...auditBase(ctx),
      action: "policy.version_started",
      entityType: "PolicyVersion",
      entityId: created.id,
      data: { policyId: policy.id, number, from: latest.id, changeSummary: input.changeSummary },
    });
    return { versionId: created.id, number };
  });
}

/** Throws a draft away. A policy that was never published goes with its only draft. */
export async function discardDraft(ctx: SchoolContext, input: Input<typeof discardDraftSchema>) {
  return db.$transaction(async (tx) => {
    const { policy, version } = await lockedVersion(tx, ctx, input.versionId);
    if (version.status !== "DRAFT") throw new DomainError("A published version cannot be removed.", undefined, "CONFLICT");
    await tx.policyVersion.delete({ where: { id: version.id } });
    const remaining = await tx.policyVersion.count({ where: { policyId: policy.id } });
    if (remaining === 0) await tx.policy.delete({ where: { id: policy.id } });
    await record(tx, {
      ...auditBase(ctx),
      action: "policy.draft_discarded",
      entityType: "PolicyVersion",
      entityId: version.id,
      data: { policyId: policy.id, number: version.number, policyDeleted: remaining === 0 },
    });
    return { policyDeleted: remaining === 0 };
  });
}

export async function updatePolicySettings(ctx: SchoolContext, input: Input<typeof updatePolicySettingsSchema>) {
  return db.$transaction(async (tx) => {
    const policy = await lockManagedPolicy(tx, ctx, input.policyId);
    await tx.policy.update({ where: { id: policy.id }, data: { dueDays: input.dueDays, firstReminderDays: input.firstReminderDays } });
    await record(tx, {
      ...auditBase(ctx),
      action: "policy.settings_changed",
      entityType: "Policy",
      entityId: policy.id,
      data: {
        from: { dueDays: policy.dueDays, firstReminderDays: policy.firstReminderDays },
        to: { dueDays: input.dueDays, firstReminderDays: input.firstReminderDays },
      },
    });
  });
}
