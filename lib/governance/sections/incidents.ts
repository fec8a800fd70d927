import "server-only";
import { IncidentCategory } from "@/generated/prisma/enums";
import type { Reader } from "./db";

// Incidents: counts only. No reference, name, description, outcome or date finer than a month leaves
// this file. A report about the person asking is never counted (a Head must not learn from a count that
// a report about them exists). Per school, and (schoolId null) for all the schools together. Small counts
// are hidden by the caller (suppress.ts).
//
// Counted per school so that a school's counts can be kept and reused (lib/governance/cache.ts); the
// all-schools row is added up from them. A median cannot be added up from medians, so each school's
// closing times travel with its counts (never into the figures a page sees) and the median of all of them
// is worked out here, as percentile_cont(0.5) would (interpolating between the two middle values).

export type IncidentMonthRow = { schoolId: string | null; category: IncidentCategory; month: string; count: number };
export type IncidentTotalsRow = {
  schoolId: string | null;
  reports: number;
  open: number;
  closed: number;
  medianDaysToClose: number | null;
  breaches: number;
  breachesDecidedWithin72h: number;
};
/** One school's incidents: its rows, and its closed reports' days to close, sorted (for the trust's median). */
export type IncidentCounts = { months: IncidentMonthRow[]; totals: IncidentTotalsRow | null; closeDays: number[] };

/** The median of sorted numbers exactly as PostgreSQL's percentile_cont(0.5) works it out in float8. */
export function medianOf(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const at = 0.5 * (sorted.length - 1);
  const lo = sorted[Math.floor(at)];
  const hi = sorted[Math.ceil(at)];
  return lo + (at - Math.floor(at)) * (hi - lo);
}

type TotalsWithDays = Omit<IncidentTotalsRow, "medianDaysToClose"> & { closeDays: number[] | null };

function perSchool(schoolIds: readonly string[], months: readonly IncidentMonthRow[], totals: readonly TotalsWithDays[]): Map<string, IncidentCounts> {
  const out = new Map<string, IncidentCounts>(schoolIds.map((id) => [id, { months: [], totals: null, closeDays: [] }]));
  for (const m of months) out.get(m.schoolId!)?.months.push(m);
  for (const { closeDays, ...t } of totals) {
    const days = (closeDays ?? []).map(Number);
    const entry = out.get(t.schoolId!);
    if (entry) Object.assign(entry, { totals: { ...t, medianDaysToClose: medianOf(days) }, closeDays: days });
  }
  return out;
}

/**
 * The governors' counts, read as the app role through the database's count functions (migration
 * 20261202050200_governance_count_functions, decision 0029): they count only the listed schools that the
 * transaction's scope covers, and leave out reports about the reader set in that scope (app.person_id).
 */
export async function incidentCountsInScope(tx: Reader, schoolIds: readonly string[], from: Date, to: Date): Promise<Map<string, IncidentCounts>> {
  if (schoolIds.length === 0) return perSchool(schoolIds, [], []);
  const ids = [...schoolIds];
  const months = await tx.$queryRaw<IncidentMonthRow[]>`
    SELECT * FROM governance_incident_months(${ids}::text[], ${from}, ${to}) m ORDER BY m.month, m.category`;
  const totals = await tx.$queryRaw<TotalsWithDays[]>`SELECT * FROM governance_incident_totals(${ids}::text[], ${from}, ${to})`;
  return perSchool(schoolIds, months, totals);
}

/** What the database keeps of a school's counts (migration 20261202080200): the count functions' rows without the school, months as tuples. */
type Kept = { months: [IncidentCategory, string, number][]; totals: Omit<TotalsWithDays, "schoolId"> | null };

