import "server-only";
import { db } from "@/lib/db";
import { londonDateString } from "@/lib/dates";
import { remindSchool, type SchoolReminderRun } from "./service";

export const POLICY_REMINDERS_JOB = "policy-reminders";

/**
 * Every school, unscoped: only the daily job may list schools across tenants (the architecture's
 * "unsafe…" rule). Each school's work is then scoped to that school.
 */
async function unsafeListSchools(only?: string[]) {
  return db.school.findMany({
    where: only ? { id: { in: only } } : {},
    select: { id: true, slug: true, name: true, organisationId: true },
    orderBy: { id: "asc" },
  });
}

export type PolicyReminderRun = { date: string; reminders: number; escalations: number; failures: number; schools: SchoolReminderRun[] };

/**
 * The daily reminder run for the London day of `now` (a parameter, so tests choose the day).
 * `schoolIds` limits it to some schools (tests share one database).
 */
export async function runPolicyReminders(now = new Date(), opts: { schoolIds?: string[] } = {}): Promise<PolicyReminderRun> {
  const out: PolicyReminderRun = { date: londonDateString(now), reminders: 0, escalations: 0, failures: 0, schools: [] };
  for (const school of await unsafeListSchools(opts.schoolIds)) {
    try {
      const r = await remindSchool(school, now);
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
