import "server-only";
import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Tx } from "@/lib/db";
import { withScope, scopeOf } from "@/lib/db/scope";
import { record } from "@/lib/audit/record";
import { canonical } from "@/lib/audit/canonical";
import { activeMembershipWhere, type SchoolContext } from "@/lib/authz/access";
import { DomainError, notFoundError } from "@/lib/authz/errors";
import { londonToday } from "@/lib/dates";
import type { FilteringChange, FilteringStepKind, SchoolRole } from "@/generated/prisma/client";
import { samePersonRefusal, NEXT_STEPS, STATUS_LABELS, type Step } from "./rules";
import { mailFilteringStep } from "./notify";
import type {
  requestChangeSchema, changeIdSchema, refuseChangeSchema, recordMadeSchema, confirmChangeSchema, reviewChangeSchema, markRevertedSchema,
} from "./schemas";

type Input<S extends z.ZodType> = z.output<S>;

/** Filtering work runs as ict_app with the school set, so row-level security applies. */
export function inSchool<T>(ctx: SchoolContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withScope(scopeOf(ctx), fn);
}

export function audit(tx: Tx, ctx: SchoolContext, action: string, entityType: string, entityId: string, data: Record<string, unknown> = {}) {
  return record(tx, { schoolId: ctx.school.id, organisationId: ctx.school.organisationId, actorId: ctx.person.id, action, entityType, entityId, data });
}

export function sha256(value: unknown): string {
  return createHash("sha256").update(canonical(value)).digest("hex");
}

/** The change as it stands, in the form its steps hash: what was asked for and who took each step. */
export function changeSnapshot(c: FilteringChange) {
  return {
    id: c.id, schoolId: c.schoolId, targetKind: c.targetKind, target: c.target, direction: c.direction, temporary: c.temporary,
    endsOn: c.endsOn, reason: c.reason, reviewOn: c.reviewOn, status: c.status, requestedById: c.requestedById,
    authorisedById: c.authorisedById, madeById: c.madeById, madeByName: c.madeByName, madeByCompany: c.madeByCompany,
    madeOn: c.madeOn, confirmedById: c.confirmedById,
  };
}

async function addStep(tx: Tx, ctx: SchoolContext, change: FilteringChange, kind: FilteringStepKind, note: string | null) {
  const snapshot = changeSnapshot(change);
  const snapshotHash = sha256(snapshot);
  await tx.filteringChangeStep.create({
    data: { schoolId: ctx.school.id, changeId: change.id, kind, actorId: ctx.person.id, note, snapshot: JSON.parse(canonical(snapshot)), snapshotHash },
  });
  await audit(tx, ctx, `filtering.${kind.toLowerCase()}`, "FilteringChange", change.id, { target: change.target, status: change.status, snapshotHash });
}