function fromKept(rows: readonly { schoolId: string; counts: string }[]): { months: IncidentMonthRow[]; totals: TotalsWithDays[] } {
  const months: IncidentMonthRow[] = [];
  const totals: TotalsWithDays[] = [];
  for (const r of rows) {
    const kept = JSON.parse(r.counts) as Kept;
    for (const [category, month, count] of kept.months) months.push({ schoolId: r.schoolId, category, month, count });
    if (kept.totals) totals.push({ schoolId: r.schoolId, ...kept.totals });
  }
  return { months, totals };
}

/**
 * The same counts as `incidentCountsInScope`, from the counts the database keeps per school and window at
 * the head of the school's audit chain (decision 0037), so that a first view does not count every report
 * of the trust: the current kept counts where none of the school's reports of the window is about the
 * reader; the others kept afresh (one statement for all of them); and only the schools where a report is
 * about the reader counted as before, leaving those reports out. At most four statements, whatever the data.
 */
export async function incidentCounts(tx: Reader, schoolIds: readonly string[], from: Date, to: Date): Promise<Map<string, IncidentCounts>> {
  const ids = [...new Set(schoolIds)];
  if (ids.length === 0) return perSchool(ids, [], []);
  const rows = await tx.$queryRaw<{ schoolId: string; counts: string }[]>`SELECT * FROM governance_kept_incident_counts(${ids}::text[], ${from}, ${to})`;
  const without = () => {
    const have = new Set(rows.map((r) => r.schoolId));
    return ids.filter((id) => !have.has(id));
  };
  const stale = without();
  if (stale.length > 0) rows.push(...(await keepIncidentCounts(tx, stale, from, to)));
  const kept = fromKept(rows);
  const out = perSchool(ids, kept.months, kept.totals);
  const aboutReader = without();
  if (aboutReader.length > 0) for (const [id, v] of await incidentCountsInScope(tx, aboutReader, from, to)) out.set(id, v);
  return out;
}

/**
 * Counts and keeps these schools' incident counts (those the scope set covers); gives back the kept counts
 * of the schools where a reader is set and none of the window's reports is about them. The daily job calls
 * it with no reader, to keep them before anyone looks.
 */
export function keepIncidentCounts(tx: Reader, schoolIds: readonly string[], from: Date, to: Date): Promise<{ schoolId: string; counts: string }[]> {
  return tx.$queryRaw<{ schoolId: string; counts: string }[]>`SELECT * FROM governance_keep_incident_counts(${[...schoolIds]}::text[], ${from}, ${to})`;
}

const CATEGORY_ORDER = new Map(Object.values(IncidentCategory).map((c, i) => [c, i]));

/** The schools' own rows, then the rows of all of them together (schoolId null), as the figures hold them. */
export function combineIncidents(schools: readonly IncidentCounts[]): { months: IncidentMonthRow[]; totals: IncidentTotalsRow[] } {
  const all = new Map<string, IncidentMonthRow>();
  for (const m of schools.flatMap((s) => s.months)) {
    const key = `${m.month}|${m.category}`;
    const row = all.get(key) ?? { schoolId: null, category: m.category, month: m.month, count: 0 };
    row.count += m.count;
    all.set(key, row);
  }
  const months = [...all.values()].sort((a, b) => a.month.localeCompare(b.month) || CATEGORY_ORDER.get(a.category)! - CATEGORY_ORDER.get(b.category)!);
  const own = schools.flatMap((s) => (s.totals ? [s.totals] : []));
  const add = (k: "reports" | "open" | "closed" | "breaches" | "breachesDecidedWithin72h") => own.reduce((n, t) => n + t[k], 0);
  const closeDays = schools.flatMap((s) => s.closeDays).sort((a, b) => a - b);
  const total: IncidentTotalsRow = {
    schoolId: null, reports: add("reports"), open: add("open"), closed: add("closed"), medianDaysToClose: medianOf(closeDays),
    breaches: add("breaches"), breachesDecidedWithin72h: add("breachesDecidedWithin72h"),
  };
  return { months: [...schools.flatMap((s) => s.months), ...months], totals: [...own, total] };
}
