import "server-only";
import { db } from "@/lib/db";
import { londonToday } from "@/lib/dates";
import { thisTerm, thisYear } from "./period";
import { precountSchool } from "./summary";

export const GOVERNANCE_SNAPSHOTS_JOB = "governance-snapshots";

/**
 * Early each morning (decision 0029): this term's and this academic year's shared counts for every school,
 * each in its own school's scope, so that the day's first view of a summary or a roll-up, in any process,
 * reads kept rows instead of counting. After the night's jobs that write audit events (permission expiry,
 * monitoring ends), which move the stamps. Ad-hoc date ranges are counted when asked for.
 */
export async function runGovernanceSnapshots(now = new Date(), opts: { schoolIds?: string[] } = {}): Promise<{ schools: number; counted: number }> {
  const today = londonToday(now);
  const schools = await db.school.findMany({ where: opts.schoolIds ? { id: { in: opts.schoolIds } } : {}, select: { id: true }, orderBy: { id: "asc" } });
  let counted = 0;
  for (const { id } of schools) {
    for (const period of [thisTerm(today), thisYear(today)]) if (await precountSchool(id, period, now)) counted++;
  }
  return { schools: schools.length, counted };
}
