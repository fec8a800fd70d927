import "server-only";
import { db } from "@/lib/db";
import { runInScope } from "@/lib/db/context";
import type { SchoolRole, OrgRole } from "@/generated/prisma/enums";
import { permissionsFor, type Permission } from "./permissions";
import { londonToday, londonDateString } from "@/lib/dates";

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

type AccessRow = {
  id: string; slug: string; name: string; organisationId: string;
  membershipId: string | null; staffGroup: string | null; startDate: Date | null; roles: SchoolRole[] | null; orgRoles: OrgRole[];
};

/**
 * Null means "not found": the person has no standing in this school, or it does not exist.
 *
 * Every action and page asks this first, so it is one raw statement (decision 0030): the school, the
 * person's active membership there and their roles in its organisation. It runs in the person's own scope,
 * where row-level security shows them their own memberships in every school (membership_own), which is
 * all this needs before the school is known.
 */
export async function resolveAccess(person: SessionPerson, schoolSlug: string): Promise<SchoolContext | null> {
  if (typeof schoolSlug !== "string" || schoolSlug.length > 100) return null;
  // As activeMembershipWhere: started, not ended (the end date is the last working day), person active.
  const today = londonDateString(new Date());
  const [row] = await runInScope({ personId: person.id }, () => db.$queryRaw<AccessRow[]>`
    SELECT s.id, s.slug, s.name, s."organisationId",
      m.id AS "membershipId", m."staffGroup"::text AS "staffGroup", m."startDate", m.roles::text[] AS roles,
      ARRAY(SELECT r.role::text FROM "OrganisationRole" r WHERE r."organisationId" = s."organisationId" AND r."personId" = ${person.id}) AS "orgRoles"
    FROM "School" s
    LEFT JOIN LATERAL (
      SELECT m.id, m."staffGroup", m."startDate", m.roles FROM "Membership" m JOIN "Person" p ON p.id = m."personId"
      WHERE m."schoolId" = s.id AND m."personId" = ${person.id} AND p.status = 'ACTIVE'
        AND m."startDate" <= ${today}::date AND (m."endDate" IS NULL OR m."endDate" >= ${today}::date)
      LIMIT 1
    ) m ON true
    WHERE s.slug = ${schoolSlug}`);
  if (!row) return null;
  const membership = row.membershipId ? { id: row.membershipId, staffGroup: row.staffGroup!, startDate: row.startDate! } : null;
  if (!membership && row.orgRoles.length === 0) return null;
  const schoolRoles = row.roles ?? [];
  const org = row.orgRoles;
  return {
    person,
    school: { id: row.id, slug: row.slug, name: row.name, organisationId: row.organisationId },
    membership,
    schoolRoles,
    orgRoles: org,
    permissions: permissionsFor({ isMember: !!membership, schoolRoles, orgRoles: org }),
  };
}

export function can(ctx: Pick<SchoolContext, "permissions">, permission: Permission): boolean {
  return ctx.permissions.has(permission);
}
