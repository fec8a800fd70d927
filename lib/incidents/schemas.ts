// Zod schemas shared by the forms (react-hook-form) and the server actions.
import { z } from "zod";
import { IncidentCategory, IncidentOutcome, BreachType, BreachRisk, SchoolRole } from "@/generated/prisma/enums";
import { id, optionalText, dateField } from "@/lib/validation";
import { parseLondonDateTime } from "./breach-clock";
import { CHRONOLOGY_KINDS } from "./categories";

// Reports are written on phones in a hurry: a few minutes of clock drift is not "in the future".
const FUTURE_SLACK_MS = 5 * 60_000;

/** A datetime-local field read as London time. */
export const londonDateTime = (label: string) =>
  z
    .string(`Enter ${label}`)
    .trim()
    .min(1, `Enter ${label}`)
    .refine((v) => parseLondonDateTime(v) !== null, `Enter ${label} as a real date and time`)
    .transform((v) => parseLondonDateTime(v)!)
    .refine((d) => d.getTime() <= Date.now() + FUTURE_SLACK_MS, `${label[0].toUpperCase()}${label.slice(1)} cannot be in the future`);

// Not a union with "": a bad date would then fail both branches and show zod's own "Invalid input".
const optionalLondonDateTime = (label: string) =>
  z
    .string()
    .trim()
    .nullable()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const parsed = londonDateTime(label).safeParse(v);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
      return z.NEVER;
    });

/** Pupils appear as initials or a school reference only: we keep no pupil records. */
const pupilRefs = z
  .string()
  .trim()
  .max(200, "Pupils involved must be 200 characters or fewer")
  .refine(
    (v) => v.split(/[,;\n]/).every((item) => item.trim().length <= 12),
    "Give pupils as initials or a reference (up to 12 characters each, separated by commas), not names",
  )
  .transform((v) => (v === "" ? null : v))
  .nullable()
  .optional();

export const reportIncidentSchema = z
  .strictObject({
    category: z.enum(IncidentCategory, "Choose what kind of concern this is"),
    description: z
      .string("Say what happened")
      .trim()
      .min(10, "Say what happened in a sentence or two")
      .max(5000, "What happened must be 5,000 characters or fewer"),
    occurredAt: optionalLondonDateTime("when it happened"),
    awareAt: londonDateTime("when you became aware"),
    location: optionalText(200, "Where or which device"),
    subjectIds: z.array(id).max(10, "Choose at most 10 people").default([]).transform((ids) => Array.from(new Set(ids))),
    pupilRefs,
    immediateAction: optionalText(2000, "Action taken"),
  })
  .refine((v) => !v.occurredAt || v.occurredAt.getTime() <= v.awareAt.getTime() + FUTURE_SLACK_MS, {
    path: ["occurredAt"],
    message: "When it happened must be before you became aware of it",
  });
export type ReportIncidentInput = z.input<typeof reportIncidentSchema>;

const incidentId = id;

export const acknowledgeSchema = z.strictObject({ incidentId });
export const acknowledgeUrgentSchema = z.strictObject({ incidentId });

/** Moves an open report forward; closing and reopening have their own schemas. */
export const setStatusSchema = z.strictObject({
  incidentId,
  status: z.enum(["ACKNOWLEDGED", "INVESTIGATING"], "Choose a status"),
});

export const setLeadSchema = z.strictObject({ incidentId, leadId: z.string("Choose a lead handler").trim().min(1, "Choose a lead handler").max(64) });

export const chronologySchema = z.strictObject({
  incidentId,
  kind: z.enum(Object.keys(CHRONOLOGY_KINDS) as [keyof typeof CHRONOLOGY_KINDS, ...(keyof typeof CHRONOLOGY_KINDS)[]], "Choose what happened"),
  note: z.string("Write what happened").trim().min(2, "Write what happened").max(5000, "The entry must be 5,000 characters or fewer"),
});
export type ChronologyInput = z.input<typeof chronologySchema>;

