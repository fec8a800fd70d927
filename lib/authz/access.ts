import "server-only";
import { db } from "@/lib/db";
import { runInScope } from "@/lib/db/context";
import type { SchoolRole, OrgRole } from "@/generated/prisma/enums";
import { permissionsFor, type Permission } from "./permissions";
import { londonToday } from "@/lib/dates";

export type SessionPerson = { id: string; name: string; email: string; authMethod: string };

export type SchoolContext = {
  person: SessionPerson;
  school: { id: string; slug: string; name: string; organisationId: string };
  /** Null when the person acts only through an organisation role. */
  membership: { id: string; staffGroup: string; startDate: Date } | null;
  schoolRoles: SchoolRole[];
  orgRoles: OrgRole[];
  permissions: Set<Permission>;
};

/** An active membership: started, not ended (end date is the last working day), person active. */
export function activeMembershipWhere(today = londonToday()) {
  return {
    startDate: { lte: today },
    OR: [{ endDate: null }, { endDate: { gte: today } }],
    person: { status: "ACTIVE" as const },
  };
}

/** Null means "not found": the person has no standing in this school, or it does not exist. */
export async function resolveAccess(person: SessionPerson, schoolSlug: string): Promise<SchoolContext | null> {
  if (typeof schoolSlug !== "string" || schoolSlug.length > 100) return null;
  const school = await db.school.findUnique({
    where: { slug: schoolSlug },
    select: { id: true, slug: true, name: true, organisationId: true },
  });
  if (!school) return null;
  // Looked up in that school's scope: row-level security shows no membership without one. One batch
  // transaction (BEGIN, the scope, both reads, COMMIT) rather than two: every action and page pays it.
  const [membership, orgRoles] = await runInScope({ schoolId: school.id, personId: person.id }, () => db.$transaction([
    db.membership.findFirst({
      where: { schoolId: school.id, personId: person.id, ...activeMembershipWhere() },
      select: { id: true, staffGroup: true, startDate: true, roles: true },
    }),
    db.organisationRole.findMany({
      where: { organisationId: school.organisationId, personId: person.id },
      select: { role: true },
    }),
  ]));
  if (!membership && orgRoles.length === 0) return null;
  const schoolRoles = membership?.roles ?? [];
  const org = orgRoles.map((r) => r.role);
  return {
    person,
    school,
    membership: membership ? { id: membership.id, staffGroup: membership.staffGroup, startDate: membership.startDate } : null,
    schoolRoles,
    orgRoles: org,
    permissions: permissionsFor({ isMember: !!membership, schoolRoles, orgRoles: org }),
  };
}

export function can(ctx: Pick<SchoolContext, "permissions">, permission: Permission): boolean {
  return ctx.permissions.has(permission);
}
