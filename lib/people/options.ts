import { SchoolRole, StaffGroup } from "@/generated/prisma/enums";
import { SCHOOL_ROLE_LABELS, STAFF_GROUP_LABELS } from "@/lib/authz/labels";
import { mayAssignRole, type Permission } from "@/lib/authz/permissions";
import type { OrgRole } from "@/generated/prisma/enums";

export const staffGroupOptions = Object.values(StaffGroup).map((v) => ({ value: v, label: STAFF_GROUP_LABELS[v] }));

/** Every school role, marked with whether this person may give or remove it (the service checks again). */
export function schoolRoleOptions(actor: { permissions: ReadonlySet<Permission>; orgRoles: readonly OrgRole[] }) {
  return Object.values(SchoolRole).map((v) => ({ value: v, label: SCHOOL_ROLE_LABELS[v], disabled: !mayAssignRole(actor, v) }));
}
