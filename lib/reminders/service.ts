import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import { record } from "@/lib/audit/record";
import type { SchoolContext } from "@/lib/authz/access";
import { activeMembershipWhere } from "@/lib/authz/access";
import { notFoundError } from "@/lib/authz/errors";
import { sendMail } from "@/lib/mail/send";
import { appUrl } from "@/lib/auth/magic-link";
import { londonToday } from "@/lib/dates";
import { policyCoverage, schoolCoverage, outstandingPeople, type CoveragePerson, type PolicyCoverage } from "@/lib/declarations/coverage";
import { londonDay } from "@/lib/declarations/due";
import { coveragePath, signingPath } from "@/lib/declarations/paths";
import { reminderMail, escalationMail } from "./mail";
import { reminderDecision, quietDayReason } from "./rules";
import type { remindOutstandingSchema } from "./schemas";

// Each reminder is claimed, sent, and then recorded (a PolicyReminder row and its audit row, in one
// transaction): a row means an email really went. The claim (a ReminderClaim row, unique per school,
// version, person, kind and London day) is what makes two managers pressing "Remind all" at once, or
// the button and the daily job, send one email per person: whoever inserts it sends, the others skip.
// It is taken outside any transaction, so no connection is held while SMTP answers (the embedded
// database has only one). An SMTP failure gives the claim back and leaves no row, so the next run or
// press of the button tries that person again; one failure does not stop the others.

type SchoolInfo = { id: string; slug: string; name: string; organisationId: string };
type ClaimKey = { schoolId: string; personId: string; policyVersionId: string; escalation: boolean; day: Date };
type Outcome = "sent" | "skipped" | "failed";

/** True if this caller may send the reminder; false if someone else has it today (INSERT … ON CONFLICT DO NOTHING). */
async function claim(key: ClaimKey): Promise<boolean> {
  const { count } = await db.reminderClaim.createMany({ data: [key], skipDuplicates: true });
  return count === 1;
}

async function release(key: ClaimKey) {
  await db.reminderClaim.deleteMany({ where: key });
}

async function sendReminder(school: SchoolInfo, c: PolicyCoverage, p: CoveragePerson, sentById: string | null, now: Date): Promise<Outcome> {
  const key = { schoolId: school.id, personId: p.personId, policyVersionId: c.version.id, escalation: false, day: londonToday(now) };
  if (!(await claim(key))) return "skipped";
  try {
    await sendMail(
      reminderMail({
        to: { name: p.name, email: p.email },
        schoolName: school.name,
        policyTitle: c.version.title,
        versionNumber: c.version.number,
        dueOn: p.dueOn,
        overdue: p.state === "overdue",
        link: appUrl() + signingPath(school.slug, c.policy.id),
      }),
    );
  } catch (e) {
    console.error(`reminders: could not email a reminder (school ${school.id}, version ${c.version.id})`, e);
    await release(key);
    return "failed";
  }
  await db.$transaction(async (tx) => {
    const row = await tx.policyReminder.create({
      data: { schoolId: school.id, personId: p.personId, policyVersionId: c.version.id, escalation: false, sentById, sentAt: now },
    });
    await record(tx, {
      schoolId: school.id,
      organisationId: school.organisationId,
      actorId: sentById,
      action: "policy.reminder_sent",
      entityType: "PolicyReminder",
      entityId: row.id,
      data: { personId: p.personId, policyId: c.policy.id, policyVersionId: c.version.id, by: sentById ? "person" : "daily job" },
    });
  });
  return "sent";
}

type Recipient = { personId: string; name: string; email: string };

/**
 * Who hears that a person has not signed after three reminders: the Headteacher(s). When the person
 * is the only Headteacher, the Chair of Governors instead (concerns about the Head go to the Chair).
 */
async function escalationRecipients(schoolId: string, aboutPersonId: string, today: Date): Promise<{ role: string; people: Recipient[] }> {
  const leaders = await db.membership.findMany({
    where: { schoolId, ...activeMembershipWhere(today), roles: { hasSome: ["HEADTEACHER", "CHAIR_OF_GOVERNORS"] } },
    select: { roles: true, person: { select: { id: true, name: true, email: true } } },
    orderBy: { person: { name: "asc" } },
  });
  const as = (role: "HEADTEACHER" | "CHAIR_OF_GOVERNORS") =>
    leaders
      .filter((l) => l.roles.includes(role) && l.person.id !== aboutPersonId)
      .map((l) => ({ personId: l.person.id, name: l.person.name, email: l.person.email }));
  const heads = as("HEADTEACHER");
  return heads.length > 0 ? { role: "the Headteacher", people: heads } : { role: "Chair of Governors", people: as("CHAIR_OF_GOVERNORS") };
}

