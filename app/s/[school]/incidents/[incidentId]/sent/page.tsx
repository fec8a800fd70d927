import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/authz/require";
import { getIncident } from "@/lib/incidents/queries";
import { formatDateTime } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Report sent" };

// Says the report arrived and gives its reference. Deliberately nothing about who receives it: the
// reporter may be standing next to the person it concerns.
export default async function ReportSentPage({ params }: { params: Promise<{ school: string; incidentId: string }> }) {
  const { school, incidentId } = await params;
  // A new starter still signing the induction policies may report a concern: it cannot wait.
  const ctx = await requireMember(school, "incident:report", { duringInduction: true });
  const incident = await getIncident(ctx, incidentId);
  if (!incident) notFound();
  return (
    <>
      <div role="status" className="mb-6 max-w-2xl rounded border-l-8 border-emerald-700 bg-emerald-50 p-4">
        <PageHeader title="Report sent">Thank you. The people who need to know have been told.</PageHeader>
        <p className="text-lg">
          Your reference: <strong data-testid="incident-reference">{incident.reference}</strong>
        </p>
        <p className="mt-1 text-slate-700">Sent {formatDateTime(incident.createdAt)} (UK time).</p>
      </div>
      <p className="mb-2 max-w-2xl">Keep the reference if you need to speak to someone about it. Do not discuss the report with the people it concerns.</p>
      <p className="flex flex-wrap gap-x-5 gap-y-2">
        <Link href={`/s/${ctx.school.slug}/incidents/${incident.id}`} className="inline-flex min-h-11 items-center underline underline-offset-2">
          View your report
        </Link>
        <Link href={`/s/${ctx.school.slug}/incidents`} className="inline-flex min-h-11 items-center underline underline-offset-2">
          All your reports
        </Link>
        <Link href={`/s/${ctx.school.slug}`} className="inline-flex min-h-11 items-center underline underline-offset-2">
          Back to the dashboard
        </Link>
      </p>
    </>
  );
}
