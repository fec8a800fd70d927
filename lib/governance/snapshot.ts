import "server-only";
import type { Tx } from "@/lib/db";
import { countSchools, frozen, type SchoolCounts, type Window } from "./per-school";

// Each school's shared counts (never the reader's: incidents and monitoring stay out) kept in a table for
// every process (decision 0029), under the same key as the in-process cache of decision 0027: the school,
// the period, London's date and the school's stamp. A process that has not seen a school reads its row
// instead of counting it; the daily job writes this term's and this year's rows for every school early in
// the morning, so the first view of a roll-up in a process is normally counted by nobody.

const day = (d: Date) => d.toISOString().slice(0, 10);

// Kept as JSON text, each section a table: its keys once and a list of values a row (not every key again
// in every row, nor the school, which is the row's own), so that a first view parses half the text. Dates
// become ISO strings on the way in and dates again field by field on the way out (a reviver over every
// value cost more than the rest of a first view). `Stored` is what JSON makes of a row: decode must turn
// every date back, or it does not type-check.
type Stored<T> = T extends Date ? string : T extends readonly (infer U)[] ? Stored<U>[] : T extends object ? { [K in keyof T]: Stored<T[K]> } : T;
type Table = { keys: string[]; rows: unknown[][] };
type Section = keyof SchoolCounts;
type Row<K extends Section> = SchoolCounts[K][number];

function table(rows: readonly object[]): Table {
  const keys = rows.length === 0 ? [] : Object.keys(rows[0]).filter((k) => k !== "schoolId");
  return { keys, rows: rows.map((r) => keys.map((k) => (r as Record<string, unknown>)[k])) };
}

function encode(v: SchoolCounts): string {
  return JSON.stringify({ declarations: table(v.declarations), policies: table(v.policies), equipment: table(v.equipment), requests: table(v.requests), filtering: table(v.filtering) });
}

const date = (v: string) => new Date(v);
const dateOrNull = (v: string | null) => (v === null ? null : new Date(v));

function decode(text: string, schoolId: string): SchoolCounts {
  const kept = JSON.parse(text) as Record<Section, Table>;
  const rows = <K extends Section>(section: K): Stored<Row<K>>[] => {
    const { keys, rows } = kept[section];
    return rows.map((values) => {
      const row: Record<string, unknown> = { schoolId };
      for (let i = 0; i < keys.length; i++) row[keys[i]] = values[i];
      return row as Stored<Row<K>>;
    });
  };
  return {
    declarations: rows("declarations"),
    policies: rows("policies").map((p) => ({ ...p, approvedOn: dateOrNull(p.approvedOn), publishedAt: date(p.publishedAt), reviewDue: dateOrNull(p.reviewDue) })),
    equipment: rows("equipment"),
    requests: rows("requests"),
    filtering: rows("filtering").map((f) => ({ ...f, lastAnnualReview: dateOrNull(f.lastAnnualReview), nextAnnualReviewDue: dateOrNull(f.nextAnnualReviewDue) })),
  };
}

/** The kept rows of these schools whose stamp is still the school's stamp now. */
async function readSnapshots(tx: Tx, schoolIds: readonly string[], w: Window, stamps: ReadonlyMap<string, string>): Promise<Map<string, SchoolCounts>> {
  const out = new Map<string, SchoolCounts>();
  if (schoolIds.length === 0) return out;
  const rows = await tx.$queryRaw<{ schoolId: string; stamp: string; counts: string }[]>`
    SELECT "schoolId", stamp, counts FROM "GovernanceSnapshot"
    WHERE "schoolId" = ANY(${[...schoolIds]}::text[]) AND "periodFrom" = ${day(w.period.from)}::date AND "periodTo" = ${day(w.period.to)}::date
      AND day = ${day(w.today)}::date`;
  for (const r of rows) if (r.stamp === stamps.get(r.schoolId)) out.set(r.schoolId, frozen(decode(r.counts, r.schoolId)));
  return out;
}

/**
 * Writes the schools' rows in one statement (overwriting whatever they held): in a school's scope
 * (`inSchool`) only that school's row, which is all row-level security lets it write; in an organisation's
 * scope (the trust roll-up) every counted school of that organisation (its insert and update policies).
 */
async function writeSnapshots(tx: Tx, counts: ReadonlyMap<string, SchoolCounts>, w: Window, stamps: ReadonlyMap<string, string>, inSchool: string | null) {
  const rows = [...counts].filter(([id]) => inSchool === null || id === inSchool);
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "GovernanceSnapshot" ("schoolId", "periodFrom", "periodTo", day, stamp, counts, "updatedAt")
    SELECT t.id, ${day(w.period.from)}::date, ${day(w.period.to)}::date, ${day(w.today)}::date, t.stamp, t.counts, now()
    FROM unnest(${rows.map(([id]) => id)}::text[], ${rows.map(([id]) => stamps.get(id)!)}::text[], ${rows.map(([, v]) => encode(v))}::text[]) AS t(id, stamp, counts)
    ON CONFLICT ("schoolId", "periodFrom", "periodTo") DO UPDATE SET day = EXCLUDED.day, stamp = EXCLUDED.stamp, counts = EXCLUDED.counts, "updatedAt" = now()`;
}

/** The shared counts of these schools: from their kept rows, else counted (together) and written. */
export async function sharedCounts(
  tx: Tx, schoolIds: readonly string[], w: Window, stamps: ReadonlyMap<string, string>, inSchool: string | null,
): Promise<{ counts: Map<string, SchoolCounts>; counted: number }> {
  const counts = await readSnapshots(tx, schoolIds, w, stamps);
  const missing = schoolIds.filter((id) => !counts.has(id));
  if (missing.length === 0) return { counts, counted: 0 };
  const fresh = await countSchools(tx, missing, w);
  await writeSnapshots(tx, fresh, w, stamps, inSchool);
  for (const [id, v] of fresh) counts.set(id, v);
  return { counts, counted: missing.length };
}
