import { z } from "zod";
import { id, optionalText, dateField, requiredText as required, optionalDateField as optionalDate } from "@/lib/validation";

// Shared by the forms and the server actions; rules that need the database or today's date are in service.ts.

const choose = (label: string) => id.or(z.literal("")).refine((v) => v !== "", `Choose ${label}`);

export const requestChangeSchema = z
  .strictObject({
    targetKind: z.enum(["WEBSITE", "CATEGORY"], "Choose a website or a category"),
    target: required("website or category", 300),
    direction: z.enum(["ALLOW", "BLOCK"], "Choose allow or block"),
    temporary: z.boolean(),
    endsOn: optionalDate("end date"),
    reason: required("reason", 2000),
    reviewOn: dateField("date for review"),
  })
  .superRefine((v, ctx) => {
    if (v.temporary && !v.endsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "Enter the date a temporary change ends" });
    if (v.endsOn && v.reviewOn > v.endsOn) ctx.addIssue({ code: "custom", path: ["reviewOn"], message: "Review a temporary change on or before its end date" });
  });
export type RequestChangeInput = z.input<typeof requestChangeSchema>;

export const changeIdSchema = z.strictObject({ changeId: id });

export const refuseChangeSchema = z.strictObject({ changeId: id, reason: required("reason for refusing", 2000) });

export const recordMadeSchema = z
  .strictObject({
    changeId: id,
    madeBy: z.enum(["PERSON", "PROVIDER"], "Say who made the change"),
    madeById: z.string().trim().max(64).optional().default(""),
    madeByName: optionalText(120, "Name"),
    madeByCompany: optionalText(120, "Company"),
    madeOn: dateField("date it was made"),
    note: optionalText(1000, "Note"),
  })
  .superRefine((v, ctx) => {
    if (v.madeBy === "PERSON" && !v.madeById) ctx.addIssue({ code: "custom", path: ["madeById"], message: "Choose who made the change" });
    if (v.madeBy === "PROVIDER" && !v.madeByName) ctx.addIssue({ code: "custom", path: ["madeByName"], message: "Enter the technician's name" });
    if (v.madeBy === "PROVIDER" && !v.madeByCompany) ctx.addIssue({ code: "custom", path: ["madeByCompany"], message: "Enter the provider's company" });
  });
export type RecordMadeInput = z.input<typeof recordMadeSchema>;

export const confirmChangeSchema = z.strictObject({ changeId: id, note: optionalText(1000, "Note") });

export const reviewChangeSchema = z
  .strictObject({
    changeId: id,
    decision: z.enum(["KEEP", "REVERT"], "Choose keep or revert"),
    nextReviewOn: optionalDate("next review date"),
    note: required("note on the review", 2000),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "KEEP" && !v.nextReviewOn) ctx.addIssue({ code: "custom", path: ["nextReviewOn"], message: "Enter when it is next reviewed" });
  });
export type ReviewChangeInput = z.input<typeof reviewChangeSchema>;

export const markRevertedSchema = z.strictObject({ changeId: id, note: required("note on who reverted it and how", 1000) });

export const recordCheckSchema = z.strictObject({
  checkedOn: dateField("date of the check"),
  tested: required("what was tested", 2000),
  device: required("device", 200),
  userGroup: required("user group", 200),
  result: z.enum(["PASS", "FAIL"], "Choose pass or fail"),
  notes: optionalText(2000, "Notes"),
  nextCheckDue: dateField("date the next check is due"),
});
export type RecordCheckInput = z.input<typeof recordCheckSchema>;

export const responsiblePeopleSchema = z.strictObject({
  seniorLeaderId: choose("the senior leader"),
  governorId: choose("the governor"),
});

const reviewAction = z.strictObject({
  action: required("action", 500),
  owner: required("owner", 120),
  dueOn: dateField("due date"),
});

export const annualReviewSchema = z.strictObject({
  reviewedOn: dateField("date of the review"),
  seniorLeaderId: choose("the senior leader who took part"),
  dslId: choose("the DSL who took part"),
  governorId: choose("the governor who took part"),
  itProvider: required("IT provider (name and company)", 200),
  others: optionalText(500, "Others present"),
  findings: required("findings", 5000),
  actions: z.array(reviewAction).max(20, "Record at most 20 actions"),
  nextReviewOn: dateField("next review date"),
});
export type AnnualReviewInput = z.input<typeof annualReviewSchema>;
