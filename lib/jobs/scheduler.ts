import "server-only";
import { runInScope } from "@/lib/db/context";
import { runDailyJob, type DailyJob, type JobOutcome } from "./runner";
import { runPolicyReminders, POLICY_REMINDERS_JOB } from "@/lib/reminders/job";
import { runAuditVerification, AUDIT_VERIFY_JOB } from "@/lib/audit/job";
import { runBreachReminders, BREACH_REMINDERS_JOB } from "@/lib/incidents/breach-reminders";
import { runEquipmentCheckReminders, EQUIPMENT_CHECKS_JOB } from "@/lib/equipment/check-queries";
import { runRequestExpiry, REQUEST_EXPIRY_JOB } from "@/lib/requests/expiry";
import { runFilteringReviewReminders, FILTERING_REVIEWS_JOB } from "@/lib/filtering/reminders";
import { runMonitoringEnd, MONITORING_END_JOB } from "@/lib/monitoring/job";
import { runAuditAnchoring, AUDIT_ANCHOR_JOB } from "@/lib/audit/job";
import { runGovernanceSnapshots, GOVERNANCE_SNAPSHOTS_JOB } from "@/lib/governance/snapshot-job";

export const DAILY_JOBS: DailyJob[] = [
  { name: POLICY_REMINDERS_JOB, notBeforeHour: 8, run: (now) => runPolicyReminders(now) },
  { name: AUDIT_VERIFY_JOB, notBeforeHour: 2, run: (now) => runAuditVerification(now) },
  { name: EQUIPMENT_CHECKS_JOB, notBeforeHour: 8, run: (now) => runEquipmentCheckReminders(now) },
  // Just after midnight: a permission ends at the end of its last day.
  { name: REQUEST_EXPIRY_JOB, notBeforeHour: 0, run: (now) => runRequestExpiry(now) },
  { name: FILTERING_REVIEWS_JOB, notBeforeHour: 8, run: (now) => runFilteringReviewReminders(now) },
  { name: MONITORING_END_JOB, notBeforeHour: 1, run: (now) => runMonitoringEnd(now) },
  // After the night's full check (02:00), so the digest is in the DPO's inbox at the start of the day.
  { name: AUDIT_ANCHOR_JOB, notBeforeHour: 6, run: (now) => runAuditAnchoring(now) },
  { name: GOVERNANCE_SNAPSHOTS_JOB, notBeforeHour: 3, run: (now) => runGovernanceSnapshots(now) },
];

/** One check: each daily job runs if it is due today and no instance has run it yet. */
export async function runDueJobs(now = new Date(), jobs: DailyJob[] = DAILY_JOBS): Promise<Record<string, JobOutcome>> {
  const out: Record<string, JobOutcome> = {};
  for (const job of jobs) out[job.name] = await runDailyJob(job, now);
  return out;
}

/**
 * Jobs that run at every hourly check on every instance: each must be idempotent by its own rows
 * (the breach reminders claim one row per incident and stage), since no JobRun row serialises them.
 */
export const HOURLY_JOBS: { name: string; run: (now: Date) => Promise<unknown> }[] = [
  { name: BREACH_REMINDERS_JOB, run: (now) => runBreachReminders(now) },
];

export async function runHourlyJobs(now = new Date()) {
  for (const job of HOURLY_JOBS) {
    await job.run(now).catch((e) => console.error(`jobs: ${job.name} failed`, e));
  }
}

const HOUR = 60 * 60_000;
const g = globalThis as unknown as { __ictJobScheduler?: ReturnType<typeof setInterval> };

/**
 * Starts the hourly check in this server process (instrumentation.ts). Once per process: a second
 * call (dev reloads) does nothing. Timers are unref'd so they never keep a process alive on their own.
 */
export function startScheduler(opts: { intervalMs?: number; firstCheckMs?: number } = {}) {
  if (g.__ictJobScheduler) return;
  // The jobs belong to no request: they start in no scope and set each school's or organisation's
  // scope themselves (lib/jobs/scope.ts, decisions/0028), as the app's role; nothing reads past RLS.
  const check = () => {
    runInScope(null, () => runDueJobs()).catch((e) => console.error("jobs: the hourly check failed", e));
    runInScope(null, () => runHourlyJobs()).catch((e) => console.error("jobs: the hourly jobs failed", e));
  };
  // Give the server (and an embedded database) a minute to come up before the first check.
  setTimeout(check, opts.firstCheckMs ?? 60_000).unref();
  g.__ictJobScheduler = setInterval(check, opts.intervalMs ?? HOUR);
  g.__ictJobScheduler.unref();
}
