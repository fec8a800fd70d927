import { z } from "zod";

// Long enough for a recovery code typed with spaces; the service says which shape it expects.
export const mfaCodeSchema = z.strictObject({
  code: z.string().trim().min(1, "Enter the code").max(40, "That is too long for a code"),
});

export const resetMfaSchema = z.strictObject({ membershipId: z.string().min(1).max(64) });
