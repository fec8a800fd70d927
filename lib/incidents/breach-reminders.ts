import "server-only";
import { db } from "@/lib/db";
import { hoursSinceAware } from "./breach-clock";
import { mailPeople, breachReminderMail } from "./notify";

export const BREACH_REMINDERS_JOB = "breach-reminders";
/** Hours after awareness at which the DPO and the Head are reminded while the ICO decision is open. */
export const REMINDER_STAGES = [24, 48] as const;

type Due = { id: string; awareAt: Date; schoolId: string; schoolName: string; slug: string };

export type BreachReminderRun = { reminders: number; failures: number };

/**
 * Runs every hour, off the request path (lib/jobs/scheduler.ts), on every instance: each reminder is
 * claimed by inserting its (incident, stage) row, so it goes once however many instances check. A
 * breach found late (the server was down) gets one email for its latest stage, not two at once.
 * Unscoped (no person): the job reads across schools, and finds recipients with the same SQL rule as
 * the row-level security. `schoolIds` limits it to some schools (tests share one database).
 */
export async function runBreachReminders(now = new Date(), opts: { schoolIds?: string[] } = {}): Promise<BreachReminderRun> {
  const dueBefore = new Date(now.getTime() - REMINDER_STAGES[0] * 3_600_000);
  const breaches = await db.$queryRaw<Due[]>`
    SELECT i.id, i."awareAt", i."schoolId", s.name AS "schoolName", s.slug
    FROM "Incident" i JOIN "School" s ON s.id = i."schoolId"
      LEFT JOIN "BreachRecord" b ON b."incidentId" = i.id
    WHERE i.category = 'DATA_BREACH' AND i.status <> 'CLOSED' AND b."decidedAt" IS NULL
      AND i."awareAt" <= ${dueBefore}
      AND (${opts.schoolIds ?? null}::text[] IS NULL OR i."schoolId" = ANY (${opts.schoolIds ?? null}::text[]))`;
  const out: BreachReminderRun = { reminders: 0, failures: 0 };
  for (const b of breaches) {
    try {
      out.reminders += await remindOne(b, now);
    } catch (e) {
      out.failures++;
      console.error(`breach reminders: incident ${b.id} failed`, e);
    }
  }
  return out;
}

async function remindOne(b: Due, now: Date): Promise<number> {
  const hours = hoursSinceAware(b.awareAt, now);
  const stages = REMINDER_STAGES.filter((s) => hours >= s);
  const claimed: number[] = [];
  for (const stage of stages) {
    const rows = await db.$queryRaw<{ stage: number }[]>`
      INSERT INTO "BreachReminder" ("incidentId", stage) VALUES (${b.id}, ${stage})
      ON CONFLICT DO NOTHING RETURNING stage`;
    if (rows.length) claimed.push(stage);
  }
  if (claimed.length === 0) return 0;
  const recipients = await reminderRecipients(b.id, b.schoolId);
  const sent = await mailPeople(recipients, (to) => breachReminderMail(to, { name: b.schoolName, slug: b.slug }, b.id, Math.max(...claimed)));
  if (sent.sent === 0 && recipients.length > 0) {
    // Nobody was told: give the claim back so the next hourly check tries again.
    await db.breachReminder.deleteMany({ where: { incidentId: b.id, stage: { in: claimed } } });
    throw new Error("no reminder could be sent");
  }
  return sent.sent;
}

/**
 * The DPO and the Head among the breach's handlers (the trust's DPO too); a subject is never one. If
 * neither handles it (say the Head caused it and there is no DPO), every handler, so someone is told.
 */
async function reminderRecipients(incidentId: string, schoolId: string): Promise<string[]> {
  const handlers = (await db.$queryRaw<{ id: string }[]>`SELECT incident_handler_ids AS id FROM incident_handler_ids(${incidentId})`).map((r) => r.id);
  if (handlers.length === 0) return [];
  const [members, trustDpos] = await Promise.all([
    db.membership.findMany({ where: { schoolId, personId: { in: handlers }, roles: { hasSome: ["DPO", "HEADTEACHER"] } }, select: { personId: true } }),
    db.organisationRole.findMany({ where: { personId: { in: handlers }, role: "TRUST_DPO", organisation: { schools: { some: { id: schoolId } } } }, select: { personId: true } }),
  ]);
  const chosen = new Set([...members.map((m) => m.personId), ...trustDpos.map((t) => t.personId)]);
  return chosen.size ? [...chosen] : handlers;
}
