import { z } from "zod";
import { OrganisationKind } from "@/generated/prisma/enums";
import { personName, emailAddress } from "@/lib/validation";

// The first organisation of a real installation (`npm run setup:organisation`), its first school and the
// administrator who adds everyone else through the app.
export const firstOrganisationSchema = z.strictObject({
  organisationName: z.string("Enter the organisation's name").trim().min(2, "Enter the organisation's name").max(160, "Name must be 160 characters or fewer"),
  kind: z.enum(OrganisationKind, "Choose TRUST, FEDERATION, LOCAL_AUTHORITY or STANDALONE"),
  schoolName: z.string("Enter the school's name").trim().min(2, "Enter the school's name").max(160, "Name must be 160 characters or fewer"),
  schoolSlug: z
    .string("Enter the school's short name for its web address")
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens, like oakfield-primary")
    .max(60, "At most 60 characters"),
  schoolUrn: z
    .string()
    .trim()
    .regex(/^(\d{6,7})?$/, "A URN is 6 or 7 digits (leave it empty if you do not know it)")
    .transform((v) => (v === "" ? null : v))
    .optional(),
  adminName: personName,
  adminEmail: emailAddress,
  // Optional: without one, the administrator signs in by emailed link (SMTP_URL must be set).
  adminPassword: z
    .string()
    .max(200, "At most 200 characters")
    .refine((v) => v === "" || v.length >= 12, "Use at least 12 characters, or leave it empty to sign in by emailed link")
    .transform((v) => (v === "" ? null : v))
    .optional(),
});
export type FirstOrganisationInput = z.input<typeof firstOrganisationSchema>;

/** "Oakfield Primary School" → "oakfield-primary-school". */
export function slugFrom(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}
