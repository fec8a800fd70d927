import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/authz/require";
import { can } from "@/lib/authz/access";
import { periodFromQuery } from "@/lib/governance/schemas";
import { schoolFigures } from "@/lib/governance/summary";
import { schoolReport } from "@/lib/governance/report";
import { governancePath, packPath, trustGovernancePath } from "@/lib/governance/paths";
import { formatDateTime } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { PeriodForm } from "@/components/governance/period-form";
import { ReportView } from "@/components/governance/report-view";

export const metadata: Metadata = { title: "Governors' summary" };

export default async function GovernancePage({ params, searchParams }: { params: Promise<{ school: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "governance:view");
  const choice = periodFromQuery(await searchParams);
  const report = schoolReport(await schoolFigures(ctx, choice.period));
  const slug = ctx.school.slug;
  return (
    <>
      <PageHeader title="Governors' summary">
        <span className="block font-semibold">{ctx.school.name}</span>
        <span className="block">{choice.period.label}</span>
        <span className="block text-sm">Figures as at {formatDateTime(report.generatedAt)}. Whether the school does what its ICT policies promise: counts only, never a name or a case.</span>
      </PageHeader>
      <PeriodForm action={governancePath(slug)} choice={choice} />
      <div className="mb-6 flex flex-wrap gap-4 print:hidden">
        <a href={packPath(slug, "pdf", choice.period)} className="inline-flex min-h-11 items-center rounded bg-emerald-800 px-4 py-2 font-semibold text-white hover:bg-emerald-900">Board pack (PDF)</a>
        <a href={packPath(slug, "csv", choice.period)} className="inline-flex min-h-11 items-center underline underline-offset-2">Figures (CSV)</a>
        {can(ctx, "governance:trust") && <Link href={trustGovernancePath(slug)} className="inline-flex min-h-11 items-center underline underline-offset-2">Every school of the trust</Link>}
      </div>
      <ReportView report={report} />
    </>
  );
}
