import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { ASSET_KINDS } from "@/lib/equipment/kinds";
import { checkState, defaultTerms, type Term } from "@/lib/equipment/checks";
import { idList, type Reader } from "./db";

// Equipment: what is out, what is late, what was lost or stolen in the period, charges, checks overdue and
// leavers who still hold kit, per school, never the people behind them. Two statements for any number of
// schools: the counts in SQL, and the items on loan with their checks and the schools' term dates, whose
// due dates follow the pure rules of lib/equipment/checks.ts.

export type EquipmentRow = {
  schoolId: string;
  onLoan: number;
  awaitingSignature: number;
  overdue: number;
  lost: number;
  stolen: number;
  /** Charges raised in the period (lost or stolen kit), in pence. */
  chargedPence: number;
  /** Charges still owed, whenever raised. */
  owedCount: number;
  owedPence: number;
  leaversWithKit: number;
  checksOverdue: number;
};

export async function equipmentSection(tx: Reader, schoolIds: readonly string[], from: Date, to: Date, today: Date): Promise<EquipmentRow[]> {
  if (schoolIds.length === 0) return [];
  const ids = idList(schoolIds);
  const counts = await tx.$queryRaw<Omit<EquipmentRow, "checksOverdue">[]>(Prisma.sql`
    WITH items AS (
      SELECT "schoolId",
             count(*) FILTER (WHERE status = 'ON_LOAN')::int AS "onLoan",
             count(*) FILTER (WHERE status = 'AWAITING_SIGNATURE')::int AS "awaitingSignature",
             count(*) FILTER (WHERE status IN ('ON_LOAN', 'AWAITING_SIGNATURE') AND "dueBack" < ${today}::date)::int AS overdue
      FROM "LoanItem" WHERE "schoolId" IN (${ids}) GROUP BY 1
    ), losses AS (
      SELECT "schoolId",
             count(*) FILTER (WHERE kind = 'LOST' AND "createdAt" >= ${from} AND "createdAt" < ${to})::int AS lost,
             count(*) FILTER (WHERE kind = 'STOLEN' AND "createdAt" >= ${from} AND "createdAt" < ${to})::int AS stolen,
             coalesce(sum("chargePence") FILTER (WHERE "chargeStatus" <> 'NONE' AND "createdAt" >= ${from} AND "createdAt" < ${to}), 0)::int AS "chargedPence",
             count(*) FILTER (WHERE "chargeStatus" = 'OWED')::int AS "owedCount",
             coalesce(sum("chargePence") FILTER (WHERE "chargeStatus" = 'OWED'), 0)::int AS "owedPence"
      FROM "AssetLoss" WHERE "schoolId" IN (${ids}) GROUP BY 1
    ), leavers AS (
      SELECT m."schoolId", count(DISTINCT m.id)::int AS "leaversWithKit"
      FROM "Membership" m
      JOIN "Loan" l ON l."schoolId" = m."schoolId" AND l."borrowerId" = m."personId"
      JOIN "LoanItem" li ON li."loanId" = l.id AND li.status IN ('ON_LOAN', 'AWAITING_SIGNATURE')
      WHERE m."schoolId" IN (${ids}) AND m."endDate" IS NOT NULL
      GROUP BY 1
    )
    SELECT s.id AS "schoolId",
           coalesce(i."onLoan", 0) AS "onLoan", coalesce(i."awaitingSignature", 0) AS "awaitingSignature", coalesce(i.overdue, 0) AS overdue,
           coalesce(x.lost, 0) AS lost, coalesce(x.stolen, 0) AS stolen, coalesce(x."chargedPence", 0) AS "chargedPence",
           coalesce(x."owedCount", 0) AS "owedCount", coalesce(x."owedPence", 0) AS "owedPence",
           coalesce(v."leaversWithKit", 0) AS "leaversWithKit"
    FROM "School" s LEFT JOIN items i ON i."schoolId" = s.id LEFT JOIN losses x ON x."schoolId" = s.id LEFT JOIN leavers v ON v."schoolId" = s.id
    WHERE s.id IN (${ids})`);
  const overdueChecks = await checksOverdueBySchool(tx, schoolIds, today);
  return counts.map((c) => ({ ...c, checksOverdue: overdueChecks.get(c.schoolId) ?? 0 }));
}

type OnLoan = { schoolId: string; kind: keyof typeof ASSET_KINDS; onLoanFrom: Date; checks: { check: string; doneAt: string }[] | null };

async function checksOverdueBySchool(tx: Reader, schoolIds: readonly string[], today: Date): Promise<Map<string, number>> {
  const ids = idList(schoolIds);
  const items = await tx.$queryRaw<OnLoan[]>(Prisma.sql`
    SELECT li."schoolId", a.kind, l."startDate" AS "onLoanFrom",
           json_agg(json_build_object('check', c."check", 'doneAt', c."doneAt")) FILTER (WHERE c.id IS NOT NULL) AS checks
    FROM "LoanItem" li JOIN "Asset" a ON a.id = li."assetId" JOIN "Loan" l ON l.id = li."loanId"
    LEFT JOIN "EquipmentCheck" c ON c."schoolId" = li."schoolId" AND c."assetId" = a.id
    WHERE li."schoolId" IN (${ids}) AND li.status = 'ON_LOAN'
    GROUP BY li.id, li."schoolId", a.kind, l."startDate"`);
  const termRows = await tx.$queryRaw<(Term & { schoolId: string })[]>(Prisma.sql`
    SELECT "schoolId", name, "startDate", "endDate", "halfTermStart", "halfTermEnd" FROM "SchoolTerm"
    WHERE "schoolId" IN (${ids}) ORDER BY "schoolId", "startDate"`);
  // A school that has not entered its term dates uses the default calendar, as its own equipment page does.
  const terms = new Map<string, Term[]>();
  for (const t of termRows) terms.set(t.schoolId, [...(terms.get(t.schoolId) ?? []), t]);
  const out = new Map<string, number>();
  const defaults = defaultTerms();
  // The rule walks the calendar for every item; items lent on the same day with the same checks done (most
  // of them, in a trust) get the same answer, so each answer is worked out once (bench/README.md).
  const known = new Map<string, boolean>();
  for (const item of items) {
    const calendar = terms.has(item.schoolId) ? item.schoolId : "default";
    for (const check of ASSET_KINDS[item.kind].checks) {
      const done = (item.checks ?? []).filter((c) => c.check === check).map((c) => c.doneAt).sort();
      const key = `${calendar}|${check}|${item.onLoanFrom.toISOString()}|${done.join(",")}`;
      let overdue = known.get(key);
      if (overdue === undefined) {
        const state = checkState({ check, terms: terms.get(item.schoolId) ?? defaults, onLoanFrom: item.onLoanFrom, doneAt: done.map((d) => new Date(d)), today });
        overdue = state?.state === "overdue";
        known.set(key, overdue);
      }
      if (overdue) out.set(item.schoolId, (out.get(item.schoolId) ?? 0) + 1);
    }
  }
  return out;
}
