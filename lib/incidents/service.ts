import "server-only";
import type { z } from "zod";
import type { Tx } from "@/lib/db";
import { record } from "@/lib/audit/record";
import type { SchoolContext } from "@/lib/authz/access";
import { SCHOOL_ROLE_LABELS } from "@/lib/authz/labels";
import { DomainError } from "@/lib/authz/errors";
import type { IncidentStatus } from "@/generated/prisma/enums";
import { withScope, scopeOf } from "@/lib/db/scope";
import { INCIDENT_CATEGORIES, OUTCOME_LABELS, outcomesFor, STATUS_LABELS } from "./categories";
import { routeIncident } from "./routing";
import { roleHoldersOf, assertSubjectsInSchool, handlerIdsOf } from "./holders";
import { auditBase, auditData, handledIncident, chronicle } from "./handled";
import { mailPeople, newIncidentMail } from "./notify";
import { incidentReference } from "./paths";
import type {
  reportIncidentSchema, acknowledgeSchema, acknowledgeUrgentSchema, setStatusSchema, setLeadSchema, chronologySchema,
  rerouteSchema, closeSchema, reopenSchema,
} from "./schemas";

export { saveBreachDetails, recordBreachDecision } from "./breach-service";

type Input<S extends z.ZodType> = z.output<S>;

export async function reportIncident(ctx: SchoolContext, input: Input<typeof reportIncidentSchema>): Promise<{ id: string; reference: string }> {
  const rule = INCIDENT_CATEGORIES[input.category];
  const { id, reference, handlers } = await withScope(scopeOf(ctx), async (tx) => {
    await assertSubjectsInSchool(tx, ctx.school.id, input.subjectIds);
    const routing = routeIncident({ category: input.category, subjectIds: input.subjectIds, ...(await roleHoldersOf(tx, ctx.school)) });
    const [{ n }] = await tx.$queryRaw<{ n: number }[]>`SELECT incident_next_number(${ctx.school.id}) AS n`;
    const incident = await tx.incident.create({
      data: {
        schoolId: ctx.school.id,
        number: n,
        category: input.category,
        description: input.description,
        occurredAt: input.occurredAt ?? null,
        awareAt: input.awareAt,
        location: input.location ?? null,
        pupilRefs: input.pupilRefs ?? null,
        immediateAction: input.immediateAction ?? null,
        reporterId: ctx.person.id,
        routedRoles: routing.roles,
        routedOrgRoles: routing.orgRoles,
        urgent: rule.urgent,
      },
      select: { id: true },
    });
    if (routing.subjectIds.length) {
      await tx.incidentSubject.createMany({ data: routing.subjectIds.map((personId) => ({ incidentId: incident.id, personId })) });
    }
    await record(tx, { ...auditBase(ctx), action: "incident.reported", entityId: incident.id, data: {} });
    return { id: incident.id, reference: incidentReference(n), handlers: await handlerIdsOf(tx, incident.id) };
  });
  await mailPeople(handlers, (to) => newIncidentMail(to, ctx.school, id));
  return { id, reference };
}

/** NEW → ACKNOWLEDGED; acknowledging also clears the urgent banner. Acknowledging twice changes nothing. */
export async function acknowledgeIncident(ctx: SchoolContext, input: Input<typeof acknowledgeSchema>): Promise<{ status: IncidentStatus }> {
  return withScope(scopeOf(ctx), async (tx) => {
    const incident = await handledIncident(tx, ctx, input.incidentId);
    if (incident.status !== "NEW") return { status: incident.status };
    await tx.incident.update({ where: { id: incident.id }, data: { status: "ACKNOWLEDGED", ...urgentCleared(incident, ctx) } });
    await chronicle(tx, ctx, incident.id, "STATUS_CHANGED", STATUS_LABELS.ACKNOWLEDGED);
    await record(tx, { ...auditBase(ctx), action: "incident.acknowledged", entityId: incident.id, data: auditData(incident, { status: "ACKNOWLEDGED" }) });
    return { status: "ACKNOWLEDGED" as const };
  });
}

function urgentCleared(incident: { urgent: boolean; urgentAckAt: Date | null }, ctx: SchoolContext) {
  return incident.urgent && !incident.urgentAckAt ? { urgentAckAt: new Date(), urgentAckById: ctx.person.id } : {};
}

export async function setIncidentStatus(ctx: SchoolContext, input: Input<typeof setStatusSchema>): Promise<{ status: IncidentStatus }> {
  return withScope(scopeOf(ctx), async (tx) => {
    const incident = await handledIncident(tx, ctx, input.incidentId);
    if (incident.status === "CLOSED") throw new DomainError("This report is closed. Reopen it first.", undefined, "CONFLICT");
    if (incident.status === input.status) return { status: incident.status };
    await tx.incident.update({ where: { id: incident.id }, data: { status: input.status, ...urgentCleared(incident, ctx) } });
    await chronicle(tx, ctx, incident.id, "STATUS_CHANGED", STATUS_LABELS[input.status]);
    await record(tx, { ...auditBase(ctx), action: "incident.status_changed", entityId: incident.id, data: auditData(incident, { from: incident.status, to: input.status }) });
    return { status: input.status };
  });
}

