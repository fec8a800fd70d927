// Red / amber / green for the trust roll-up, against thresholds kept here as data and tested as a table
// (tests/unit/governance-rules.test.ts). A school's state is its worst figure's. Incident counts are left
// out on purpose: a colour would tell a trustee that one case exists where the count says "fewer than 3".

export type Rag = "green" | "amber" | "red";

export type Headline = {
  /** Signed of everyone who must sign the current versions, 0–100; null when nobody has to sign anything. */
  coveragePercent: number | null;
  overdueDeclarations: number;
  policiesOverdueReview: number;
  equipmentOverdue: number;
  checksOverdue: number;
  leaversWithKit: number;
  /** 1 when the audit log's chain is broken. */
  auditBroken: number;
};

type Rule = {
  key: keyof Headline;
  label: string;
  /** "higher": green at or above `green`, amber at or above `amber`. "lower": green at or below, amber at or below. */
  better: "higher" | "lower";
  green: number;
  amber: number;
};

export const RAG_RULES: readonly Rule[] = [
  { key: "coveragePercent", label: "Declarations signed", better: "higher", green: 95, amber: 85 },
  { key: "overdueDeclarations", label: "Declarations overdue", better: "lower", green: 0, amber: 10 },
  { key: "policiesOverdueReview", label: "Policies past their review date", better: "lower", green: 0, amber: 0 },
  { key: "equipmentOverdue", label: "Equipment overdue back", better: "lower", green: 0, amber: 3 },
  { key: "checksOverdue", label: "Equipment checks overdue", better: "lower", green: 0, amber: 5 },
  { key: "leaversWithKit", label: "Leavers still holding kit", better: "lower", green: 0, amber: 1 },
  { key: "auditBroken", label: "Audit log altered", better: "lower", green: 0, amber: 0 },
];

export const RAG_LABELS: Record<Rag, string> = { green: "Green", amber: "Amber", red: "Red" };
const ORDER: Record<Rag, number> = { green: 0, amber: 1, red: 2 };

export function ragOf(rule: Rule, value: number | null): Rag {
  if (value === null) return "green";
  if (rule.better === "higher") return value >= rule.green ? "green" : value >= rule.amber ? "amber" : "red";
  return value <= rule.green ? "green" : value <= rule.amber ? "amber" : "red";
}

/** The school's state and, in words, the figures that made it so. */
export function ragFor(h: Headline): { state: Rag; reasons: string[] } {
  let state: Rag = "green";
  const reasons: string[] = [];
  for (const rule of RAG_RULES) {
    const r = ragOf(rule, h[rule.key]);
    if (r !== "green") reasons.push(`${rule.label}: ${RAG_LABELS[r].toLowerCase()}`);
    if (ORDER[r] > ORDER[state]) state = r;
  }
  return { state, reasons };
}
