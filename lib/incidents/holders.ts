import "server-only";
import type { Tx } from "@/lib/db";
import { activeMembershipWhere } from "@/lib/authz/access";
import { DomainError } from "@/lib/authz/errors";
import type { RoleHolder, OrgRoleHolder } from "./routing";

/** The school's role holders today and the organisation's, for routing. */
export async function roleHoldersOf(tx: Tx, school: { id: string; organisationId: string }): Promise<{ holders: RoleHolder[]; orgHolders: OrgRoleHolder[] }> {
  const [members, orgRoles] = await Promise.all([
    tx.membership.findMany({ where: { schoolId: school.id, ...activeMembershipWhere() }, select: { personId: true, roles: true } }),
    tx.organisationRole.findMany({ where: { organisationId: school.organisationId, person: { status: "ACTIVE" } }, select: { personId: true, role: true } }),
  ]);
  return { holders: members, orgHolders: orgRoles };
}

/** Subjects are chosen from the school's people: anyone else is a mistake in the form (or a probe). */
export async function assertSubjectsInSchool(tx: Tx, schoolId: string, subjectIds: readonly string[]) {
  if (subjectIds.length === 0) return;
  const found = await tx.membership.count({ where: { schoolId, personId: { in: [...subjectIds] } } });
  if (found !== subjectIds.length) throw new DomainError("Choose the people from this school's list", "subjectIds");
}

/** Everyone who handles the incident now, decided by the same SQL the row-level security uses. */
export async function handlerIdsOf(tx: Tx, incidentId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT incident_handler_ids AS id FROM incident_handler_ids(${incidentId})`;
  return rows.map((r) => r.id);
}

export async function isHandler(tx: Tx, incidentId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ ok: boolean }[]>`SELECT incident_is_handler(${incidentId}) AS ok`;
  return rows[0]?.ok === true;
}
