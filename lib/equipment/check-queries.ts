import "server-only";
import { db, type Tx } from "@/lib/db";
import { londonToday, londonDateString, formatDate } from "@/lib/dates";
import { sendMail } from "@/lib/mail/send";
import { ASSET_KINDS, CHECKS, type CheckKey } from "./kinds";
import { checkState, defaultTerms, type Term } from "./checks";
import { myEquipmentPath } from "./paths";
import { forEachJobSchool, total } from "@/lib/jobs/scope";

export type CheckRow = {
  assetId: string; tag: string; kind: keyof typeof ASSET_KINDS; check: CheckKey; state: "due" | "overdue"; dueBy: Date;
  borrower: { id: string; name: string; email: string };
};

/** The school's own term dates, or the default England calendar until it has entered them. */
export async function termsOf(tx: Tx, schoolId: string): Promise<Term[]> {
  const rows = await tx.schoolTerm.findMany({ where: { schoolId }, orderBy: { startDate: "asc" } });
  return rows.length ? rows : defaultTerms();
}

/** Every check due or overdue on kit on loan in this school (run inside the school's scope or the job). */
export async function checksDue(tx: Tx, schoolId: string, now = new Date()): Promise<CheckRow[]> {
  const today = londonToday(now);
  const [terms, items] = await Promise.all([
    termsOf(tx, schoolId),
    tx.loanItem.findMany({
      where: { schoolId, status: "ON_LOAN" },
      include: {
        asset: { select: { id: true, tag: true, kind: true, checks: { select: { check: true, doneAt: true } } } },
        loan: { select: { startDate: true, borrower: { select: { id: true, name: true, email: true } } } },
      },
    }),
  ]);
  const out: CheckRow[] = [];
  for (const i of items) {
    for (const check of ASSET_KINDS[i.asset.kind].checks) {
      const doneAt = i.asset.checks.filter((c) => c.check === check).map((c) => c.doneAt);
      const s = checkState({ check, terms, onLoanFrom: i.loan.startDate, doneAt, today });
      if (s && s.state !== "done") out.push({ assetId: i.asset.id, tag: i.asset.tag, kind: i.asset.kind, check, state: s.state, dueBy: s.dueBy, borrower: i.loan.borrower });
    }
  }
  return out.sort((a, b) => a.dueBy.getTime() - b.dueBy.getTime() || a.tag.localeCompare(b.tag));
}

export const EQUIPMENT_CHECKS_JOB = "equipment-check-reminders";

/** Reminded the day after a check falls overdue, then weekly, so nobody gets the same email every day. */
export function remindToday(dueBy: Date, today: Date): boolean {
  const days = Math.round((today.getTime() - dueBy.getTime()) / 86_400_000);
  return days >= 1 && (days - 1) % 7 === 0;
}

/**
 * The daily job: borrowers of kit with an overdue check are emailed. Each school is read in its own scope
 * (lib/jobs/scope.ts); `schoolIds` limits it for tests.
 */
export async function runEquipmentCheckReminders(now = new Date(), opts: { schoolIds?: string[] } = {}) {
  const today = londonToday(now);
  const { results, errors } = await forEachJobSchool("equipment checks", opts.schoolIds, async (school) => {
    let sent = 0;
    let failures = 0;
    const rows = (await db.$transaction((tx) => checksDue(tx, school.id, now))).filter((r) => r.state === "overdue" && remindToday(r.dueBy, today));
    for (const r of rows) {
      try {
        await sendMail({
          to: r.borrower.email,
          subject: `Equipment check overdue: ${r.tag} at ${school.name}`,
          text: `${CHECKS[r.check].label} for ${ASSET_KINDS[r.kind].label} ${r.tag} was due by ${formatDate(r.dueBy)}.\n${CHECKS[r.check].byBorrower ? "Record it on" : "Please bring it to the School Business Manager. See"} ${myEquipmentPath(school.slug)}\n`,
        });
        sent++;
      } catch (e) {
        console.error("equipment check reminder failed", e);
        failures++;
      }
    }
    return { sent, failures };
  });
  return { date: londonDateString(now), sent: total(results, (r) => r.sent), failures: total(results, (r) => r.failures) + errors.length };
}
