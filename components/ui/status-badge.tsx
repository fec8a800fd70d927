import type { ReactNode } from "react";

// Colour is never the only signal: the badge always carries its word, and each tone keeps AA contrast.
const TONES = {
  neutral: "bg-slate-200 text-slate-900",
  info: "bg-sky-100 text-sky-900",
  success: "bg-emerald-100 text-emerald-900",
  warning: "bg-amber-100 text-amber-900",
  danger: "bg-red-100 text-red-900",
} as const;

export type BadgeTone = keyof typeof TONES;

/** A short status word in a coloured pill: "Signed", "Overdue", "New", "Closed". */
export function StatusBadge({ tone = "neutral", children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-sm font-semibold ${TONES[tone]}`}>{children}</span>;
}
