import "server-only";
import type { Tx } from "@/lib/db";
import { declarationSection, type DeclarationRow } from "./sections/declarations";
import { policySection, type PolicyReviewRow } from "./sections/policies";
import { incidentCounts, type IncidentCounts } from "./sections/incidents";
import { equipmentSection, type EquipmentRow } from "./sections/equipment";
import { requestSection, type RequestRow } from "./sections/requests";
import { filteringSection, type FilteringRow } from "./sections/filtering";
import { monitoringSection, type MonitoringRow } from "./sections/monitoring";
import type { Period } from "./period";

// The sections counted for a list of schools (still one grouped statement a section, whatever the number
// of schools) and cut into one entry per school, so that each school's counts can be kept on their own
// (cache.ts) and a trust's figures put together from kept and fresh ones alike.

/** What every reader of a school's summary sees alike. */
export type SchoolCounts = { declarations: DeclarationRow[]; policies: PolicyReviewRow[]; equipment: EquipmentRow[]; requests: RequestRow[]; filtering: FilteringRow[] };
/** What depends on who reads it: reports and authorisations about the reader (the scope's person) are never counted. */
export type ReaderCounts = { incidents: IncidentCounts; monitoring: MonitoringRow[] };

export type Window = { period: Period; at: { from: Date; to: Date }; today: Date; now: Date };

function bySchool<R extends { schoolId: string }>(schoolIds: readonly string[], rows: readonly R[]): Map<string, R[]> {
  const out = new Map<string, R[]>(schoolIds.map((id) => [id, []]));
  for (const r of rows) out.get(r.schoolId)?.push(r);
  return out;
}

/** Kept counts are shared by every later view: frozen, so that no caller can change another's figures. */
export function frozen<T>(v: T): T {
  if (v && typeof v === "object" && !(v instanceof Date) && !Object.isFrozen(v)) {
    // Without Object.values: an array of every object's values made and dropped showed in the first view's profile.
    if (Array.isArray(v)) for (const x of v) frozen(x);
    else for (const k in v) frozen(v[k]);
    Object.freeze(v);
  }
  return v;
}

export async function countSchools(tx: Tx, schoolIds: readonly string[], w: Window): Promise<Map<string, SchoolCounts>> {
  const declarations = bySchool(schoolIds, await declarationSection(tx, schoolIds, w.period.from, w.period.to, w.today));
  const policies = bySchool(schoolIds, await policySection(tx, schoolIds, w.today));
  const equipment = bySchool(schoolIds, await equipmentSection(tx, schoolIds, w.at.from, w.at.to, w.today));
  const requests = bySchool(schoolIds, await requestSection(tx, schoolIds, w.at.from, w.at.to));
  const filtering = bySchool(schoolIds, await filteringSection(tx, schoolIds, w.at.from, w.at.to, w.now));
  return new Map(
    schoolIds.map((id) => [id, frozen({ declarations: declarations.get(id)!, policies: policies.get(id)!, equipment: equipment.get(id)!, requests: requests.get(id)!, filtering: filtering.get(id)! })]),
  );
}

export async function countForReader(tx: Tx, schoolIds: readonly string[], w: Window): Promise<Map<string, ReaderCounts>> {
  const incidents = await incidentCounts(tx, schoolIds, w.at.from, w.at.to);
  const monitoring = bySchool(schoolIds, await monitoringSection(tx, schoolIds, w.at.from, w.at.to));
  return new Map(schoolIds.map((id) => [id, frozen({ incidents: incidents.get(id)!, monitoring: monitoring.get(id)! })]));
}
