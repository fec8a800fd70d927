import { SchoolRole, StaffGroup } from "@/generated/prisma/enums";

// The people directory's filters arrive as a GET query (bookmarkable). A value that is not one of the
// choices is ignored rather than trusted.

export const DIRECTORY_PAGE_SIZE = 50;
export const DIRECTORY_STATUSES = { current: "Working here now", active: "Active", suspended: "Suspended", leaving: "Leaving", left: "Left", all: "Everyone, leavers too" } as const;
export type DirectoryStatus = keyof typeof DIRECTORY_STATUSES;
export type DirectoryQuery = { q?: string; group?: StaffGroup; role?: SchoolRole; status: DirectoryStatus; page: number };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
const isOf = <T extends string>(values: readonly T[], v: string): v is T => (values as readonly string[]).includes(v);

export function parseDirectoryQuery(params: Record<string, string | string[] | undefined>): DirectoryQuery {
  const q = one(params.q).slice(0, 120);
  const group = one(params.group);
  const role = one(params.role);
  // The old "Show leavers too" link (?leavers=1) still works.
  const status = one(params.status) || (one(params.leavers) === "1" ? "all" : "");
  const page = Number(one(params.page));
  return {
    ...(q ? { q } : {}),
    ...(isOf(Object.values(StaffGroup), group) ? { group } : {}),
    ...(isOf(Object.values(SchoolRole), role) ? { role } : {}),
    status: isOf(Object.keys(DIRECTORY_STATUSES) as DirectoryStatus[], status) ? status : "current",
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** The address of another page of the same search. */
export function directoryQueryString(q: DirectoryQuery, page: number): string {
  const p = new URLSearchParams();
  if (q.q) p.set("q", q.q);
  if (q.group) p.set("group", q.group);
  if (q.role) p.set("role", q.role);
  if (q.status !== "current") p.set("status", q.status);
  if (page > 1) p.set("page", String(page));
  const s = p.toString();
  return s ? `?${s}` : "";
}
