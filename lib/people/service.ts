import "server-only";
import { db } from "@/lib/db";
import { asPerson } from "@/lib/db/scope";
import { record } from "@/lib/audit/record";
import { activeMembershipWhere, type SchoolContext } from "@/lib/authz/access";
import { mayAssignRole, permissionsFor } from "@/lib/authz/permissions";
import { namesMatch } from "@/lib/policies/content";
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

/** Nobody appoints, removes or ends themselves: a change to your own standing is someone else's decision. */
function assertNotSelf(ctx: SchoolContext, personId: string, message: string, field?: string) {
  if (personId === ctx.person.id) throw new DomainError(message, field);
}

/**
 * Suspending or reinstating changes a whole account, in every school it works in. So the actor must be able
 * to manage people, and give every role the person holds, in each school of the organisation where their
 * membership has not ended (not only the school they act from: Oakfield's Business Manager must not suspend
 * Riverside's DSL, nor reinstate someone Riverside's Head suspended). An account that also works for another
 * organisation, or holds any trust role, is changed where it belongs.
 */
export async function assertMayChangeAccount(tx: Tx, ctx: SchoolContext, personId: string) {
  const today = londonToday();
  // Their memberships in every school, not only this one's: decisions/0025 (asPerson).
  const [memberships, orgRoles] = await asPerson(tx, personId, (c) => Promise.all([
    c.membership.findMany({
      where: { personId, OR: [{ endDate: null }, { endDate: { gte: today } }] },
      select: { schoolId: true, roles: true, school: { select: { organisationId: true } } },
    }),
    c.organisationRole.count({ where: { personId } }),
  ]));
  if (orgRoles > 0 || memberships.some((m) => m.school.organisationId !== ctx.school.organisationId))
    throw new DomainError("This person also works for another organisation or holds a trust role, so their account is managed there.");
  const here = memberships.find((m) => m.schoolId === ctx.school.id);
  if (here) assertMayAssign(ctx, here.roles);
  const elsewhere = memberships.filter((m) => m.schoolId !== ctx.school.id);
  if (elsewhere.length === 0) return;
  // The actor's own standing in each of those schools, computed as resolveAccess would there.
  const mine = await asPerson(tx, ctx.person.id, (c) => c.membership.findMany({
    where: { personId: ctx.person.id, schoolId: { in: elsewhere.map((m) => m.schoolId) }, ...activeMembershipWhere(today) },
    select: { schoolId: true, roles: true },
  }));
  for (const m of elsewhere) {
    const there = mine.find((x) => x.schoolId === m.schoolId);
    const actor = { orgRoles: ctx.orgRoles, permissions: permissionsFor({ isMember: !!there, schoolRoles: there?.roles ?? [], orgRoles: ctx.orgRoles }) };
    if (!actor.permissions.has("people:manage") || !m.roles.every((r) => mayAssignRole(actor, r)))
      throw new DomainError("This person also works at another school of the organisation where you cannot give their roles, so someone who can do so there must change their account.");
  }
}

export async function addPerson(ctx: SchoolContext, input: Input<typeof addPersonSchema>) {
  return db.$transaction((tx) => addPersonIn(tx, ctx, input));
}

/**
 * Which of these accounts also belong to, or hold a role in, another organisation: one question for them all
 * (`people_elsewhere`, migration 20261202070200), since no school's scope shows their memberships elsewhere.
 * The caller's scope must be a school of `organisationId`.
 */
