import "server-only";
import { db } from "@/lib/db";
import { londonToday } from "@/lib/dates";
import { record } from "@/lib/audit/record";
import { mailPeople } from "@/lib/incidents/notify";
import { endedMail } from "./notify";
import { forEachJobSchool, total, type JobSchool } from "@/lib/jobs/scope";

export const MONITORING_END_JOB = "monitoring-end";

/**
 * The daily end of authorisations whose last day has passed (London days): an approved one ends (and
 * its requester is asked for the outcome), one still awaiting a decision lapses. Each school in its own
 * scope (lib/jobs/scope.ts). An authorisation is need-to-know by person, and the job acts for no person:
 * it finds and ends them through two SECURITY DEFINER functions that work only in the school in scope and
 * give out only the id, status and requester (docs/decisions/0028). Each is ended by a conditional update
 * in its own transaction with its audit row, so two instances (or a rerun) never end one twice.
 * `schoolIds` limits it to some schools (tests share one database).
 */
export async function runMonitoringEnd(now = new Date(), opts: { schoolIds?: string[] } = {}): Promise<{ ended: number; lapsed: number }> {
  const { results } = await forEachJobSchool("monitoring", opts.schoolIds, (school) => endInSchool(school, now));
  return { ended: total(results, (r) => r.ended), lapsed: total(results, (r) => r.lapsed) };
}

async function endInSchool(school: JobSchool, now: Date) {
  const due = await db.$queryRaw<{ id: string; status: "APPROVED" | "AWAITING"; requesterId: string }[]>`
    SELECT id, status, "requesterId" FROM monitoring_due_to_end(${londonToday(now)}::date)`;
  const out = { ended: 0, lapsed: 0 };
  for (const a of due) {
    const to = a.status === "APPROVED" ? ("ENDED" as const) : ("LAPSED" as const);
    try {
      const done = await db.$transaction(async (tx) => {
        const [{ ended }] = await tx.$queryRaw<{ ended: boolean }[]>`SELECT monitoring_end(${a.id}, ${a.status}, ${now}) AS ended`;
        if (!ended) return false;
        await record(tx, {
          schoolId: school.id, organisationId: school.organisationId, actorId: null,
          action: to === "ENDED" ? "monitoring.ended" : "monitoring.lapsed", entityType: "MonitoringAuthorisation", entityId: a.id, data: {},
        });
        return true;
      });
      if (!done) continue;
      if (to === "ENDED") {
        out.ended++;
        await mailPeople([a.requesterId], (m) => endedMail(m, school, a.id));
      } else out.lapsed++;
    } catch (e) {
      console.error(`monitoring: ending ${a.id} failed`, e);
    }
  }
  return out;
}
