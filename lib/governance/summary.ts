import "server-only";
import { db } from "@/lib/db";
import { runInScope } from "@/lib/db/context";
import type { SchoolContext } from "@/lib/authz/access";
import { can } from "@/lib/authz/access";
import { londonToday } from "@/lib/dates";
import { instantsOf, type Period } from "./period";
import { auditSection } from "./sections/audit";
import { combineIncidents, keepIncidentCounts, type IncidentCounts } from "./sections/incidents";
import { countForReader, frozen, type ReaderCounts, type SchoolCounts } from "./per-school";
import { cached, keep } from "./cache";
import { sharedCounts } from "./snapshot";

// The figures behind a governors' summary, for one school or every school of a trust, in one read
// transaction: each section is one grouped statement across the list of schools (no loop per school), so
// the number of queries is the same for one school as for fifty, and for ten rows as for a million.
//
// And only the schools that changed are counted (decision 0027): the first statement reads every school's
// audit checkpoint together with its stamp (the head of its audit chain and the rest of what its counts
// depend on); a school whose counts are kept under the same stamp, period and day is not counted again.
// A view after a change in one school costs one school's counting, whatever the size of the trust.

export type SchoolRef = { id: string; name: string; slug: string };

/**
 * Whose figures, read as what (decision 0029): the reader, and the one school or the one organisation
 * whose rows row-level security lets the read see. The listed schools must lie inside it: counts of a
 * school outside it come back empty, never another tenant's.
 */
export type ReadScope = { personId: string } & ({ schoolId: string } | { organisationId: string });

/** Each school's kept counts under `keyOf`, and the missing ones counted together in one go and kept. */
async function countMissing<V>(schoolIds: readonly string[], keyOf: (id: string) => string, count: (ids: string[]) => Promise<Map<string, V>>): Promise<Map<string, V>> {
  const out = new Map<string, V>();
  for (const id of schoolIds) {
    const v = cached<V>(keyOf(id));
    if (v !== undefined) out.set(id, v);
  }
  const missing = schoolIds.filter((id) => !out.has(id));
  if (missing.length === 0) return out;
  for (const [id, v] of await count(missing)) {
    keep(keyOf(id), v);
    out.set(id, v);
  }
  return out;
}

// One key for a school's shared counts, whoever keeps them (a view, the daily pre-count); the window part made once per view.
const countsKey = (id: string, inWindow: string, stamp: string) => `${id}|${inWindow}|${stamp}`;
const windowKey = (w: { period: Period; today: Date }) => [w.period.from.toISOString(), w.period.to.toISOString(), w.today.toISOString()].join("|");

// The trust's incidents added up again from the very same kept counts come out the same: the last sum
// made from each list is reused (frozen, being shared), so that a warm roll-up does not re-add and re-sort
// every school's months and days to close on every view. Keyed on the first school's kept counts, so an
// entry goes when they are no longer kept.
const combined = new WeakMap<IncidentCounts, { parts: readonly IncidentCounts[]; sum: ReturnType<typeof combineIncidents> }>();
function combineKept(parts: readonly IncidentCounts[]): ReturnType<typeof combineIncidents> {
  if (parts.length === 0) return combineIncidents(parts);
  const last = combined.get(parts[0]);
  if (last && last.parts.length === parts.length && last.parts.every((p, i) => p === parts[i])) return last.sum;
  const sum = frozen(combineIncidents(parts));
  combined.set(parts[0], { parts, sum });
  return sum;
}

