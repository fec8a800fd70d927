import "server-only";
import type { z } from "zod";
import { record } from "@/lib/audit/record";
import type { SchoolContext } from "@/lib/authz/access";
import { DomainError, notFoundError } from "@/lib/authz/errors";
import { formatDate } from "@/lib/dates";
import { withScope, scopeOf } from "@/lib/db/scope";
import { INCIDENT_CATEGORIES } from "./categories";
import { handledIncident, chronicle, auditBase, auditData } from "./handled";
import type { breachDetailsSchema, breachDecisionSchema } from "./schemas";

type Input<S extends z.ZodType> = z.output<S>;

async function handledBreach(tx: Parameters<typeof handledIncident>[0], ctx: SchoolContext, incidentId: string) {
  const incident = await handledIncident(tx, ctx, incidentId);
  if (!INCIDENT_CATEGORIES[incident.category].breachClock) throw notFoundError("That data breach");
  return incident;
}

/** The art. 33 facts. They may be corrected as more is learnt, before and after the decision. */
export async function saveBreachDetails(ctx: SchoolContext, input: Input<typeof breachDetailsSchema>): Promise<{ ok: true }> {
  return withScope(scopeOf(ctx), async (tx) => {
    const incident = await handledBreach(tx, ctx, input.incidentId);
    const facts = {
      breachType: input.breachType,
      personalData: input.personalData,
      peopleAffected: input.peopleAffected,
      recordsAffected: input.recordsAffected,
      consequences: input.consequences,
      risk: input.risk,
      remedialAction: input.remedialAction,
      subjectsInformed: input.subjectsInformed,
      subjectsInformedOn: input.subjectsInformed ? (input.subjectsInformedOn ?? null) : null,
    };
    await tx.breachRecord.upsert({ where: { incidentId: incident.id }, create: { incidentId: incident.id, ...facts }, update: facts });
    await record(tx, { ...auditBase(ctx), action: "incident.breach_details_saved", entityId: incident.id, data: auditData(incident, { breachType: input.breachType, risk: input.risk }) });
    return { ok: true as const };
  });
}

/** "Reported to the ICO (date, reference)" or "not reported (reason)": once, and required before closing. */
export async function recordBreachDecision(ctx: SchoolContext, input: Input<typeof breachDecisionSchema>): Promise<{ ok: true }> {
  return withScope(scopeOf(ctx), async (tx) => {
    const incident = await handledBreach(tx, ctx, input.incidentId);
    const existing = await tx.breachRecord.findUnique({ where: { incidentId: incident.id }, select: { decidedAt: true } });
    if (existing?.decidedAt) throw new DomainError("The decision on this breach has already been recorded.", undefined, "CONFLICT");
    const decision = input.reported
      ? { reported: true, icoReportedOn: input.icoReportedOn!, icoReference: input.icoReference!, notReportedReason: null }
      : { reported: false, icoReportedOn: null, icoReference: null, notReportedReason: input.notReportedReason! };
    const data = { ...decision, decidedAt: new Date(), decidedById: ctx.person.id };
    await tx.breachRecord.upsert({ where: { incidentId: incident.id }, create: { incidentId: incident.id, ...data }, update: data });
    await chronicle(
      tx, ctx, incident.id, "BREACH_DECISION",
      decision.reported
        ? `Reported to the ICO on ${formatDate(decision.icoReportedOn)}, reference ${decision.icoReference}.`
        : `Not reported to the ICO: ${decision.notReportedReason}`,
    );
    await record(tx, { ...auditBase(ctx), action: "incident.breach_decided", entityId: incident.id, data: auditData(incident, { reported: decision.reported }) });
    return { ok: true as const };
  });
}
