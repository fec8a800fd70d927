import "server-only";
import { forEachJobSchool, total } from "@/lib/jobs/scope";
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
  const { results, errors } = await forEachJobSchool("reminders", opts.schoolIds, (school) => remindSchool(school, now));
  return {
    date: londonDateString(now),
    reminders: total(results, (r) => r.reminders),
    escalations: total(results, (r) => r.escalations),
    failures: total(results, (r) => r.failures) + errors.length,
    schools: results,
  };
}