/** The lead is one of the people handling it now (never a subject: they are not handlers). */
export async function setLead(ctx: SchoolContext, input: Input<typeof setLeadSchema>): Promise<{ leadId: string }> {
  return withScope(scopeOf(ctx), async (tx) => {
    const incident = await handledIncident(tx, ctx, input.incidentId);
    if (!(await handlerIdsOf(tx, incident.id)).includes(input.leadId)) {
      throw new DomainError("Choose one of the people handling this report", "leadId");
    }
    if (incident.leadId === input.leadId) return { leadId: input.leadId };
    const lead = await tx.person.findUniqueOrThrow({ where: { id: input.leadId }, select: { name: true } });
    await tx.incident.update({ where: { id: incident.id }, data: { leadId: input.leadId } });
    await chronicle(tx, ctx, incident.id, "LEAD_SET", `Lead handler: ${lead.name}`);
    await record(tx, { ...auditBase(ctx), action: "incident.lead_set", entityId: incident.id, data: auditData(incident, { leadId: input.leadId }) });
    return { leadId: input.leadId };
  });
}

export async function addChronologyEntry(ctx: SchoolContext, input: Input<typeof chronologySchema>): Promise<{ ok: true }> {
  return withScope(scopeOf(ctx), async (tx) => {
    const incident = await handledIncident(tx, ctx, input.incidentId);
    await chronicle(tx, ctx, incident.id, input.kind, input.note);
    await record(tx, { ...auditBase(ctx), action: "incident.chronology_added", entityId: incident.id, data: auditData(incident, { kind: input.kind }) });
    return { ok: true as const };
  });
}

/**
 * Sends the report to another role as well (re-route or escalate). Routing only ever widens, and the
 * subjects stay excluded, so the role must have someone in it who is not a subject.
 */
export async function rerouteIncident(ctx: SchoolContext, input: Input<typeof rerouteSchema>): Promise<{ newHandlers: number }> {
  const { id, added } = await withScope(scopeOf(ctx), async (tx) => {
    const incident = await handledIncident(tx, ctx, input.incidentId);
    if (incident.routedRoles.includes(input.toRole)) throw new DomainError("It already goes to that role", "toRole");
    const before = await handlerIdsOf(tx, incident.id);
    await tx.incident.update({ where: { id: incident.id }, data: { routedRoles: [...incident.routedRoles, input.toRole] } });
    const added = (await handlerIdsOf(tx, incident.id)).filter((p) => !before.includes(p));
    if (added.length === 0) throw new DomainError("Nobody who may receive this report holds that role", "toRole");
    await chronicle(tx, ctx, incident.id, "REROUTED", `Also sent to: ${SCHOOL_ROLE_LABELS[input.toRole]}. Reason: ${input.reason}`);
    await record(tx, { ...auditBase(ctx), action: "incident.rerouted", entityId: incident.id, data: auditData(incident, { toRole: input.toRole }) });
    return { id: incident.id, added };
  });
  await mailPeople(added, (to) => newIncidentMail(to, ctx.school, id));
  return { newHandlers: added.length };
}

export async function closeIncident(ctx: SchoolContext, input: Input<typeof closeSchema>): Promise<{ status: IncidentStatus }> {
  return withScope(scopeOf(ctx), async (tx) => {
    const incident = await handledIncident(tx, ctx, input.incidentId);
    if (incident.status === "CLOSED") throw new DomainError("This report is already closed.", undefined, "CONFLICT");
    if (!(input.outcome in outcomesFor(incident.category))) {
      throw new DomainError(INCIDENT_CATEGORIES[incident.category].allegation ? "Choose one of the outcomes for an allegation" : "Choose one of the outcomes", "outcome");
    }
    if (INCIDENT_CATEGORIES[incident.category].breachClock) {
      const breach = await tx.breachRecord.findUnique({ where: { incidentId: incident.id }, select: { decidedAt: true } });
      if (!breach?.decidedAt) throw new DomainError("Record the decision on reporting this breach to the ICO before closing it.", undefined, "CONFLICT");
    }
    await tx.incident.update({
      where: { id: incident.id },
      data: { status: "CLOSED", outcome: input.outcome, outcomeSummary: input.summary, closedAt: new Date(), ...urgentCleared(incident, ctx) },
    });
    await chronicle(tx, ctx, incident.id, "CLOSED", `${OUTCOME_LABELS[input.outcome]}: ${input.summary}`);
    await record(tx, { ...auditBase(ctx), action: "incident.closed", entityId: incident.id, data: auditData(incident, { outcome: input.outcome }) });
    return { status: "CLOSED" as const };
  });
}

export async function reopenIncident(ctx: SchoolContext, input: Input<typeof reopenSchema>): Promise<{ status: IncidentStatus }> {
  return withScope(scopeOf(ctx), async (tx) => {
    const incident = await handledIncident(tx, ctx, input.incidentId);
    if (incident.status !== "CLOSED") throw new DomainError("Only a closed report can be reopened.", undefined, "CONFLICT");
    await tx.incident.update({ where: { id: incident.id }, data: { status: "INVESTIGATING", outcome: null, outcomeSummary: null, closedAt: null } });
    await chronicle(tx, ctx, incident.id, "REOPENED", input.reason);
    await record(tx, { ...auditBase(ctx), action: "incident.reopened", entityId: incident.id, data: {} });
    return { status: "INVESTIGATING" as const };
  });
}

/** Takes the urgent banner down for every handler; the report itself stays where it is. */
export async function acknowledgeUrgent(ctx: SchoolContext, input: Input<typeof acknowledgeUrgentSchema>): Promise<{ ok: true }> {
  return withScope(scopeOf(ctx), async (tx) => {
    const incident = await handledIncident(tx, ctx, input.incidentId);
    if (!incident.urgent || incident.urgentAckAt) return { ok: true as const };
    await tx.incident.update({ where: { id: incident.id }, data: urgentCleared(incident, ctx) });
    await record(tx, { ...auditBase(ctx), action: "incident.urgent_acknowledged", entityId: incident.id, data: {} });
    return { ok: true as const };
  });
}
