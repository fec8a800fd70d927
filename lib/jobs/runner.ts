import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { LONDON, londonDateString } from "@/lib/dates";

// Daily jobs on Postgres itself (docs/decisions/0004-jobs-on-postgres.md): each app instance checks
// every hour; the first to insert the day's JobRun row runs the job, the others see the row and skip.

export type DailyJob = {
  name: string;
  /** London hour (0–23) from which the day's run may start: reminders arrive in the working day. */
  notBeforeHour: number;
  run: (now: Date) => Promise<unknown>;
};

/** A run that has neither finished nor failed after this long is taken to have died with its instance. */
const STALE_AFTER_MS = 2 * 60 * 60_000;
const MAX_ATTEMPTS = 3;

function londonHour(now: Date): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, hour: "2-digit", hour12: false }).format(now)) % 24;
}

/**
 * Claims the day's run of a job. Returns the run id, or null when another instance has it (or it is
 * done). A run that failed, or whose instance died, may be claimed again, up to MAX_ATTEMPTS times:
 * the conflict clause only updates such a row, and only one transaction can update it.
 */
export async function claimDailyRun(name: string, runDate: string, now = new Date()): Promise<string | null> {
  const staleBefore = new Date(now.getTime() - STALE_AFTER_MS);
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "JobRun" (id, name, "runDate", attempts, "startedAt")
    VALUES (${randomUUID()}, ${name}, ${runDate}::date, 1, ${now})
    ON CONFLICT (name, "runDate") DO UPDATE
      SET attempts = "JobRun".attempts + 1, "startedAt" = EXCLUDED."startedAt", error = NULL
      WHERE "JobRun"."finishedAt" IS NULL
        AND "JobRun".attempts < ${MAX_ATTEMPTS}
        AND ("JobRun".error IS NOT NULL OR "JobRun"."startedAt" < ${staleBefore})
    RETURNING id`;
  return rows[0]?.id ?? null;
}

export type JobOutcome =
  | { status: "not-yet" }
  | { status: "taken" }
  | { status: "done"; runId: string; result: unknown }
  | { status: "failed"; runId: string; error: string };

/** Runs the job for the London day of `now` unless it is too early or another instance has the day. */
export async function runDailyJob(job: DailyJob, now = new Date()): Promise<JobOutcome> {
  if (londonHour(now) < job.notBeforeHour) return { status: "not-yet" };
  const runId = await claimDailyRun(job.name, londonDateString(now), now);
  if (!runId) return { status: "taken" };
  try {
    const result = await job.run(now);
    await db.jobRun.update({
      where: { id: runId },
      data: { finishedAt: new Date(), result: JSON.parse(JSON.stringify(result ?? null)) },
    });
    return { status: "done", runId, result };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    console.error(`jobs: ${job.name} failed`, e);
    await db.jobRun.update({ where: { id: runId }, data: { error: error.slice(0, 2000) } }).catch(() => {});
    return { status: "failed", runId, error };
  }
}
