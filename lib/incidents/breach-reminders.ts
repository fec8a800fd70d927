import "server-only";
import { db } from "@/lib/db";
import { hoursSinceAware } from "./breach-clock";
import { mailPeople, breachReminderMail } from "./notify";
import { forEachJobSchool, total, type JobSchool } from "@/lib/jobs/scope";

export const BREACH_REMINDERS_JOB = "breach-reminders";
/** Hours after awareness at which the DPO and the Head are reminded while the ICO decision is open. */
export const REMINDER_STAGES = [24, 48] as const;

type Due = { id: string; awareAt: Date };

export type BreachReminderRun = { reminders: number; failures: number };

/**
 * Runs every hour, off the request path (lib/jobs/scheduler.ts), on every instance: each reminder is
 * claimed by inserting its (incident, stage) row, so it goes once however many instances check. A
 * breach found late (the server was down) gets one email for its latest stage, not two at once.
 * Each school in its own scope and no person's (lib/jobs/scope.ts): incidents are need-to-know by person,
 * so the open breaches are found, and reminders claimed, through SECURITY DEFINER functions that work only
 * in the school in scope (docs/decisions/0028); recipients come from the same SQL rule as the row-level
 * security. `schoolIds` limits it to some schools (tests share one database).
 */
export async function runBreachReminders(now = new Date(), opts: { schoolIds?: string[] } = {}): Promise<BreachReminderRun> {
  const dueBefore = new Date(now.getTime() - REMINDER_STAGES[0] * 3_600_000);
  const { results, errors } = await forEachJobSchool("breach reminders", opts.schoolIds, async (school) => {
    const here: BreachReminderRun = { reminders: 0, failures: 0 };
    const breaches = await db.$queryRaw<Due[]>`SELECT id, "awareAt" FROM breach_reminders_due(${dueBefore})`;
    for (const b of breaches) {
      try {
        here.reminders += await remindOne(school, b, now);
      } catch (e) {
        here.failures++;
        console.error(`breach reminders: incident ${b.id} failed`, e);
      }
    }
    return here;
  });
  return { reminders: total(results, (r) => r.reminders), failures: total(results, (r) => r.failures) + errors.length };
}

async function remindOne(school: JobSchool, b: Due, now: Date): Promise<number> {
  const hours = hoursSinceAware(b.awareAt, now);
  const stages = REMINDER_STAGES.filter((s) => hours >= s);
  const claimed: number[] = [];
  for (const stage of stages) {
    const [{ claimed: won }] = await db.$queryRaw<{ claimed: boolean }[]>`SELECT breach_reminder_claim(${b.id}, ${stage}) AS claimed`;
    if (won) claimed.push(stage);
  }
  if (claimed.length === 0) return 0;
  const recipients = await reminderRecipients(b.id, school.id);
  const sent = await mailPeople(recipients, (to) => breachReminderMail(to, { name: school.name, slug: school.slug }, b.id, Math.max(...claimed)));
  if (sent.sent === 0 && recipients.length > 0) {
    // Nobody was told: give the claim back so the next hourly check tries again.
    await db.$executeRaw`SELECT breach_reminder_release(${b.id}, ${claimed}::int[])`;
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
