import "server-only";
import { db } from "@/lib/db";
import { londonToday } from "@/lib/dates";
import { record } from "@/lib/audit/record";
import { mailPeople } from "@/lib/incidents/notify";
import { endedMail } from "./notify";

export const MONITORING_END_JOB = "monitoring-end";

/**
 * The daily end of authorisations whose last day has passed (London days): an approved one ends (and
 * its requester is asked for the outcome), one still awaiting a decision lapses. There is no person, so
 * this runs on the owner's connection, like the other jobs (docs/decisions/0012, "What runs outside it");
 * each row is ended by a conditional update in its own transaction with its audit row, so two instances
 * (or a rerun) never end one twice. `schoolIds` limits it to some schools (tests share one database).
 */
export async function runMonitoringEnd(now = new Date(), opts: { schoolIds?: string[] } = {}): Promise<{ ended: number; lapsed: number }> {
  const due = await db.monitoringAuthorisation.findMany({
    where: {
      status: { in: ["APPROVED", "AWAITING"] },
      endsOn: { lt: londonToday(now) },
      ...(opts.schoolIds ? { schoolId: { in: opts.schoolIds } } : {}),
    },
    select: { id: true, status: true, requesterId: true, school: { select: { id: true, slug: true, name: true, organisationId: true } } },
    orderBy: { id: "asc" },
  });
  const out = { ended: 0, lapsed: 0 };
  for (const a of due) {
    const to = a.status === "APPROVED" ? ("ENDED" as const) : ("LAPSED" as const);
    try {
      const done = await db.$transaction(async (tx) => {
        const { count } = await tx.monitoringAuthorisation.updateMany({ where: { id: a.id, status: a.status }, data: { status: to, endedAt: now } });
        if (count === 0) return false;
        await record(tx, {
          schoolId: a.school.id, organisationId: a.school.organisationId, actorId: null,
          action: to === "ENDED" ? "monitoring.ended" : "monitoring.lapsed", entityType: "MonitoringAuthorisation", entityId: a.id, data: {},
        });
        return true;
      });
      if (!done) continue;
      if (to === "ENDED") {
        out.ended++;
        await mailPeople([a.requesterId], (m) => endedMail(m, a.school, a.id));
      } else out.lapsed++;
    } catch (e) {
      console.error(`monitoring: ending ${a.id} failed`, e);
    }
  }
  return out;
}
