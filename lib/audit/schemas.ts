import { z } from "zod";
import { londonDateString, parseDateInput } from "@/lib/dates";

// The audit page's filters arrive as a GET query (bookmarkable, and the CSV link carries the same query).
// A bad value is reported next to its field and left out of the search; the other filters still apply.

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilters = {
  action?: string;
  /** Part of a name or an email address: events done by, or about, the people it matches. */
  person?: string;
  /** London calendar days, inclusive. */
  from?: string;
  to?: string;
};
export type AuditCursor = { before?: bigint; after?: bigint };
export type AuditQuery = { filters: AuditFilters; cursor: AuditCursor; errors: Partial<Record<keyof AuditFilters, string>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
const CURSOR = /^[1-9]\d{0,18}$/;

const fields = {
  action: z.string().max(60, "Choose an action from the list").regex(/^[a-z][a-z_.]*$/, "Choose an action from the list"),
  person: z.string().max(120, "Search for at most 120 characters"),
  from: z.string().refine((v) => parseDateInput(v) !== null, "Enter the start date as a real date, for example 2026-03-01"),
  to: z.string().refine((v) => parseDateInput(v) !== null, "Enter the end date as a real date, for example 2026-03-31"),
};

export function parseAuditQuery(params: Record<string, string | string[] | undefined>): AuditQuery {
  const filters: AuditFilters = {};
  const errors: AuditQuery["errors"] = {};
  for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
    const raw = one(params[key]);
    if (raw === "") continue;
    const parsed = fields[key].safeParse(raw);
    if (parsed.success) filters[key] = parsed.data;
    else errors[key] = parsed.error.issues[0].message;
  }
  if (filters.from && filters.to && filters.to < filters.from) {
    errors.to = "The end date must be on or after the start date";
    delete filters.to;
  }
  const cursor: AuditCursor = {};
  const before = one(params.before);
  const after = one(params.after);
  if (CURSOR.test(before)) cursor.before = BigInt(before);
  else if (CURSOR.test(after)) cursor.after = BigInt(after);
  return { filters, cursor, errors };
}

/** The instant a London calendar day starts (London is UTC or UTC+1, and clocks never change at midnight). */
export function londonDayStart(ymd: string): Date {
  const utcMidnight = new Date(`${ymd}T00:00:00.000Z`);
  const bst = new Date(utcMidnight.getTime() - 3_600_000);
  return londonDateString(bst) === ymd ? bst : utcMidnight;
}

/** The query string for these filters (and a cursor), for links and the CSV download. */
export function auditQueryString(filters: AuditFilters, cursor: AuditCursor = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  if (cursor.before) q.set("before", String(cursor.before));
  if (cursor.after) q.set("after", String(cursor.after));
  const s = q.toString();
  return s ? `?${s}` : "";
}