/** Locks the change (a second person taking the same step waits, then finds it moved on). */
async function lockChange(tx: Tx, ctx: SchoolContext, changeId: string): Promise<FilteringChange> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "FilteringChange" WHERE id = ${changeId} AND "schoolId" = ${ctx.school.id} FOR UPDATE`;
  if (rows.length === 0) throw notFoundError("That filtering change");
  return tx.filteringChange.findUniqueOrThrow({ where: { id: changeId } });
}

function expectStep(change: FilteringChange, step: Step) {
  if (!NEXT_STEPS[change.status].includes(step))
    throw new DomainError(`This change is ${STATUS_LABELS[change.status].toLowerCase()}: it cannot be ${STEP_VERBS[step]} now.`, undefined, "CONFLICT");
}
const STEP_VERBS: Record<Step, string> = { authorise: "authorised or refused", make: "recorded as made", confirm: "confirmed", review: "reviewed", revert: "marked reverted" };

function refuseSamePerson(step: Step, change: FilteringChange, ctx: SchoolContext) {
  const refusal = samePersonRefusal(step, change, ctx.person.id);
  if (refusal) throw new DomainError(refusal, undefined, "CONFLICT");
}

async function activeMember(tx: Tx, ctx: SchoolContext, personId: string, roles?: readonly SchoolRole[]) {
  return tx.membership.findFirst({
    where: { schoolId: ctx.school.id, personId, ...activeMembershipWhere(), ...(roles ? { roles: { hasSome: [...roles] } } : {}) },
    select: { person: { select: { id: true, name: true } } },
  });
}

async function update(tx: Tx, id: string, data: Partial<Pick<FilteringChange, "status" | "authorisedById" | "madeById" | "madeByName" | "madeByCompany" | "madeOn" | "confirmedById" | "reviewOn">>) {
  return tx.filteringChange.update({ where: { id }, data: data as never });
}

// ---------- The four steps ----------

export async function requestChange(ctx: SchoolContext, input: Input<typeof requestChangeSchema>): Promise<{ id: string }> {
  const today = londonToday();
  if (input.reviewOn < today) throw new DomainError("The date for review cannot be in the past.", "reviewOn");
  if (input.temporary && input.endsOn && input.endsOn < today) throw new DomainError("The end date cannot be in the past.", "endsOn");
  const id = await inSchool(ctx, async (tx) => {
    const change = await tx.filteringChange.create({
      data: {
        schoolId: ctx.school.id, targetKind: input.targetKind, target: input.target, direction: input.direction, temporary: input.temporary,
        endsOn: input.temporary ? input.endsOn : null, reason: input.reason, reviewOn: input.reviewOn, requestedById: ctx.person.id,
      },
    });
    await addStep(tx, ctx, change, "REQUESTED", null);
    return change.id;
  });
  await mailFilteringStep(ctx, id, "authorise");
  return { id };
}

export async function authoriseChange(ctx: SchoolContext, input: Input<typeof changeIdSchema>): Promise<{ id: string }> {
  await inSchool(ctx, async (tx) => {
    const change = await lockChange(tx, ctx, input.changeId);
    expectStep(change, "authorise");
    refuseSamePerson("authorise", change, ctx);
    await addStep(tx, ctx, await update(tx, change.id, { status: "AUTHORISED", authorisedById: ctx.person.id }), "AUTHORISED", null);
  });
  return { id: input.changeId };
}

export async function refuseChange(ctx: SchoolContext, input: Input<typeof refuseChangeSchema>): Promise<{ id: string }> {
  await inSchool(ctx, async (tx) => {
    const change = await lockChange(tx, ctx, input.changeId);
    expectStep(change, "authorise");
    refuseSamePerson("authorise", change, ctx);
    await addStep(tx, ctx, await update(tx, change.id, { status: "REFUSED" }), "REFUSED", input.reason);
  });
  return { id: input.changeId };
}

export async function recordMade(ctx: SchoolContext, input: Input<typeof recordMadeSchema>): Promise<{ id: string }> {
  if (input.madeOn > londonToday()) throw new DomainError("The date it was made cannot be in the future.", "madeOn");
  await inSchool(ctx, async (tx) => {
    const change = await lockChange(tx, ctx, input.changeId);
    expectStep(change, "make");
    let who: Parameters<typeof update>[2];
    if (input.madeBy === "PERSON") {
      const m = await activeMember(tx, ctx, input.madeById);
      if (!m) throw new DomainError("Choose someone who works at this school.", "madeById");
      who = { madeById: m.person.id, madeByName: null, madeByCompany: null };
    } else {
      who = { madeById: null, madeByName: input.madeByName, madeByCompany: input.madeByCompany };
    }
    await addStep(tx, ctx, await update(tx, change.id, { status: "MADE", ...who, madeOn: input.madeOn }), "MADE", input.note ?? null);
  });
  await mailFilteringStep(ctx, input.changeId, "confirm");
  return { id: input.changeId };
}

export async function confirmChange(ctx: SchoolContext, input: Input<typeof confirmChangeSchema>): Promise<{ id: string }> {
  await inSchool(ctx, async (tx) => {
    const change = await lockChange(tx, ctx, input.changeId);
    expectStep(change, "confirm");
    refuseSamePerson("confirm", change, ctx);
    await addStep(tx, ctx, await update(tx, change.id, { status: "CONFIRMED", confirmedById: ctx.person.id }), "CONFIRMED", input.note ?? null);
  });
  return { id: input.changeId };
}

// ---------- Review and revert ----------

/**
 * The DSL's review when the date comes: keep (with the next review date) or revert. A revert marks the
 * change due for revert; whoever undoes it on the filter then marks it reverted (docs/decisions/0018).
 */
export async function reviewChange(ctx: SchoolContext, input: Input<typeof reviewChangeSchema>): Promise<{ id: string }> {
  if (input.decision === "KEEP" && input.nextReviewOn && input.nextReviewOn <= londonToday())
    throw new DomainError("The next review date must be after today.", "nextReviewOn");
  await inSchool(ctx, async (tx) => {
    const change = await lockChange(tx, ctx, input.changeId);
    expectStep(change, "review");
    if (input.decision === "KEEP") {
      if (change.temporary && change.endsOn && input.nextReviewOn! > change.endsOn)
        throw new DomainError("A temporary change is reviewed on or before its end date; revert it instead, or ask for a new change.", "nextReviewOn");
      await addStep(tx, ctx, await update(tx, change.id, { reviewOn: input.nextReviewOn! }), "REVIEW_KEEP", input.note);
    } else {
      await addStep(tx, ctx, await update(tx, change.id, { status: "REVERT_DUE" }), "REVIEW_REVERT", input.note);
    }
  });
  if (input.decision === "REVERT") await mailFilteringStep(ctx, input.changeId, "revert");
  return { id: input.changeId };
}

export async function markReverted(ctx: SchoolContext, input: Input<typeof markRevertedSchema>): Promise<{ id: string }> {
  await inSchool(ctx, async (tx) => {
    const change = await lockChange(tx, ctx, input.changeId);
    expectStep(change, "revert");
    const pastEnd = change.temporary && change.endsOn && change.endsOn < londonToday();
    if (change.status === "CONFIRMED" && !pastEnd)
      throw new DomainError("This change is in place until it is reviewed: the DSL's review decides whether it is reverted.", undefined, "CONFLICT");
    await addStep(tx, ctx, await update(tx, change.id, { status: "REVERTED" }), "REVERTED", input.note);
  });
  return { id: input.changeId };
}