export const rerouteSchema = z.strictObject({
  incidentId,
  toRole: z.enum(SchoolRole, "Choose who should handle it"),
  reason: z.string("Give a reason").trim().min(5, "Give a reason").max(1000, "The reason must be 1,000 characters or fewer"),
});
export type RerouteInput = z.input<typeof rerouteSchema>;

export const closeSchema = z.strictObject({
  incidentId,
  outcome: z.enum(IncidentOutcome, "Choose an outcome"),
  summary: z.string("Summarise the outcome").trim().min(5, "Summarise the outcome").max(5000, "The summary must be 5,000 characters or fewer"),
});
export type CloseInput = z.input<typeof closeSchema>;

export const reopenSchema = z.strictObject({
  incidentId,
  reason: z.string("Give a reason for reopening").trim().min(5, "Give a reason for reopening").max(1000, "The reason must be 1,000 characters or fewer"),
});

const count = (label: string) =>
  z.coerce
    .number(`Enter the number of ${label} (0 if none)`)
    .int(`Enter the number of ${label} as a whole number`)
    .min(0, `The number of ${label} cannot be negative`)
    .max(10_000_000, `The number of ${label} is too large`);

export const breachDetailsSchema = z
  .strictObject({
    incidentId,
    breachType: z.enum(BreachType, "Choose the type of breach"),
    personalData: z.string("Describe the personal data involved").trim().min(3, "Describe the personal data involved").max(2000, "Personal data must be 2,000 characters or fewer"),
    peopleAffected: count("people affected"),
    recordsAffected: count("records affected"),
    consequences: z.string("Describe the likely consequences").trim().min(3, "Describe the likely consequences").max(2000, "Consequences must be 2,000 characters or fewer"),
    risk: z.enum(BreachRisk, "Choose the level of risk"),
    remedialAction: z.string("Describe the action taken").trim().min(3, "Describe the action taken").max(2000, "Action taken must be 2,000 characters or fewer"),
    subjectsInformed: z.boolean("Say whether the people affected were told"),
    subjectsInformedOn: z.union([z.literal("").transform(() => null), dateField("date they were told")]).nullable().optional(),
  })
  .refine((v) => !v.subjectsInformed || v.subjectsInformedOn, { path: ["subjectsInformedOn"], message: "Enter the date they were told" });
export type BreachDetailsInput = z.input<typeof breachDetailsSchema>;

export const breachDecisionSchema = z
  .strictObject({
    incidentId,
    reported: z.boolean("Say whether it was reported to the ICO"),
    icoReportedOn: z.union([z.literal("").transform(() => null), dateField("date it was reported")]).nullable().optional(),
    icoReference: optionalText(100, "ICO reference"),
    notReportedReason: optionalText(2000, "Reason"),
  })
  .superRefine((v, ctx) => {
    if (v.reported) {
      if (!v.icoReportedOn) ctx.addIssue({ code: "custom", path: ["icoReportedOn"], message: "Enter the date it was reported to the ICO" });
      if (!v.icoReference) ctx.addIssue({ code: "custom", path: ["icoReference"], message: "Enter the ICO's reference" });
    } else if (!v.notReportedReason || v.notReportedReason.length < 5) {
      ctx.addIssue({ code: "custom", path: ["notReportedReason"], message: "Give the reason it was not reported" });
    }
  });
export type BreachDecisionInput = z.input<typeof breachDecisionSchema>;

export const incidentFiltersSchema = z.object({
  status: z.enum(["NEW", "ACKNOWLEDGED", "INVESTIGATING", "CLOSED", "OPEN"]).optional().catch(undefined),
  category: z.enum(IncidentCategory).optional().catch(undefined),
  from: z.string().optional().transform((v) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined)),
  to: z.string().optional().transform((v) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined)),
});
/** Filters from the register's query string; anything unrecognised is ignored rather than an error. */
export type IncidentFilters = Partial<z.output<typeof incidentFiltersSchema>>;
