import { addDays, isWeekend } from "@/lib/declarations/due";

// When the daily job chases a signature. Pure, so the rules are tested without a clock or a database.

/** Days between reminders once they have started. */
export const REMINDER_INTERVAL_DAYS = 7;
/** After this many reminders for one version, the Headteacher is told (once per person per version). */
export const ESCALATE_AFTER_REMINDERS = 3;

export type ReminderHistory = {
  /** London calendar day the obligation began (publication, or the person's start date if later). */
  since: Date;
  firstReminderDays: number;
  /** Reminders already sent for this version (by the job or by the "remind all" button). */
  remindersSent: number;
  /** London calendar day of the last reminder, if any. */
  lastRemindedOn: Date | null;
  escalated: boolean;
};

/**
 * The first reminder once the person has been outstanding for the policy's first-reminder days, then
 * one a week. When a reminder falls due after three have gone unanswered, the Headteacher is told too.
 */
export function reminderDecision(today: Date, h: ReminderHistory): { remind: boolean; escalate: boolean } {
  if (today < addDays(h.since, h.firstReminderDays)) return { remind: false, escalate: false };
  if (h.lastRemindedOn && today < addDays(h.lastRemindedOn, REMINDER_INTERVAL_DAYS)) return { remind: false, escalate: false };
  return { remind: true, escalate: h.remindersSent >= ESCALATE_AFTER_REMINDERS && !h.escalated };
}

/** No reminders at weekends or on the school's holidays (SchoolHoliday rows, as YYYY-MM-DD). */
export function quietDayReason(today: Date, holidays: ReadonlySet<string>): "weekend" | "holiday" | null {
  if (isWeekend(today)) return "weekend";
  if (holidays.has(today.toISOString().slice(0, 10))) return "holiday";
  return null;
}