export async function gatherFigures(schools: SchoolRef[], period: Period, scope: ReadScope, now = new Date()) {
  const ids = schools.map((s) => s.id);
  const viewerId = scope.personId;
  const today = londonToday(now);
  const w = { period, at: instantsOf(period), today, now };
  // As the app role, in the school's or the organisation's scope: plain tenant rows through row-level
  // security, and the need-to-know rows no governor may read one by one (incidents, monitoring) as counts
  // from the database's count functions, which honour the same scope and leave out reports about the reader.
  const { audit, counts, readers } = await runInScope(scope, () => db.$transaction(async (tx) => {
    // The stamps first: counts made after them are at least as new as the stamp they are kept under.
    const audit = await auditSection(tx, ids, today);
    // Counts of a school outside the scope would come back empty and be kept under that school's key for
    // its own readers too: such a call is a mistake, refused before anything is counted.
    const outside = audit.filter((a) => ("schoolId" in scope ? a.schoolId !== scope.schoolId : a.organisationId !== scope.organisationId));
    if (outside.length) throw new Error(`governors' figures asked for outside the read's scope: ${outside.map((a) => a.schoolId).join(", ")}`);
    const stamp = new Map(audit.map((a) => [a.schoolId, a.stamp]));
    const inWindow = windowKey(w);
    const key = (id: string) => countsKey(id, inWindow, stamp.get(id)!);
    // Missing here, the shared counts come from the table kept for every process, else are counted and kept there.
    const counts = await countMissing<SchoolCounts>(ids, key, async (missing) => (await sharedCounts(tx, missing, w, stamp, "schoolId" in scope ? scope.schoolId : null)).counts);
    const readers = await countMissing<ReaderCounts>(ids, (id) => `${key(id)}|${viewerId}`, (missing) => countForReader(tx, missing, w));
    return { audit: audit.map(({ stamp: _, organisationId: __, ...a }) => a), counts, readers };
  }));
  const each = <K extends keyof SchoolCounts>(k: K): SchoolCounts[K] => ids.flatMap((id) => counts.get(id)![k] as unknown[]) as SchoolCounts[K];
  return {
    schools,
    period,
    today,
    generatedAt: now,
    declarations: each("declarations"),
    policies: each("policies"),
    incidents: combineKept(ids.map((id) => readers.get(id)!.incidents)),
    equipment: each("equipment"),
    audit,
    requests: each("requests"),
    filtering: each("filtering"),
    monitoring: ids.flatMap((id) => readers.get(id)!.monitoring),
  };
}

export type Figures = Awaited<ReturnType<typeof gatherFigures>>;

/** The school's summary (the page has checked governance:view). */
export function schoolFigures(ctx: SchoolContext, period: Period, now = new Date()): Promise<Figures> {
  return gatherFigures([{ id: ctx.school.id, name: ctx.school.name, slug: ctx.school.slug }], period, { schoolId: ctx.school.id, personId: ctx.person.id }, now);
}

/** Every school of the organisation, for governance:trust only (null otherwise); the caller has resolved access. */
export async function trustFigures(ctx: SchoolContext, period: Period, now = new Date()): Promise<{ organisation: string; figures: Figures } | null> {
  if (!can(ctx, "governance:trust")) return null;
  const organisation = await db.organisation.findUniqueOrThrow({
    where: { id: ctx.school.organisationId },
    select: { name: true, schools: { select: { id: true, name: true, slug: true }, orderBy: { name: "asc" } } },
  });
  return { organisation: organisation.name, figures: await gatherFigures(organisation.schools, period, { organisationId: ctx.school.organisationId, personId: ctx.person.id }, now) };
}

/**
 * For the daily job (lib/governance/snapshot-job.ts): one school's shared counts for each period, in that
 * school's scope and one transaction (the stamp read once), written to the kept table unless a row under
 * today's stamp is there already, and kept in this process too; and its incident counts kept in the
 * database's own table. Returns how many periods' shared counts had to be counted.
 */
export function precountSchool(schoolId: string, periods: readonly Period[], now = new Date()): Promise<number> {
  const today = londonToday(now);
  return runInScope({ schoolId }, () => db.$transaction(async (tx) => {
    const [a] = await auditSection(tx, [schoolId], today);
    if (!a) return 0;
    let counted = 0;
    for (const period of periods) {
      const w = { period, at: instantsOf(period), today, now };
      const kept = await sharedCounts(tx, [schoolId], w, new Map([[schoolId, a.stamp]]), schoolId);
      keep(countsKey(schoolId, windowKey(w), a.stamp), kept.counts.get(schoolId));
      if (kept.counted > 0) counted++;
      // And the incident counts, kept where no reader's own reports are left out (decision 0037).
      await keepIncidentCounts(tx, [schoolId], w.at.from, w.at.to);
    }
    return counted;
  }));
}
