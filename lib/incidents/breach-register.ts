import "server-only";
import type { BreachType, BreachRisk, IncidentStatus } from "@/generated/prisma/enums";
import type { SchoolContext } from "@/lib/authz/access";
import { can } from "@/lib/authz/access";
import { withScope, scopeOf } from "@/lib/db/scope";
import { toCsv } from "@/lib/declarations/csv";
import { formatDate, formatDateTime } from "@/lib/dates";
import { BREACH_TYPES, BREACH_RISKS, STATUS_LABELS } from "./categories";
import { breachDeadline } from "./breach-clock";
import { incidentReference } from "./paths";
import type { BreachRegisterRow } from "./types";

type Sql = {
  id: string; number: number; awareAt: Date; status: IncidentStatus;
  breachType: BreachType | null; personalData: string | null; peopleAffected: number | null; recordsAffected: number | null;
  risk: BreachRisk | null; subjectsInformed: boolean | null; subjectsInformedOn: Date | null;
  reported: boolean | null; icoReportedOn: Date | null; icoReference: string | null; notReportedReason: string | null; decidedAt: Date | null;
};

/**
 * Every data breach of the school the person handles, reported to the ICO or not (UK GDPR art. 33(5)
 * asks for a record of all of them). Under RLS like everything else: a breach about the Head is in the
 * Chair's and the DPO's register, not in the Head's.
 */
export async function breachRegister(ctx: SchoolContext): Promise<BreachRegisterRow[]> {
  if (!can(ctx, "incident:breach-register")) return [];
  return withScope(scopeOf(ctx), async (tx) => {
    const rows = await tx.$queryRaw<Sql[]>`
      SELECT i.id, i.number, i."awareAt", i.status, b."breachType", b."personalData", b."peopleAffected", b."recordsAffected",
             b.risk, b."subjectsInformed", b."subjectsInformedOn", b.reported, b."icoReportedOn", b."icoReference",
             b."notReportedReason", b."decidedAt"
      FROM "Incident" i LEFT JOIN "BreachRecord" b ON b."incidentId" = i.id
      WHERE i."schoolId" = ${ctx.school.id} AND i.category = 'DATA_BREACH'
        AND incident_row_handler(i.id, i."schoolId", i."routedRoles", i."routedOrgRoles")
      ORDER BY i."awareAt" DESC`;
    return rows.map(({ number, ...r }) => ({
      ...r,
      reference: incidentReference(number),
      decidedWithin72h: r.decidedAt ? r.decidedAt.getTime() <= breachDeadline(r.awareAt).getTime() : null,
    }));
  });
}

export const BREACH_REGISTER_HEADER = [
  "Reference", "School", "Aware at (UK time)", "Status", "Type of breach", "Personal data", "People affected", "Records affected",
  "Risk", "People told", "Told on", "Reported to the ICO", "ICO reported on", "ICO reference", "Reason not reported",
  "Decided at (UK time)", "Decided within 72 hours",
];

const yesNo = (v: boolean | null) => (v === null ? "" : v ? "Yes" : "No");

/** The register as CSV for an auditor or the ICO (cells that look like formulas are neutralised). */
export async function breachRegisterCsv(ctx: SchoolContext): Promise<string> {
  const rows = await breachRegister(ctx);
  return toCsv([
    BREACH_REGISTER_HEADER,
    ...rows.map((r) => [
      r.reference, ctx.school.name, formatDateTime(r.awareAt), STATUS_LABELS[r.status],
      r.breachType ? BREACH_TYPES[r.breachType] : "", r.personalData, r.peopleAffected, r.recordsAffected,
      r.risk ? BREACH_RISKS[r.risk] : "", yesNo(r.subjectsInformed), formatDate(r.subjectsInformedOn),
      r.reported === null ? "Not yet decided" : yesNo(r.reported), formatDate(r.icoReportedOn), r.icoReference, r.notReportedReason,
      formatDateTime(r.decidedAt), yesNo(r.decidedWithin72h),
    ]),
  ]);
}
