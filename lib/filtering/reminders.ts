import "server-only";
import { db } from "@/lib/db";
import { londonToday, londonDateString } from "@/lib/dates";
import { activeMembershipWhere } from "@/lib/authz/access";
import { mailPeople } from "@/lib/incidents/notify";
import { filteringMail } from "./notify";
import { remindToday } from "./rules";
import { forEachJobSchool, total, type JobSchool } from "@/lib/jobs/scope";

export const FILTERING_REVIEWS_JOB = "filtering-review-reminders";

/**
 * The daily job: each change in place whose review date has come is sent to the school's DSL and deputy
 * DSLs (a link only), on the day and weekly after until it is reviewed. Each school in its own scope
 * (lib/jobs/scope.ts); `schoolIds` limits it for tests.
 */
export async function runFilteringReviewReminders(now = new Date(), opts: { schoolIds?: string[] } = {}) {
  const today = londonToday(now);
  const { results, errors } = await forEachJobSchool("filtering reviews", opts.schoolIds, (school) => remindInSchool(school, today));
  return { date: londonDateString(now), sent: total(results, (r) => r.sent), failures: total(results, (r) => r.failures) + errors.length };
}

async function remindInSchool(school: JobSchool, today: Date) {
  const due = await db.filteringChange.findMany({
    where: { schoolId: school.id, status: "CONFIRMED", reviewOn: { lte: today } },
    select: { id: true, reviewOn: true },
    orderBy: { id: "asc" },
  });
  let sent = 0;
  let failures = 0;
  const todays = due.filter((c) => remindToday(c.reviewOn, today));
  if (todays.length === 0) return { sent, failures };
  // The school's DSLs once, whatever the number of changes due.
  const dsls = await db.membership.findMany({
    where: { schoolId: school.id, roles: { hasSome: ["DSL", "DEPUTY_DSL"] }, ...activeMembershipWhere(today) },
    select: { personId: true },
  });
  const recipients = [...new Set(dsls.map((m) => m.personId))];
  for (const change of todays) {
    try {
      const out = await mailPeople(recipients, (to) =>
        filteringMail(to, school, change.id, "A filtering change has reached its date for review: please keep it or have it reverted."),
      );
      sent += out.sent;
      failures += out.failed;
    } catch (e) {
      console.error(`filtering reviews: change ${change.id} failed`, e);
      failures++;
    }
  }
  return { sent, failures };
}
