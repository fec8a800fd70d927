import "server-only";
import { db } from "@/lib/db";
import { record } from "@/lib/audit/record";
import type { SchoolContext } from "@/lib/authz/access";
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

export async function addPerson(ctx: SchoolContext, input: Input<typeof addPersonSchema>) {
  return db.$transaction(async (tx) => {
    let person = await tx.person.findUnique({ where: { email: input.email } });
    if (person) {
      const existing = await tx.membership.findUnique({ where: { schoolId_personId: { schoolId: ctx.school.id, personId: person.id } } });
      if (existing) throw new DomainError("This person is already on this school's list.", "email", "CONFLICT");
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
    if (m.roles.includes("HEADTEACHER") && !input.roles.includes("HEADTEACHER")) {
      const heads = await tx.membership.count({ where: { schoolId: ctx.school.id, roles: { has: "HEADTEACHER" }, endDate: null } });
      if (heads <= 1) throw new DomainError("A school must keep at least one Headteacher.", "roles");
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
    await tx.membership.update({ where: { id: m.id }, data: { endDate: input.endDate } });
    const today = londonToday();
    // Someone who has left their last school has left: their sessions end at the next request.
    let personLeft = false;
    if (input.endDate < today) {
      const others = await tx.membership.count({
        where: { personId: m.personId, id: { not: m.id }, OR: [{ endDate: null }, { endDate: { gte: today } }] },
      });
      if (others === 0 && m.person.status === "ACTIVE") {
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
