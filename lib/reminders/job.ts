import "server-only";
import { jobSchools, inSchool } from "@/lib/jobs/scope";
import { londonDateString } from "@/lib/dates";
import { remindSchool, type SchoolReminderRun } from "./service";

export const POLICY_REMINDERS_JOB = "policy-reminders";

export type PolicyReminderRun = { date: string; reminders: number; escalations: number; failures: number; schools: SchoolReminderRun[] };

/**
 * The daily reminder run for the London day of `now` (a parameter, so tests choose the day).
 * Each school's reminders are made in that school's scope (lib/jobs/scope.ts). `schoolIds` limits it to
 * some schools (tests share one database).
 */
export async function runPolicyReminders(now = new Date(), opts: { schoolIds?: string[] } = {}): Promise<PolicyReminderRun> {
  const out: PolicyReminderRun = { date: londonDateString(now), reminders: 0, escalations: 0, failures: 0, schools: [] };
  for (const school of await jobSchools(opts.schoolIds)) {
    try {
      const r = await inSchool(school.id, () => remindSchool(school, now));
      out.schools.push(r);
      out.reminders += r.reminders;
      out.escalations += r.escalations;
      out.failures += r.failures;
    } catch (e) {
      // One school's failure (bad data, a lost connection) must not stop the others.
      console.error(`reminders: school ${school.id} failed`, e);
      out.failures++;
    }
  }
  return out;
}
