import "server-only";
import type { Tx } from "@/lib/db";
import type { SchoolContext } from "@/lib/authz/access";
import { notFoundError } from "@/lib/authz/errors";
import type { ChronologyKind, IncidentCategory } from "@/generated/prisma/enums";
import { INCIDENT_CATEGORIES } from "./categories";
import { record } from "@/lib/audit/record";
import { isHandler } from "./holders";

// Audit rows hold ids and codes, never what anyone wrote: the audit page is read by people who are not
// this report's handlers (acceptance point 8). The words live in the incident and its chronology, under RLS.
export const auditBase = (ctx: SchoolContext) => ({
  schoolId: ctx.school.id,
  organisationId: ctx.school.organisationId,
  actorId: ctx.person.id,
  entityType: "Incident",
});

/** Codes (an outcome, a role) say too much about a safeguarding report: its audit rows keep ids only. */
export function auditData(incident: { category: IncidentCategory }, data: Record<string, unknown>): Record<string, unknown> {
  return INCIDENT_CATEGORIES[incident.category].confidential ? {} : data;
}

/** The incident, if this person handles it; otherwise "not found", exactly as for a missing id. */
export async function handledIncident(tx: Tx, ctx: SchoolContext, incidentId: string) {
  const incident = await tx.incident.findFirst({ where: { id: incidentId, schoolId: ctx.school.id } });
  if (!incident || !(await isHandler(tx, incident.id))) throw notFoundError("That report");
  return incident;
}

export async function chronicle(tx: Tx, ctx: SchoolContext, incidentId: string, kind: ChronologyKind, note: string) {
  await tx.chronologyEntry.create({ data: { incidentId, kind, note, authorId: ctx.person.id } });
}

/** Read receipts: the first time each handler opens the report (the detail page, through getIncident). */
export async function markRead(tx: Tx, ctx: SchoolContext, incidentId: string): Promise<void> {
  const inserted = await tx.$executeRaw`
    INSERT INTO "IncidentRead" ("incidentId", "personId") VALUES (${incidentId}, ${ctx.person.id})
    ON CONFLICT DO NOTHING`;
  if (inserted > 0) await record(tx, { ...auditBase(ctx), action: "incident.read", entityId: incidentId, data: {} });
}