async function sendEscalation(school: SchoolInfo, c: PolicyCoverage, p: CoveragePerson, today: Date, now: Date): Promise<Outcome> {
  const { role, people } = await escalationRecipients(school.id, p.personId, today);
  if (people.length === 0) {
    console.error(`reminders: nobody to escalate to in school ${school.id}`);
    return "failed";
  }
  const key = { schoolId: school.id, personId: p.personId, policyVersionId: c.version.id, escalation: true, day: today };
  if (!(await claim(key))) return "skipped";
  const told: string[] = [];
  for (const r of people) {
    try {
      await sendMail(
        escalationMail({
          to: r,
          schoolName: school.name,
          person: { name: p.name },
          policyTitle: c.version.title,
          versionNumber: c.version.number,
          dueOn: p.dueOn,
          remindersSent: p.reminderCount,
          link: appUrl() + coveragePath(school.slug, c.policy.id),
          recipientRole: role,
        }),
      );
      told.push(r.personId);
    } catch (e) {
      console.error(`reminders: could not email an escalation (school ${school.id})`, e);
    }
  }
  if (told.length === 0) {
    await release(key);
    return "failed";
  }
  await db.$transaction(async (tx) => {
    const row = await tx.policyReminder.create({
      data: { schoolId: school.id, personId: p.personId, policyVersionId: c.version.id, escalation: true, sentById: null, sentAt: now },
    });
    await record(tx, {
      schoolId: school.id,
      organisationId: school.organisationId,
      actorId: null,
      action: "policy.reminder_escalated",
      entityType: "PolicyReminder",
      entityId: row.id,
      data: { personId: p.personId, policyId: c.policy.id, policyVersionId: c.version.id, remindersSent: p.reminderCount, to: told },
    });
  });
  return "sent";
}

/**
 * "Remind all outstanding": emails everyone who has not signed the policy's current version, now
 * (holidays do not apply to a deliberate press). Anyone already reminded today is skipped, so a
 * double click, or two managers pressing at once, does not send twice.
 */
export async function remindAllOutstanding(ctx: SchoolContext, input: z.output<typeof remindOutstandingSchema>, now = new Date()) {
  const today = londonToday(now);
  const coverage = await policyCoverage(ctx.school, input.policyId, today);
  if (!coverage) throw notFoundError("That policy");
  let sent = 0;
  let skipped = 0;
  let failed = 0;
  for (const p of outstandingPeople(coverage)) {
    if (p.lastRemindedAt && londonDay(p.lastRemindedAt).getTime() === today.getTime()) {
      skipped++;
      continue;
    }
    const outcome = await sendReminder(ctx.school, coverage, p, ctx.person.id, now);
    if (outcome === "sent") sent++;
    else if (outcome === "skipped") skipped++;
    else failed++;
  }
  return { sent, skipped, failed };
}

export type SchoolReminderRun = { schoolId: string; quiet: "weekend" | "holiday" | null; reminders: number; escalations: number; failures: number };

/** The daily job's work for one school on one day (see rules.ts for when a reminder is due). */
export async function remindSchool(school: SchoolInfo, now: Date): Promise<SchoolReminderRun> {
  const today = londonToday(now);
  const out: SchoolReminderRun = { schoolId: school.id, quiet: null, reminders: 0, escalations: 0, failures: 0 };
  // Claims only matter on their own day: the daily run clears the school's earlier ones.
  await db.reminderClaim.deleteMany({ where: { schoolId: school.id, day: { lt: today } } });
  const holidays = await db.schoolHoliday.findMany({ where: { schoolId: school.id, date: today }, select: { date: true } });
  out.quiet = quietDayReason(today, new Set(holidays.map((h) => h.date.toISOString().slice(0, 10))));
  if (out.quiet) return out;

  for (const c of await schoolCoverage(school, today)) {
    for (const p of outstandingPeople(c)) {
      const decision = reminderDecision(today, {
        since: p.since,
        firstReminderDays: c.policy.firstReminderDays,
        remindersSent: p.reminderCount,
        lastRemindedOn: p.lastRemindedAt ? londonDay(p.lastRemindedAt) : null,
        escalated: p.escalatedAt !== null,
      });
      if (!decision.remind) continue;
      const reminded = await sendReminder(school, c, p, null, now);
      if (reminded === "sent") out.reminders++;
      else if (reminded === "failed") out.failures++;
      if (decision.escalate) {
        // "skipped": a manager's press reminded them a moment ago, which counts as this reminder.
        const sentSoFar = { ...p, reminderCount: p.reminderCount + (reminded === "failed" ? 0 : 1) };
        const escalated = await sendEscalation(school, c, sentSoFar, today, now);
        if (escalated === "sent") out.escalations++;
        else if (escalated === "failed") out.failures++;
      }
    }
  }
  return out;
}
