import { SchoolRole, StaffGroup } from "@/generated/prisma/enums";
import { SCHOOL_ROLE_LABELS, STAFF_GROUP_LABELS } from "@/lib/authz/labels";

export const staffGroupOptions = Object.values(StaffGroup).map((v) => ({ value: v, label: STAFF_GROUP_LABELS[v] }));
export const schoolRoleOptions = Object.values(SchoolRole).map((v) => ({ value: v, label: SCHOOL_ROLE_LABELS[v] }));
