import type { Metadata } from "next";
import { requireMember } from "@/lib/authz/require";
import { listSchoolAuditEvents, actorNames } from "@/lib/audit/queries";
import { verifyAuditLog } from "@/lib/audit/verify";
import { describeAction } from "@/lib/audit/describe";
import { formatDateTime } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { FormMessage } from "@/components/ui/form-message";

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
      <div className="overflow-x-auto rounded border border-slate-300 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Audit events</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="p-2">#</th>
              <th scope="col" className="p-2">When</th>
              <th scope="col" className="p-2">Who</th>
              <th scope="col" className="p-2">What</th>
              <th scope="col" className="p-2">Record</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={String(e.id)} className="border-t border-slate-200 align-top">
                <td className="p-2">{e.seq}</td>
                <td className="p-2 whitespace-nowrap">{formatDateTime(e.at)}</td>
                <td className="p-2">{e.actorId ? (names.get(e.actorId) ?? "Unknown person") : "System"}</td>
                <td className="p-2">{describeAction(e.action)}</td>
                <td className="p-2">{e.entityType ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
