// Zod schemas shared by the forms (react-hook-form) and the server actions.
import { z } from "zod";
import { MonitoringKind, MonitoringGround } from "@/generated/prisma/enums";
import { id, optionalText, dateField } from "@/lib/validation";
import { londonToday } from "@/lib/dates";
import { MAX_DAYS } from "./terms";

const DAY = 86_400_000;

const assessment = (label: string, missing: string) =>
  z
    .string(missing)
    .trim()
    .min(20, `${missing}: a sentence or two at least`)
    .max(5000, `${label} must be 5,000 characters or fewer`);

export const requestSchema = z
  .strictObject({
    subjectId: z.string("Choose whose communications").trim().min(1, "Choose whose communications").max(64),
    kinds: z.array(z.enum(MonitoringKind), "Choose what is to be monitored").min(1, "Choose what is to be monitored"),
    grounds: z.array(z.enum(MonitoringGround), "Choose the grounds").min(1, "Choose the grounds"),
    necessity: assessment("The assessment", "Say why it is necessary and proportionate"),
    alternatives: assessment("The less intrusive options", "Say which less intrusive options were considered"),
    dpiaReference: optionalText(100, "The DPIA reference"),
    startsOn: dateField("start date"),
    endsOn: dateField("end date"),
  })
  .superRefine((v, ctx) => {
    if (v.startsOn.getTime() < londonToday().getTime()) {
      ctx.addIssue({ code: "custom", path: ["startsOn"], message: "The start date cannot be in the past" });
    }
    const days = (v.endsOn.getTime() - v.startsOn.getTime()) / DAY + 1;
    if (days < 1) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "The end date must be on or after the start date" });
    else if (days > MAX_DAYS) ctx.addIssue({ code: "custom", path: ["endsOn"], message: `An authorisation lasts at most ${MAX_DAYS} days, counting the first and last` });
  });
export type RequestInput = z.input<typeof requestSchema>;

const authorisationId = id;

export const decideSchema = z
  .strictObject({
    authorisationId,
    decision: z.enum(["APPROVED", "DECLINED"], "Choose approve or decline"),
    reason: optionalText(2000, "The reason"),
  })
  .refine((v) => v.decision !== "DECLINED" || !!v.reason, { path: ["reason"], message: "Give the reason for declining" });
export type DecideInput = z.input<typeof decideSchema>;

export const outcomeSchema = z.strictObject({
  authorisationId,
  found: z.string("Say what the monitoring found").trim().min(2, "Say what the monitoring found").max(5000, "What was found must be 5,000 characters or fewer"),
  actionTaken: z.string("Say what action was taken").trim().min(2, "Say what action was taken (or “none”)").max(5000, "The action taken must be 5,000 characters or fewer"),
});
export type OutcomeInput = z.input<typeof outcomeSchema>;
