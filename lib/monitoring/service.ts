import "server-only";
import type { z } from "zod";
import type { Tx } from "@/lib/db";
import { record } from "@/lib/audit/record";
import type { SchoolContext } from "@/lib/authz/access";
import { DomainError, notFoundError } from "@/lib/authz/errors";
import { activeMembershipWhere } from "@/lib/authz/access";
import { withScope, scopeOf } from "@/lib/db/scope";
import { mailPeople } from "@/lib/incidents/notify";
import type { MonitoringStatus } from "@/generated/prisma/enums";
import { deciderIdsOf, mayDecide } from "./queries";
import { authorisationSnapshot, snapshotHash } from "./snapshot";
import { decisionNeededMail, decidedMail } from "./notify";
import type { requestSchema, decideSchema, outcomeSchema } from "./schemas";

type Input<S extends z.ZodType> = z.output<S>;

// Audit rows name the authorisation by id and nothing else (no subject, no grounds, no reason), and the
// audit page shows them only to those who may see it (lib/audit/queries.ts AuditReader).
export const auditBase = (ctx: SchoolContext, entityId: string) => ({
  schoolId: ctx.school.id,
  organisationId: ctx.school.organisationId,
  actorId: ctx.person.id,
  entityType: "MonitoringAuthorisation",
  entityId,
  data: {},
});

const NOT_FOUND = "That authorisation";

async function visibleAuthorisation(tx: Tx, ctx: SchoolContext, id: string) {
  const a = await tx.monitoringAuthorisation.findFirst({ where: { id, schoolId: ctx.school.id } });
  if (!a) throw notFoundError(NOT_FOUND);
  return a;
}

export async function requestAuthorisation(ctx: SchoolContext, input: Input<typeof requestSchema>): Promise<{ id: string }> {
  if (input.subjectId === ctx.person.id) throw new DomainError("You cannot ask to monitor your own communications", "subjectId");
  const { id, deciders } = await withScope(scopeOf(ctx), async (tx) => {
    const member = await tx.membership.count({ where: { schoolId: ctx.school.id, personId: input.subjectId, ...activeMembershipWhere() } });
    if (member === 0) throw new DomainError("Choose a person from this school's list", "subjectId");
    const a = await tx.monitoringAuthorisation.create({
      data: {
        schoolId: ctx.school.id,
        requesterId: ctx.person.id,
        subjectId: input.subjectId,
        kinds: input.kinds,
        grounds: input.grounds,
        necessity: input.necessity,
        alternatives: input.alternatives,
        dpiaReference: input.dpiaReference ?? null,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
      },
      select: { id: true },
    });
    const deciders = await deciderIdsOf(tx, a.id);
    // Rolled back: a request nobody may decide would wait for ever, unseen.
    if (deciders.length === 0) {
      throw new DomainError("Nobody can decide this request: the school has no Chair of Governors who may, and the trust no administrator or CEO. Nothing was saved.", undefined, "CONFLICT");
    }
    await record(tx, { ...auditBase(ctx, a.id), action: "monitoring.requested" });
    return { id: a.id, deciders };
  });
  await mailPeople(deciders, (to) => decisionNeededMail(to, ctx.school, id));
  return { id };
}

export async function decideAuthorisation(ctx: SchoolContext, input: Input<typeof decideSchema>): Promise<{ status: MonitoringStatus }> {
  const { status, requesterId } = await withScope(scopeOf(ctx), async (tx) => {
    const a = await visibleAuthorisation(tx, ctx, input.authorisationId);
    if (a.status !== "AWAITING") throw new DomainError("This authorisation has already been decided.", undefined, "CONFLICT");
    if (!(await mayDecide(tx, a.id))) {
      throw new DomainError("Only the Chair of Governors decides this (the trust when the Chair may not), and never the person who asked for it.");
    }
    const snapshot = authorisationSnapshot(a);
    await tx.monitoringDecision.create({
      data: {
        authorisationId: a.id,
        decision: input.decision,
        reason: input.reason ?? null,
        deciderId: ctx.person.id,
        snapshot,
        sha256: snapshotHash(snapshot),
      },
    });
    await tx.monitoringAuthorisation.update({ where: { id: a.id }, data: { status: input.decision } });
    await record(tx, { ...auditBase(ctx, a.id), action: input.decision === "APPROVED" ? "monitoring.approved" : "monitoring.declined" });
    return { status: input.decision as MonitoringStatus, requesterId: a.requesterId };
  });
  await mailPeople([requesterId], (to) => decidedMail(to, ctx.school, input.authorisationId));
  return { status };
}

/** What was found and done: once, when it has ended (recording it before the end date ends it then). */
export async function recordOutcome(ctx: SchoolContext, input: Input<typeof outcomeSchema>): Promise<{ status: MonitoringStatus }> {
  return withScope(scopeOf(ctx), async (tx) => {
    const a = await visibleAuthorisation(tx, ctx, input.authorisationId);
    if (a.status !== "APPROVED" && a.status !== "ENDED") {
      throw new DomainError("An outcome is recorded only for an approved authorisation.", undefined, "CONFLICT");
    }
    if (await tx.monitoringOutcome.findUnique({ where: { authorisationId: a.id }, select: { authorisationId: true } })) {
      throw new DomainError("The outcome has already been recorded.", undefined, "CONFLICT");
    }
    if (a.status === "APPROVED") {
      await tx.monitoringAuthorisation.update({ where: { id: a.id }, data: { status: "ENDED", endedAt: new Date() } });
      await record(tx, { ...auditBase(ctx, a.id), action: "monitoring.ended" });
    }
    await tx.monitoringOutcome.create({
      data: { authorisationId: a.id, found: input.found, actionTaken: input.actionTaken, recordedById: ctx.person.id },
    });
    await record(tx, { ...auditBase(ctx, a.id), action: "monitoring.outcome_recorded" });
    return { status: "ENDED" as const };
  });
}
