import "server-only";
import { db } from "@/lib/db";
import { record } from "@/lib/audit/record";
import { activeMembershipWhere, type SchoolContext } from "@/lib/authz/access";
import { mayAssignRole } from "@/lib/authz/permissions";
import { SCHOOL_ROLE_LABELS } from "@/lib/authz/labels";
import { DomainError, notFoundError } from "@/lib/authz/errors";
import { londonToday } from "@/lib/dates";
import type { SchoolRole } from "@/generated/prisma/enums";
import type { z } from "zod";
import type { addPersonSchema, changeRolesSchema, markLeaverSchema, setSuspendedSchema } from "./schemas";

type Input<S extends z.ZodType> = z.output<S>;

const auditBase = (ctx: SchoolContext) => ({
  schoolId: ctx.school.id,
  organisationId: ctx.school.organisationId,
  actorId: ctx.person.id,
});

function assertMayAssign(ctx: SchoolContext, roles: readonly SchoolRole[]) {
  const beyond = roles.filter((r) => !mayAssignRole(ctx, r));
  if (beyond.length > 0) {
    const names = beyond.map((r) => SCHOOL_ROLE_LABELS[r]).join(", ");
    throw new DomainError(`You cannot give or remove the role${beyond.length > 1 ? "s" : ""}: ${names}.`, "roles");
  }
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * Suspending, reinstating or marking someone as having left changes their whole account, in every school
 * they work in. A school may do that only for someone whose roles it could give, who works in no school
 * of another organisation and holds no trust role (those accounts are changed where they belong).
 */
async function assertAccountIsOurs(tx: Tx, ctx: SchoolContext, m: { personId: string; roles: SchoolRole[] }) {
  assertMayAssign(ctx, m.roles);
  const today = londonToday();
  const [elsewhere, orgRoles] = await Promise.all([
    tx.membership.count({
      where: { personId: m.personId, school: { organisationId: { not: ctx.school.organisationId } }, OR: [{ endDate: null }, { endDate: { gte: today } }] },
    }),
    tx.organisationRole.count({ where: { personId: m.personId } }),
  ]);
  if (elsewhere > 0 || orgRoles > 0)
    throw new DomainError("This person also works for another organisation or holds a trust role, so their account is managed there.");
}

export async function addPerson(ctx: SchoolContext, input: Input<typeof addPersonSchema>) {
  assertMayAssign(ctx, input.roles);
  return db.$transaction(async (tx) => {
    let person = await tx.person.findUnique({ where: { email: input.email } });
    if (person) {
      const existing = await tx.membership.findUnique({ where: { schoolId_personId: { schoolId: ctx.school.id, personId: person.id } } });
      if (existing) throw new DomainError("This person is already on this school's list.", "email", "CONFLICT");
      // Someone who left every school and now joins another is active again (a suspension still stands).
      // Only when all of their working life is within this organisation: another trust's leaver stays left.
      if (person.status === "LEFT") {
        const outside = await tx.membership.count({ where: { personId: person.id, school: { organisationId: { not: ctx.school.organisationId } } } });
        const trustRoles = await tx.organisationRole.count({ where: { personId: person.id, organisationId: { not: ctx.school.organisationId } } });
        if (outside > 0 || trustRoles > 0) throw new DomainError("This address belongs to someone who has left another organisation. Ask them for their current email address.", "email", "CONFLICT");
        person = await tx.person.update({ where: { id: person.id }, data: { status: "ACTIVE" } });
      }
    } else {
      person = await tx.person.create({ data: { name: input.name, email: input.email } });
    }
    const membership = await tx.membership.create({
      data: {
        schoolId: ctx.school.id,
        personId: person.id,
        staffGroup: input.staffGroup,
        jobTitle: input.jobTitle ?? null,
        roles: input.roles,
        startDate: input.startDate,
      },
    });
    await record(tx, {
      ...auditBase(ctx),
      action: "person.added",
      entityType: "Membership",
      entityId: membership.id,
      data: { personId: person.id, name: person.name, email: person.email, staffGroup: input.staffGroup, roles: input.roles, startDate: input.startDate },
    });
    return { personId: person.id, membershipId: membership.id };
  });
}

async function membershipInSchool(tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], ctx: SchoolContext, membershipId: string) {
  // The id comes from the browser: it must belong to this school, or it does not exist for this person.
  const m = await tx.membership.findFirst({ where: { id: membershipId, schoolId: ctx.school.id }, include: { person: true } });
  if (!m) throw notFoundError("That person");
  return m;
}

