import { z } from "zod";
import { SchoolRole, StaffGroup } from "@/generated/prisma/enums";
import { personName, emailAddress, optionalText, dateField, id } from "@/lib/validation";

const roles = z
  .array(z.enum(SchoolRole))
  .max(10)
  .transform((r) => Array.from(new Set(r)));

export const addPersonSchema = z.strictObject({
  name: personName,
  email: emailAddress,
  staffGroup: z.enum(StaffGroup, "Choose a staff group"),
  jobTitle: optionalText(120, "Job title"),
  roles,
  startDate: dateField("start date"),
});
export type AddPersonInput = z.input<typeof addPersonSchema>;

export const changeRolesSchema = z.strictObject({ membershipId: id, roles });
export type ChangeRolesInput = z.input<typeof changeRolesSchema>;

export const markLeaverSchema = z.strictObject({ membershipId: id, endDate: dateField("leaving date") });
export type MarkLeaverInput = z.input<typeof markLeaverSchema>;

export const setSuspendedSchema = z.strictObject({ membershipId: id, suspended: z.boolean() });
