import "server-only";
import type { z } from "zod";
import { canonical } from "@/lib/audit/canonical";
import { activeMembershipWhere, type SchoolContext } from "@/lib/authz/access";
import { DomainError } from "@/lib/authz/errors";
import { londonToday } from "@/lib/dates";
import type { Tx } from "@/lib/db";
import type { SchoolRole } from "@/generated/prisma/enums";
import { inSchool, audit, sha256 } from "./service";
import { SENIOR_LEADER_ROLES, GOVERNOR_ROLES, DSL_ROLES } from "./rules";
import type { recordCheckSchema, responsiblePeopleSchema, annualReviewSchema } from "./schemas";

// The DfE filtering and monitoring standards' records: the DSL's checks, the senior leader and governor
// responsible, and the annual review. Checks and reviews are append-only (triggers in the migration).

type Input<S extends z.ZodType> = z.output<S>;

async function memberWithRole(tx: Tx, ctx: SchoolContext, personId: string, roles: readonly SchoolRole[]) {
  const m = await tx.membership.findFirst({
    where: { schoolId: ctx.school.id, personId, roles: { hasSome: [...roles] }, ...activeMembershipWhere() },
    select: { person: { select: { id: true, name: true } } },
  });
  return m?.person ?? null;
}

export async function recordCheck(ctx: SchoolContext, input: Input<typeof recordCheckSchema>): Promise<{ id: string }> {
  const today = londonToday();
  if (input.checkedOn > today) throw new DomainError("The date of the check cannot be in the future.", "checkedOn");
  if (input.nextCheckDue <= input.checkedOn) throw new DomainError("The next check is due after this one.", "nextCheckDue");
  return inSchool(ctx, async (tx) => {
    const check = await tx.filteringCheck.create({ data: { schoolId: ctx.school.id, checkedById: ctx.person.id, ...input, notes: input.notes ?? null } });
    await audit(tx, ctx, "filtering.check_recorded", "FilteringCheck", check.id, { result: input.result, checkedOn: input.checkedOn });
    return { id: check.id };
  });
}

export async function setResponsiblePeople(ctx: SchoolContext, input: Input<typeof responsiblePeopleSchema>): Promise<{ ok: true }> {
  return inSchool(ctx, async (tx) => {
    const leader = await memberWithRole(tx, ctx, input.seniorLeaderId, SENIOR_LEADER_ROLES);
    if (!leader) throw new DomainError("Choose a member of the school's senior leadership.", "seniorLeaderId");
    const governor = await memberWithRole(tx, ctx, input.governorId, GOVERNOR_ROLES);
    if (!governor) throw new DomainError("Choose one of the school's governors.", "governorId");
    const data = { seniorLeaderId: leader.id, governorId: governor.id, updatedById: ctx.person.id };
    await tx.filteringResponsibility.upsert({ where: { schoolId: ctx.school.id }, create: { schoolId: ctx.school.id, ...data }, update: data });
    await audit(tx, ctx, "filtering.responsible_people_set", "School", ctx.school.id, {
      seniorLeader: { id: leader.id, name: leader.name }, governor: { id: governor.id, name: governor.name },
    });
    return { ok: true as const };
  });
}

export async function recordAnnualReview(ctx: SchoolContext, input: Input<typeof annualReviewSchema>): Promise<{ id: string }> {
  if (input.reviewedOn > londonToday()) throw new DomainError("The date of the review cannot be in the future.", "reviewedOn");
  if (input.nextReviewOn <= input.reviewedOn) throw new DomainError("The next review is after this one.", "nextReviewOn");
  return inSchool(ctx, async (tx) => {
    const leader = await memberWithRole(tx, ctx, input.seniorLeaderId, SENIOR_LEADER_ROLES);
    if (!leader) throw new DomainError("Choose a member of the school's senior leadership.", "seniorLeaderId");
    const dsl = await memberWithRole(tx, ctx, input.dslId, DSL_ROLES);
    if (!dsl) throw new DomainError("Choose the school's DSL or a deputy DSL.", "dslId");
    const governor = await memberWithRole(tx, ctx, input.governorId, GOVERNOR_ROLES);
    if (!governor) throw new DomainError("Choose one of the school's governors.", "governorId");
    const participants = [
      { role: "Senior leader", name: leader.name, personId: leader.id },
      { role: "Designated Safeguarding Lead", name: dsl.name, personId: dsl.id },
      { role: "IT provider", name: input.itProvider, personId: null },
      { role: "Governor", name: governor.name, personId: governor.id },
      ...(input.others ? [{ role: "Others present", name: input.others, personId: null }] : []),
    ];
    const actions = input.actions.map((a) => ({ action: a.action, owner: a.owner, dueOn: a.dueOn.toISOString().slice(0, 10) }));
    const content = { schoolId: ctx.school.id, reviewedOn: input.reviewedOn, participants, findings: input.findings, actions, nextReviewOn: input.nextReviewOn };
    const contentHash = sha256(content);
    const review = await tx.filteringAnnualReview.create({
      data: {
        schoolId: ctx.school.id, reviewedOn: input.reviewedOn, participants: JSON.parse(canonical(participants)), findings: input.findings,
        actions, nextReviewOn: input.nextReviewOn, recordedById: ctx.person.id, contentHash,
      },
    });
    await audit(tx, ctx, "filtering.annual_review_recorded", "FilteringAnnualReview", review.id, { reviewedOn: input.reviewedOn, nextReviewOn: input.nextReviewOn, contentHash });
    return { id: review.id };
  });
}
