import "server-only";
import type { Tx } from "@/lib/db";
import { record } from "@/lib/audit/record";
import { activeMembershipWhere, type SchoolContext } from "@/lib/authz/access";
import { routeIncident } from "@/lib/incidents/routing";
import { formatDateTime } from "@/lib/dates";
import { ASSET_KINDS } from "./kinds";

// The incidents service opens a report in a transaction of its own (lib/incidents/service.ts), and a lost
// device must open its breach in the SAME transaction as the loss (docs/decisions/0014-equipment.md). So
// this inserts the data-breach incident through the caller's transaction, with the incidents' own routing
// (lib/incidents/routing.ts), numbering (incident_next_number) and audit action, under the row-level
// security the caller's withScope set: the person reporting the loss is the incident's reporter.

type LostAsset = { id: string; tag: string; kind: keyof typeof ASSET_KINDS; make: string; model: string; personalData: boolean };

export async function openBreachForLoss(
  tx: Tx,
  ctx: SchoolContext,
  loss: { id: string; kind: "LOST" | "STOLEN"; occurredAt: Date; place: string; wasEncrypted: boolean; contents: string },
  asset: LostAsset,
  awareAt: Date,
): Promise<{ incidentId: string; handlerIds: string[] }> {
  const [members, orgRoles] = await Promise.all([
    tx.membership.findMany({ where: { schoolId: ctx.school.id, ...activeMembershipWhere() }, select: { personId: true, roles: true } }),
    tx.organisationRole.findMany({ where: { organisationId: ctx.school.organisationId, person: { status: "ACTIVE" } }, select: { personId: true, role: true } }),
  ]);
  const routing = routeIncident({ category: "DATA_BREACH", subjectIds: [], holders: members, orgHolders: orgRoles });
  const [{ n }] = await tx.$queryRaw<{ n: number }[]>`SELECT incident_next_number(${ctx.school.id}) AS n`;
  const what = `${ASSET_KINDS[asset.kind].label} ${asset.tag} (${asset.make} ${asset.model})`;
  const incident = await tx.incident.create({
    data: {
      schoolId: ctx.school.id,
      number: n,
      category: "DATA_BREACH",
      description: [
        `${what} was reported ${loss.kind === "STOLEN" ? "stolen" : "lost"} on the equipment register.`,
        `Where: ${loss.place}.`,
        `Encrypted: ${loss.wasEncrypted ? "yes" : "no"}. May hold personal data: ${asset.personalData ? "yes" : "no"}.`,
        `What it held: ${loss.contents}`,
      ].join("\n"),
      occurredAt: loss.occurredAt,
      awareAt,
      location: loss.place,
      immediateAction: `Recorded on the equipment register (loss ${loss.id}, ${formatDateTime(awareAt)}).`,
      reporterId: ctx.person.id,
      routedRoles: routing.roles,
      routedOrgRoles: routing.orgRoles,
      urgent: false,
    },
    select: { id: true },
  });
  await record(tx, {
    schoolId: ctx.school.id,
    organisationId: ctx.school.organisationId,
    actorId: ctx.person.id,
    action: "incident.reported",
    entityType: "Incident",
    entityId: incident.id,
    data: { category: "DATA_BREACH", fromLossId: loss.id, assetId: asset.id },
  });
  return { incidentId: incident.id, handlerIds: routing.handlerIds };
}
