import type { PolicySection, PolicyVersionContent } from "./content";

const ymd = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");

/** A stored version as the editor form's strings (dates as YYYY-MM-DD, statements one per line). */
export function editorValuesFrom(v: Omit<PolicyVersionContent, "policyId" | "number" | "sections"> & { sections: PolicySection[] }, policy: { dueDays: number; firstReminderDays: number; scope: "school" | "organisation" }) {
  return {
    title: v.title,
    scope: policy.scope,
    dueDays: String(policy.dueDays),
    firstReminderDays: String(policy.firstReminderDays),
    sections: v.sections,
    statementsText: v.statements.join("\n"),
    declarationWording: v.declarationWording,
    audience: [...v.audience] as string[],
    inductionRequired: v.inductionRequired,
    approvedBy: v.approvedBy ?? "",
    approvedOn: ymd(v.approvedOn),
    reviewDue: ymd(v.reviewDue),
    changeSummary: v.changeSummary ?? "",
  };
}

export const BLANK_POLICY = {
  title: "",
  scope: "school" as const,
  dueDays: "14",
  firstReminderDays: "7",
  sections: [{ heading: "Introduction", body: "" }],
  statementsText: "",
  declarationWording: "I have read and understand this policy and agree to follow it.",
  audience: ["TEACHER", "TEACHING_ASSISTANT", "SUPPORT", "OFFICE", "SUPPLY"],
  inductionRequired: false,
  approvedBy: "",
  approvedOn: "",
  reviewDue: "",
  changeSummary: "",
};
