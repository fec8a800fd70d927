import { STAFF_GROUP_LABELS } from "@/lib/authz/labels";
import { formatDate, formatDateTime } from "@/lib/dates";
import type { PolicyCoverage } from "./coverage";

// CSV for spreadsheets. Cells that start with = + - @ (or a tab / carriage return) would be run as
// formulas by Excel and friends ("CSV injection"), so they are prefixed with a quote, which shows as text.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: unknown[][]): string {
  // The byte-order mark makes Excel read the file as UTF-8 (names with accents).
  return "\uFEFF" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

const STATE_LABELS = { signed: "Signed", outstanding: "Outstanding", overdue: "Overdue" } as const;

export const COVERAGE_HEADER = [
  "School",
  "Name",
  "Staff group",
  "Status",
  "Due on",
  "Signed at (London)",
  "Policy",
  "Version",
  "Reminders sent",
  "Last reminded (London)",
  "Escalated (London)",
];

/** One row per person in the audience of the policy's latest version in that school. */
export function coverageRows(schoolName: string, c: PolicyCoverage): unknown[][] {
  return c.people.map((p) => [
    schoolName,
    p.name,
    STAFF_GROUP_LABELS[p.staffGroup],
    STATE_LABELS[p.state],
    formatDate(p.dueOn),
    formatDateTime(p.signedAt),
    c.version.title,
    c.version.number,
    p.reminderCount,
    formatDateTime(p.lastRemindedAt),
    formatDateTime(p.escalatedAt),
  ]);
}
