import { toCsv } from "@/lib/declarations/csv";
import { formatDateTime } from "@/lib/dates";
import type { Report } from "./report";

// The board pack's figures as one spreadsheet: a title block, then each section's figures and tables, one
// per block of rows. Cells go through toCsv (formula-safe, UTF-8 with a byte-order mark for Excel).
export function boardPackCsv(report: Report): string {
  const rows: unknown[][] = [
    [report.kind === "trust" ? "Trust governors' summary" : "Governors' summary", report.name],
    ["Period", report.period.label],
    ["Figures as at", formatDateTime(report.generatedAt)],
    [],
  ];
  for (const s of report.sections) {
    rows.push([s.title]);
    for (const [label, value] of s.facts) rows.push([label, value]);
    for (const b of s.blocks) rows.push([], [b.table.caption], b.table.head, ...b.table.rows);
    rows.push([]);
  }
  return toCsv(rows);
}
