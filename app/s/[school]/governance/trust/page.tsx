import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { requireMember } from "@/lib/authz/require";
import { periodFromQuery, periodQueryString } from "@/lib/governance/schemas";
import { trustFigures } from "@/lib/governance/summary";
import { trustReport, sortRollup, rollupCells, ROLLUP_COLUMNS, type RollupKey } from "@/lib/governance/report";
import { packPath, trustGovernancePath } from "@/lib/governance/paths";
import { RAG_LABELS } from "@/lib/governance/thresholds";
import { formatDateTime } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { PeriodForm } from "@/components/governance/period-form";
import { ReportView } from "@/components/governance/report-view";

export const metadata: Metadata = { title: "Trust governors' summary" };

const TONE = { green: "success", amber: "warning", red: "danger" } as const;

export default async function TrustGovernancePage({ params, searchParams }: { params: Promise<{ school: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "governance:trust");
  const sp = await searchParams;
  const choice = periodFromQuery(sp);
  const trust = await trustFigures(ctx, choice.period);
  if (!trust) forbidden();
  const report = trustReport(trust.organisation, trust.figures);
  const slug = ctx.school.slug;
  const sort = (ROLLUP_COLUMNS.some((c) => c.key === sp.sort) ? sp.sort : "school") as RollupKey;
  const dir = sp.dir === "desc" ? "desc" : "asc";
  const rows = sortRollup(report.rollup, sort, dir);
  const sortHref = (key: RollupKey) => `${trustGovernancePath(slug)}?${periodQueryString(choice.period)}&sort=${key}&dir=${sort === key && dir === "asc" ? "desc" : "asc"}`;
  const total = rollupCells(report.total, "Trust total");
  return (
    <>
      <PageHeader title="Trust governors' summary">
        <span className="block font-semibold">{trust.organisation}</span>
        <span className="block">{choice.period.label}</span>
        <span className="block text-sm">Figures as at {formatDateTime(report.generatedAt)}, for each of the trust's {rows.length} schools. Counts only, never a name or a case.</span>
      </PageHeader>
      <PeriodForm action={trustGovernancePath(slug)} choice={choice} />
      <div className="mb-6 flex flex-wrap gap-4 print:hidden">
        <a href={packPath(slug, "pdf", choice.period, true)} className="inline-flex min-h-11 items-center rounded bg-emerald-800 px-4 py-2 font-semibold text-white hover:bg-emerald-900">Trust board pack (PDF)</a>
        <a href={packPath(slug, "csv", choice.period, true)} className="inline-flex min-h-11 items-center underline underline-offset-2">Figures (CSV)</a>
      </div>
      <section aria-labelledby="rollup" className="mb-8">
        <h2 id="rollup" className="mb-2 text-xl font-bold">Schools at a glance</h2>
        <p className="mb-3 text-sm text-slate-700">{report.sections[0].note} Choose a column heading to sort by it.</p>
        <div className="overflow-x-auto rounded border border-slate-300 bg-white" role="region" aria-label="Schools at a glance" tabIndex={0}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Schools at a glance, sorted by {ROLLUP_COLUMNS.find((c) => c.key === sort)!.header} ({dir === "asc" ? "ascending" : "descending"})</caption>
            <thead className="bg-slate-100">
              <tr>
                {ROLLUP_COLUMNS.map((c) => (
                  <th key={c.key} scope="col" className="p-2 align-bottom" aria-sort={sort === c.key ? (dir === "asc" ? "ascending" : "descending") : undefined}>
                    <Link href={sortHref(c.key)} className="underline underline-offset-2 print:no-underline">
                      {c.header}
                      {sort === c.key && <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span>}
                    </Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const cells = rollupCells(r, r.school.name);
                return (
                  <tr key={r.school.id} className="border-t border-slate-200 align-top">
                    <th scope="row" className="p-2 font-semibold">{r.school.name}</th>
                    <td className="p-2">
                      <StatusBadge tone={TONE[r.rag]}>{RAG_LABELS[r.rag]}</StatusBadge>
                      {r.reasons.length > 0 && <span className="mt-1 block text-xs">{r.reasons.join("; ")}</span>}
                    </td>
                    {cells.slice(2).map((c, i) => <td key={i} className="p-2 text-right">{c}</td>)}
                  </tr>
                );
              })}
            </tbody>
            <tfoot className="border-t-2 border-slate-800 font-semibold">
              <tr>
                <th scope="row" className="p-2">Trust total</th>
                <td className="p-2" />
                {total.slice(2).map((c, i) => <td key={i} className="p-2 text-right">{c}</td>)}
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
      <ReportView report={report} skip={["rollup"]} />
    </>
  );
}
