import { z } from "zod";
import { id } from "@/lib/validation";
import { MAX_SIGNATURE_DATA_URL } from "./signature";

// Shared by the signing form and the server action. The typed name is compared with the name on
// record in the service (it needs the person), the PNG is decoded and checked there too.

export const signDeclarationSchema = z.strictObject({
  policyVersionId: id,
  typedName: z.string().trim().min(2, "Type your full name").max(120, "Your name must be 120 characters or fewer"),
  // A PNG data URL from the signature canvas. Optional: the typed name alone is always enough.
  signaturePng: z
    .string()
    .max(MAX_SIGNATURE_DATA_URL, "The drawn signature is too large. Clear it and draw it again.")
    .refine((v) => v === "" || v.startsWith("data:image/png;base64,"), "The drawn signature must be a PNG image.")
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  confirmed: z.literal(true, "Tick the box to confirm you have read the policy and agree to the declaration"),
});
export type SignDeclarationInput = z.input<typeof signDeclarationSchema>;
