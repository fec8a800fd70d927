import { z } from "zod";
import { StaffGroup } from "@/generated/prisma/enums";
import { optionalText, id } from "@/lib/validation";
import { parseDateInput } from "@/lib/dates";

// Shared by the policy editor form and the server actions. Drafts may be incomplete; what a version
// needs before it can be published is checked at publication (lib/policies/service.ts, publishVersion).

/** "YYYY-MM-DD" or empty (→ null). */
const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || parseDateInput(v) !== null, `Enter the ${label} as a real date`)
    .transform((v) => (v === "" ? null : parseDateInput(v)!))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

const days = (label: string, min: number) =>
  z.coerce
    .number(`Enter the ${label} as a number of days`)
    .int(`Enter the ${label} as a whole number of days`)
    .min(min, `The ${label} must be at least ${min} day${min === 1 ? "" : "s"}`)
    .max(365, `The ${label} must be 365 days or fewer`);

export const sectionSchema = z.strictObject({
  heading: z.string().trim().min(1, "Give the section a heading").max(200, "Headings must be 200 characters or fewer"),
  // Markdown; rendered without raw HTML (lib/markdown/render.ts).
  body: z.string().max(50_000, "A section must be 50,000 characters or fewer"),
});

export const policyContentFields = {
  title: z.string().trim().min(3, "Enter the policy title").max(200, "The title must be 200 characters or fewer"),
  sections: z.array(sectionSchema).max(60, "A policy can have at most 60 sections"),
  // Empty rows from the form are dropped rather than refused.
  statements: z
    .array(z.string().trim().max(1000, "A statement must be 1,000 characters or fewer"))
    .max(80, "A policy can have at most 80 statements")
    .transform((s) => s.filter((x) => x.length > 0)),
  declarationWording: z.string().trim().max(5000, "The declaration must be 5,000 characters or fewer"),
  audience: z
    .array(z.enum(StaffGroup, "Choose staff groups from the list"))
    .max(Object.keys(StaffGroup).length)
    .transform((a) => Array.from(new Set(a)).sort()),
  inductionRequired: z.boolean(),
  approvedBy: optionalText(200, "Approved by"),
  approvedOn: optionalDate("approval date"),
  reviewDue: optionalDate("review date"),
  changeSummary: optionalText(2000, "What changed"),
};

export const createPolicySchema = z.strictObject({
  // "organisation": a trust-wide policy that applies in every school of the trust.
  scope: z.enum(["school", "organisation"], "Choose whether the policy is for this school or the whole trust"),
  dueDays: days("time to sign", 0).default(14),
  firstReminderDays: days("time before the first reminder", 1).default(7),
  ...policyContentFields,
});
export type CreatePolicyInput = z.input<typeof createPolicySchema>;

export const updateDraftSchema = z.strictObject({ versionId: id, ...policyContentFields });
export type UpdateDraftInput = z.input<typeof updateDraftSchema>;

export const publishVersionSchema = z.strictObject({ versionId: id });
export type PublishVersionInput = z.input<typeof publishVersionSchema>;

export const newVersionSchema = z.strictObject({
  policyId: id,
  // Re-signers see this first, so it must say something.
  changeSummary: z
    .string()
    .trim()
    .min(10, "Say what changed in this version (at least 10 characters)")
    .max(2000, "What changed must be 2,000 characters or fewer"),
});
export type NewVersionInput = z.input<typeof newVersionSchema>;

export const discardDraftSchema = z.strictObject({ versionId: id });
export type DiscardDraftInput = z.input<typeof discardDraftSchema>;

export const updatePolicySettingsSchema = z.strictObject({
  policyId: id,
  dueDays: days("time to sign", 0),
  firstReminderDays: days("time before the first reminder", 1),
});
export type UpdatePolicySettingsInput = z.input<typeof updatePolicySettingsSchema>;
