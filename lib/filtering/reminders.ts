import "server-only";
import { db } from "@/lib/db";
import { londonToday, londonDateString } from "@/lib/dates";
import { activeMembershipWhere } from "@/lib/authz/access";
import { mailPeople } from "@/lib/incidents/notify";
import { filteringMail } from "./notify";
import { remindToday } from "./rules";

export const FILTERING_REVIEWS_JOB = "filtering-review-reminders";

/**
 * The daily job: each change in place whose review date has come is sent to the school's DSL and deputy
 * DSLs (a link only), on the day and weekly after until it is reviewed. Unscoped, like the other daily
 * jobs (it reads every school); `schoolIds` limits it for tests.
 */
export async function runFilteringReviewReminders(now = new Date(), opts: { schoolIds?: string[] } = {}) {
  const today = londonToday(now);
  const due = await db.filteringChange.findMany({
    where: { status: "CONFIRMED", reviewOn: { lte: today }, ...(opts.schoolIds ? { schoolId: { in: opts.schoolIds } } : {}) },
    select: { id: true, reviewOn: true, school: { select: { id: true, name: true, slug: true } } },
    orderBy: { id: "asc" },
  });
  let sent = 0;
  let failures = 0;
  for (const change of due.filter((c) => remindToday(c.reviewOn, today))) {
    try {
      const dsls = await db.membership.findMany({
        where: { schoolId: change.school.id, roles: { hasSome: ["DSL", "DEPUTY_DSL"] }, ...activeMembershipWhere(today) },
        select: { personId: true },
      });
      const out = await mailPeople([...new Set(dsls.map((m) => m.personId))], (to) =>
        filteringMail(to, change.school, change.id, "A filtering change has reached its date for review: please keep it or have it reverted."),
      );
      sent += out.sent;
      failures += out.failed;
    } catch (e) {
      console.error(`filtering reviews: change ${change.id} failed`, e);
      failures++;
    }
  }
  return { date: londonDateString(now), sent, failures };
}
