import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/authz/require";
import { can } from "@/lib/authz/access";
import { listAuthorisations } from "@/lib/monitoring/queries";
import { KIND_LABELS, STATUS_LABELS, STATUS_TONES } from "@/lib/monitoring/terms";
import { authorisationPath, newAuthorisationPath } from "@/lib/monitoring/paths";
import { formatDate } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";

export const metadata: Metadata = { title: "Monitoring authorisations" };

export default async function MonitoringPage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "monitoring:view");
  // Row-level security decides the rows: those this person asked for or decides, never one about them.
  const rows = await listAuthorisations(ctx);
  const awaiting = rows.filter((r) => r.awaitingYou).length;
  return (
    <>
      <PageHeader title="Monitoring authorisations">
        Access to or interception of a member of staff&rsquo;s communications at {ctx.school.name}, approved only by the Chair of Governors
        (the trust when the Chair may not). You see the ones you asked for or decide; nobody sees one about themselves.
      </PageHeader>
      {can(ctx, "monitoring:request") && (
        <p className="mb-6">
          <Link href={newAuthorisationPath(ctx.school.slug)} className="inline-flex min-h-11 items-center rounded bg-emerald-800 px-4 py-2 font-semibold text-white hover:bg-emerald-900">
            Ask for an authorisation
          </Link>
        </p>
      )}
      {awaiting > 0 && (
        <p role="status" className="mb-4 rounded border-l-4 border-amber-600 bg-amber-50 p-3 font-semibold">
          {awaiting === 1 ? "One request awaits your decision." : `${awaiting} requests await your decision.`}
        </p>
      )}
      <DataTable
        caption="Monitoring authorisations"
        captionHidden
        rows={rows}
        rowKey={(r) => r.id}
        empty="There are no monitoring authorisations for you to see."
        columns={[
          {
            key: "subject",
            header: "Whose communications",
            rowHeader: true,
            cell: (r) => (
              <Link href={authorisationPath(ctx.school.slug, r.id)} className="font-semibold underline underline-offset-2">
                {r.subjectName}
              </Link>
            ),
          },
          { key: "status", header: "Status", cell: (r) => <StatusBadge tone={r.awaitingYou ? "warning" : STATUS_TONES[r.status]}>{r.awaitingYou ? "Awaiting your decision" : STATUS_LABELS[r.status]}</StatusBadge> },
          { key: "what", header: "What", cell: (r) => r.kinds.map((k) => KIND_LABELS[k]).join(", ") },
          { key: "period", header: "Period", className: "whitespace-nowrap", cell: (r) => `${formatDate(r.startsOn)} to ${formatDate(r.endsOn)}` },
          { key: "requester", header: "Asked for by", cell: (r) => r.requesterName },
        ]}
      />
    </>
  );
}
