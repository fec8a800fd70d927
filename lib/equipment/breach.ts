import "server-only";
import type { Tx } from "@/lib/db";
import { record } from "@/lib/audit/record";
import type { SchoolContext } from "@/lib/authz/access";
import { routeIncident } from "@/lib/incidents/routing";
import { roleHoldersOf, handlerIdsOf } from "@/lib/incidents/holders";
import { auditBase } from "@/lib/incidents/handled";
import { formatDateTime } from "@/lib/dates";
import { ASSET_KINDS } from "./kinds";

// The incidents service opens a report in a transaction of its own (reportIncident in
// lib/incidents/service.ts takes no transaction), and a lost device must open its breach in the SAME
// transaction as the loss (docs/decisions/0014-equipment.md). So this inserts the data-breach incident
// through the caller's transaction with the incidents' own pieces: role holders and routing, numbering
// (incident_next_number), the handlers' list and the audit action, all under the row-level security the
// caller's withScope set (the person reporting the loss is the incident's reporter). The caller mails the
// handlers after commit with the incidents' own link-only email.

type LostAsset = { id: string; tag: string; kind: keyof typeof ASSET_KINDS; make: string; model: string; personalData: boolean };

export async function openBreachForLoss(
  tx: Tx,
  ctx: SchoolContext,
  loss: { id: string; kind: "LOST" | "STOLEN"; occurredAt: Date; place: string; wasEncrypted: boolean; contents: string },
  asset: LostAsset,
  awareAt: Date,
): Promise<{ incidentId: string; handlerIds: string[] }> {
  const routing = routeIncident({ category: "DATA_BREACH", subjectIds: [], ...(await roleHoldersOf(tx, ctx.school)) });
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
  // Ids only in the audit row, as the incidents service writes it.
  await record(tx, { ...auditBase(ctx), action: "incident.reported", entityId: incident.id, data: { fromLossId: loss.id } });
  return { incidentId: incident.id, handlerIds: await handlerIdsOf(tx, incident.id) };
}