export async function peopleElsewhere(tx: Tx, personIds: readonly string[], organisationId: string): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT people_elsewhere AS id FROM people_elsewhere(${[...personIds]}::text[], ${organisationId})`;
  return new Set(rows.map((r) => r.id));
}

/** addPerson inside a caller's transaction (the staff import adds many in one). */
export async function addPersonIn(tx: Tx, ctx: SchoolContext, input: Input<typeof addPersonSchema>) {
  assertMayAssign(ctx, input.roles);
  {
    let person = await tx.person.findUnique({ where: { email: input.email } });
    let name = input.name;
    if (person) {
      assertNotSelf(ctx, person.id, "You cannot add yourself or give yourself roles: ask another administrator.", "email");
      const existing = await tx.membership.findUnique({ where: { schoolId_personId: { schoolId: ctx.school.id, personId: person.id } } });
      if (existing) throw new DomainError("This person is already on this school's list.", "email", "CONFLICT");
      // An account that works (or worked) for another organisation is theirs too: nothing about it may show
      // here that this school did not already know. So the school must know the name (a wrong one is refused
      // with a sentence that says nothing of status), and whatever happened to the account elsewhere stays
      // there: the page shows their status in this organisation only (listPeople).
      if ((await peopleElsewhere(tx, [person.id], ctx.school.organisationId)).has(person.id)) {
        if (!namesMatch(input.name, person.name))
          throw new DomainError("This email address is already in use under another name. Check their full name and email address with them.", "name");
      } else {
        name = person.name;
      }
      // Someone who left every school and now joins another is active again (a suspension still stands, and
      // is shown only where it was made).
      if (person.status === "LEFT") person = await tx.person.update({ where: { id: person.id }, data: { status: "ACTIVE" } });
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
      data: { personId: person.id, name, email: person.email, staffGroup: input.staffGroup, roles: input.roles, startDate: input.startDate },
    });
    return { personId: person.id, membershipId: membership.id };
  }
}

export async function membershipInSchool(tx: Tx, ctx: SchoolContext, membershipId: string) {
  // The id comes from the browser: it must belong to this school, or it does not exist for this person.
  const m = await tx.membership.findFirst({ where: { id: membershipId, schoolId: ctx.school.id }, include: { person: true } });
  if (!m) throw notFoundError("That person");
  return m;
}

export async function changeRoles(ctx: SchoolContext, input: Input<typeof changeRolesSchema>) {
  return db.$transaction((tx) => changeRolesIn(tx, ctx, input));
}

export async function changeRolesIn(tx: Tx, ctx: SchoolContext, input: Input<typeof changeRolesSchema>) {
  {
    const m = await membershipInSchool(tx, ctx, input.membershipId);
    assertNotSelf(ctx, m.personId, "You cannot change your own roles: ask another administrator.", "roles");
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
  }
}

export async function markLeaver(ctx: SchoolContext, input: Input<typeof markLeaverSchema>) {
  return db.$transaction((tx) => markLeaverIn(tx, ctx, input));
}

export async function markLeaverIn(tx: Tx, ctx: SchoolContext, input: Input<typeof markLeaverSchema>) {
  {
    const m = await membershipInSchool(tx, ctx, input.membershipId);
    // Leaving ends your roles here, and may end your account: that is for someone else to record.
    assertNotSelf(ctx, m.personId, "You cannot mark yourself as a leaver: ask another administrator.", "endDate");
    if (input.endDate < m.startDate) throw new DomainError("The leaving date cannot be before they started.", "endDate");
    // Ending a membership takes its roles away: only someone who could give them may do it.
    assertMayAssign(ctx, m.roles);
    await tx.membership.update({ where: { id: m.id }, data: { endDate: input.endDate } });
    const today = londonToday();
    // Someone who has left their last school has left: their sessions end at the next request.
    let personLeft = false;
    if (input.endDate < today) {
      const others = await asPerson(tx, m.personId, (c) => c.membership.count({
        where: { personId: m.personId, id: { not: m.id }, OR: [{ endDate: null }, { endDate: { gte: today } }] },
      }));
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
  }
}

export async function setSuspended(ctx: SchoolContext, input: Input<typeof setSuspendedSchema>) {
  return db.$transaction(async (tx) => {
    const m = await membershipInSchool(tx, ctx, input.membershipId);
    if (m.personId === ctx.person.id) throw new DomainError("You cannot suspend your own account.");
    if (m.person.status === "LEFT") throw new DomainError("This person has left.");
    if (m.endDate && m.endDate < londonToday()) throw new DomainError("This person no longer works here.");
    await assertMayChangeAccount(tx, ctx, m.personId);
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
