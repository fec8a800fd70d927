// Zod schemas shared by the forms (react-hook-form) and the server actions. A request's own fields are
// its kind's schema (kinds.ts), checked under `details.<field>` so each message sits by its field.
import { z } from "zod";
import { id, optionalText } from "@/lib/validation";
import { parseDateInput } from "@/lib/dates";
import { KIND_KEYS, REQUEST_KINDS, detailsSchema, type RequestKindKey } from "./kinds";

const kind = z.enum(KIND_KEYS as [RequestKindKey, ...RequestKindKey[]], "Choose what you are asking for");

function checkDetails(kindKey: RequestKindKey, details: unknown, ctx: z.RefinementCtx) {
  const parsed = detailsSchema(REQUEST_KINDS[kindKey]).safeParse(details ?? {});
  if (parsed.success) return parsed.data as Record<string, string | true>;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["details", ...issue.path.map(String)], message: issue.message });
  return z.NEVER;
}

export const submitRequestSchema = z
  .strictObject({ kind, details: z.record(z.string(), z.unknown()) })
  .transform((v, ctx) => ({ kind: v.kind, details: checkDetails(v.kind, v.details, ctx) }));
export type SubmitRequestInput = z.input<typeof submitRequestSchema>;

/** For the form: the same checks, for the kind chosen. */
export function submitSchemaFor(kindKey: string) {
  return z.strictObject({
    kind,
    details: Object.hasOwn(REQUEST_KINDS, kindKey) ? detailsSchema(REQUEST_KINDS[kindKey as RequestKindKey]) : z.record(z.string(), z.unknown()),
  });
}

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || parseDateInput(v) !== null, `Enter the ${label} as a real date`)
    .transform((v) => (v ? parseDateInput(v)! : null));

export const approveRequestSchema = z.strictObject({
  requestId: id,
  conditions: optionalText(2000, "Conditions"),
  // Required for a time-limited kind: the service says so by the field.
  endsOn: optionalDate("end date"),
});
export const declineRequestSchema = z.strictObject({
  requestId: id,
  reason: z.string("Give the reason for declining").trim().min(1, "Give the reason for declining").max(2000, "The reason must be 2000 characters or fewer"),
});
export const askMoreSchema = z.strictObject({
  requestId: id,
  question: z.string("Say what you need to know").trim().min(1, "Say what you need to know").max(2000, "The question must be 2000 characters or fewer"),
});
export const acknowledgeSchema = z.strictObject({ requestId: id, note: optionalText(2000, "Note") });
export const answerSchema = z.strictObject({
  requestId: id,
  answer: z.string("Give your answer").trim().min(1, "Give your answer").max(2000, "Your answer must be 2000 characters or fewer"),
  // The request's fields as the requester corrected them (checked against its kind by the service).
  details: z.record(z.string(), z.unknown()).optional(),
});
export const withdrawSchema = z.strictObject({ requestId: id, note: optionalText(2000, "Note") });

export const registerFilterSchema = z.object({
  kind: z.enum(KIND_KEYS as [RequestKindKey, ...RequestKindKey[]]).optional().catch(undefined),
  status: z.enum(["SUBMITTED", "MORE_INFO", "APPROVED", "DECLINED", "ACKNOWLEDGED", "WITHDRAWN", "EXPIRED"]).optional().catch(undefined),
});