export async function changeRoles(ctx: SchoolContext, input: Input<typeof changeRolesSchema>) {
  return db.$transaction(async (tx) => {
    const m = await membershipInSchool(tx, ctx, input.membershipId);
    const changed = [...m.roles.filter((r) => !input.roles.includes(r)), ...input.roles.filter((r) => !m.roles.includes(r))];
    assertMayAssign(ctx, changed);
    if (m.roles.includes("HEADTEACHER") && !input.roles.includes("HEADTEACHER")) {
      // Heads in post now (started, not left, person active): a former head may lose the role, the last one may not.
      const heads = await tx.membership.findMany({
        where: { schoolId: ctx.school.id, roles: { has: "HEADTEACHER" }, ...activeMembershipWhere() },
        select: { id: true },
      });
      if (heads.length === 1 && heads[0].id === m.id) throw new DomainError("A school must keep at least one Headteacher.", "roles");
    }
    await tx.membership.update({ where: { id: m.id }, data: { roles: input.roles } });
    await record(tx, {
      ...auditBase(ctx),
      action: "person.roles_changed",
      entityType: "Membership",
      entityId: m.id,
      data: { personId: m.personId, from: m.roles, to: input.roles as SchoolRole[] },
    });
  });
}

export async function markLeaver(ctx: SchoolContext, input: Input<typeof markLeaverSchema>) {
  return db.$transaction(async (tx) => {
    const m = await membershipInSchool(tx, ctx, input.membershipId);
    if (input.endDate < m.startDate) throw new DomainError("The leaving date cannot be before they started.", "endDate");
    // Ending a membership takes its roles away: only someone who could give them may do it.
    assertMayAssign(ctx, m.roles);
    await tx.membership.update({ where: { id: m.id }, data: { endDate: input.endDate } });
    const today = londonToday();
    // Someone who has left their last school has left: their sessions end at the next request.
    let personLeft = false;
    if (input.endDate < today) {
      const others = await tx.membership.count({
        where: { personId: m.personId, id: { not: m.id }, OR: [{ endDate: null }, { endDate: { gte: today } }] },
      });
      const trustRoles = await tx.organisationRole.count({ where: { personId: m.personId } });
      if (others === 0 && trustRoles === 0 && m.person.status === "ACTIVE") {
        await tx.person.update({ where: { id: m.personId }, data: { status: "LEFT", sessionVersion: { increment: 1 } } });
        personLeft = true;
      }
    }
    await record(tx, {
      ...auditBase(ctx),
      action: "person.marked_leaver",
      entityType: "Membership",
      entityId: m.id,
      data: { personId: m.personId, endDate: input.endDate, personLeft },
    });
  });
}

export async function setSuspended(ctx: SchoolContext, input: Input<typeof setSuspendedSchema>) {
  return db.$transaction(async (tx) => {
    const m = await membershipInSchool(tx, ctx, input.membershipId);
    if (m.personId === ctx.person.id) throw new DomainError("You cannot suspend your own account.");
    if (m.person.status === "LEFT") throw new DomainError("This person has left.");
    if (m.endDate && m.endDate < londonToday()) throw new DomainError("This person no longer works here.");
    await assertAccountIsOurs(tx, ctx, m);
    await tx.person.update({
      where: { id: m.personId },
      data: input.suspended ? { status: "SUSPENDED", sessionVersion: { increment: 1 } } : { status: "ACTIVE" },
    });
    await record(tx, {
      ...auditBase(ctx),
      action: input.suspended ? "person.suspended" : "person.reinstated",
      entityType: "Person",
      entityId: m.personId,
      data: { membershipId: m.id },
    });
  });
}

/** Ends every session of this person at their next request. */
export async function signOutEverywhere(personId: string) {
  return db.$transaction(async (tx) => {
    await tx.person.update({ where: { id: personId }, data: { sessionVersion: { increment: 1 } } });
    await record(tx, { actorId: personId, action: "auth.signed_out_everywhere", entityType: "Person", entityId: personId });
  });
}
