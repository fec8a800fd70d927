import { z } from "zod";
import { id } from "@/lib/validation";

export const remindOutstandingSchema = z.strictObject({ policyId: id });
export type RemindOutstandingInput = z.input<typeof remindOutstandingSchema>;
