import "server-only";
import { db } from "@/lib/db";
import { sendMail, type Mail } from "@/lib/mail/send";
import { appUrl } from "@/lib/auth/magic-link";
import { incidentPath } from "./paths";

// Incident emails carry a link and nothing else: no category, no names, no words from the report. A
// mailbox is read on phones, forwarded and shared; the details stay behind the sign-in and the RLS.

export function newIncidentMail(to: { email: string }, school: { name: string; slug: string }, incidentId: string): Mail {
  return {
    to: to.email,
    subject: `${school.name}: a report needs your attention`,
    text:
      `A report has been made at ${school.name} that you are asked to look at.\n\n` +
      `Open it here (you will be asked to sign in):\n${appUrl()}${incidentPath(school.slug, incidentId)}\n\n` +
      `Please do not forward this email.`,
  };
}

export function breachReminderMail(to: { email: string }, school: { name: string; slug: string }, incidentId: string, hours: number): Mail {
  return {
    to: to.email,
    subject: `${school.name}: a data breach decision is due`,
    text:
      `A data breach at ${school.name} was reported ${hours} hours ago and the decision on reporting it to the ` +
      `Information Commissioner's Office has not been recorded. The ICO must be told within 72 hours of the ` +
      `school becoming aware of a breach that is likely to result in a risk to people.\n\n` +
      `Open it here (you will be asked to sign in):\n${appUrl()}${incidentPath(school.slug, incidentId)}`,
  };
}

/**
 * Sends one email per person, after the transaction has committed (the embedded database has one
 * connection, and a report must stand even if the mail server is down). Failures are logged, not thrown.
 */
export async function mailPeople(personIds: readonly string[], make: (to: { email: string }) => Mail): Promise<{ sent: number; failed: number }> {
  if (personIds.length === 0) return { sent: 0, failed: 0 };
  const people = await db.person.findMany({ where: { id: { in: [...personIds] }, status: "ACTIVE" }, select: { id: true, email: true } });
  let sent = 0;
  let failed = 0;
  for (const p of people) {
    try {
      await sendMail(make(p));
      sent++;
    } catch (e) {
      failed++;
      console.error(`mail to person ${p.id} failed`, e);
    }
  }
  return { sent, failed };
}
