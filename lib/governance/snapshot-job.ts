import "server-only";
import { londonToday } from "@/lib/dates";
import { thisTerm, thisYear } from "./period";
import { precountSchool } from "./summary";
import { forEachJobSchool, total } from "@/lib/jobs/scope";

export const GOVERNANCE_SNAPSHOTS_JOB = "governance-snapshots";

/**
 * Early each morning (decision 0029): this term's and this academic year's shared counts for every school,
 * each in its own school's scope, so that the day's first view of a summary or a roll-up, in any process,
 * reads kept rows instead of counting. After the night's jobs that write audit events (permission expiry,
 * monitoring ends), which move the stamps. Ad-hoc date ranges are counted when asked for.
 */
export async function runGovernanceSnapshots(now = new Date(), opts: { schoolIds?: string[] } = {}): Promise<{ schools: number; counted: number }> {
  const today = londonToday(now);
  const periods = [thisTerm(today), thisYear(today)];
  const { results, errors } = await forEachJobSchool("governance snapshots", opts.schoolIds, (school) => precountSchool(school.id, periods, now));
  // The schools that failed are counted again at their first view; the run still fails, so the runner tries again.
  if (errors.length) throw errors[0];
  return { schools: results.length, counted: total(results, (n) => n) };
}
