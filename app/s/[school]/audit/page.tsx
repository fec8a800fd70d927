import type { Metadata } from "next";
import { requireMember } from "@/lib/authz/require";
import { listSchoolAuditEvents, actorNames } from "@/lib/audit/queries";
import { verifyAuditLog } from "@/lib/audit/verify";
import { describeAction } from "@/lib/audit/describe";
import { formatDateTime } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { FormMessage } from "@/components/ui/form-message";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "audit:read");
  const [events, check] = await Promise.all([listSchoolAuditEvents(ctx.school.id, { take: 200 }), verifyAuditLog(ctx.school.id)]);
  const names = await actorNames(events.map((e) => e.actorId));
  return (
    <>
      <PageHeader title="Audit log">The most recent 200 recorded actions in {ctx.school.name}, newest first. Times are UK time.</PageHeader>
      {check.broken ? (
        <FormMessage error={`The record has been altered: event ${check.broken.seq} (${check.broken.reason}). Tell your DPO.`} />
      ) : (
        <FormMessage success={`Integrity check passed: all ${check.checked} events in this school's chain are intact.`} />
      )}
      <DataTable
        caption="Audit events"
        captionHidden
        rows={events}
        rowKey={(e) => String(e.id)}
        empty="Nothing has been recorded yet."
        columns={[
          { key: "seq", header: "#", cell: (e) => e.seq },
          { key: "at", header: "When", className: "whitespace-nowrap", cell: (e) => formatDateTime(e.at) },
          { key: "who", header: "Who", cell: (e) => (e.actorId ? (names.get(e.actorId) ?? "Unknown person") : "System") },
          { key: "what", header: "What", cell: (e) => describeAction(e.action) },
          { key: "record", header: "Record", cell: (e) => e.entityType ?? "" },
        ]}
      />
    </>
  );
}
