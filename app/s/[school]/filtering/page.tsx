import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/authz/require";
import { can } from "@/lib/authz/access";
import { listChanges, listChecks, responsiblePeople, logFigures, PAGE_LIMIT, type ChangeFilters } from "@/lib/filtering/queries";
import { STATUS_LABELS, STATUS_TONES, REVIEW_STATE_LABELS } from "@/lib/filtering/rules";
import { changePath, newChangePath, checksPath, annualReviewPath, filteringCsvPath, filteringPath } from "@/lib/filtering/paths";
import { formatDate, londonToday, parseDateInput } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";
import { FilterBar } from "@/components/ui/filter-bar";
import { StatusBadge } from "@/components/ui/status-badge";
import type { FilteringStatus } from "@/generated/prisma/enums";

export const metadata: Metadata = { title: "Filtering" };

const linkButton = "inline-flex min-h-11 items-center rounded px-4 py-2 font-semibold";

export default async function FilteringPage({ params, searchParams }: { params: Promise<{ school: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { school } = await params;
  const sp = await searchParams;
  const ctx = await requireMember(school, "filtering:request");
  const slug = ctx.school.slug;
  const reads = can(ctx, "filtering:read");
  const filters: ChangeFilters = {
    status: sp.status && sp.status in STATUS_LABELS ? (sp.status as FilteringStatus) : undefined,
    attention: sp.attention === "review" || sp.attention === "revert" ? sp.attention : undefined,
    from: parseDateInput(sp.from ?? "") ?? undefined,
    to: parseDateInput(sp.to ?? "") ?? undefined,
  };
  const [rows, checks, responsible, figures] = await Promise.all([
    listChanges(ctx, filters),
    reads ? listChecks(ctx) : null,
    reads ? responsiblePeople(ctx) : null,
    reads ? logFigures(ctx) : null,
  ]);
  const today = londonToday();
  return (
    <>
      <PageHeader title={reads ? "Filtering change log" : "Filtering: your requests"}>
        {reads
          ? "Every website or category allowed or blocked: who asked and why, who authorised it, who made it and the DSL who confirmed it, and when it is reviewed."
          : "Ask for a website or category to be allowed or blocked. The ICT lead authorises it, a technician makes it and the DSL confirms it."}
      </PageHeader>
      <div className="mb-6 flex flex-wrap gap-3">
        <Link href={newChangePath(slug)} className={`${linkButton} bg-emerald-800 text-white hover:bg-emerald-900`}>Ask for a change</Link>
        {reads && <Link href={checksPath(slug)} className={`${linkButton} bg-slate-200`}>Filtering checks</Link>}
        {reads && <Link href={annualReviewPath(slug)} className={`${linkButton} bg-slate-200`}>Responsible people and annual review</Link>}
        {reads && <a href={filteringCsvPath(slug)} className="inline-flex min-h-11 items-center underline underline-offset-2">Change log (CSV)</a>}
      </div>
      {reads && (
        <section aria-labelledby="oversight" className="mb-6">
          <h2 id="oversight" className="sr-only">At a glance</h2>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            <div className="rounded border border-slate-300 bg-white p-3"><dt className="text-sm">Awaiting DSL confirmation</dt><dd className="text-2xl font-bold">{figures?.awaitingConfirmation}</dd></div>
            <div className="rounded border border-slate-300 bg-white p-3"><dt className="text-sm">Reviews overdue</dt><dd className="text-2xl font-bold">{figures?.reviewsOverdue}</dd></div>
            <div className="rounded border border-slate-300 bg-white p-3"><dt className="text-sm">Due for revert</dt><dd className="text-2xl font-bold">{figures?.revertDue}</dd></div>
            <div className="rounded border border-slate-300 bg-white p-3">
              <dt className="text-sm">Next filtering check due</dt>
              <dd className="text-lg font-bold">
                {checks?.nextCheckDue ? formatDate(checks.nextCheckDue) : "None recorded yet"}
                {checks?.nextCheckDue && checks.nextCheckDue < today && <> <StatusBadge tone="danger">Overdue</StatusBadge></>}
              </dd>
            </div>
          </dl>
          <p className="mt-3">
            Responsible for filtering and monitoring:{" "}
            {responsible ? <>senior leader <strong>{responsible.seniorLeader}</strong>, governor <strong>{responsible.governor}</strong>.</> : <>not yet named (<Link className="underline underline-offset-2" href={annualReviewPath(slug)}>name them</Link>).</>}
          </p>
        </section>
      )}
      {reads && (
        <FilterBar
          action={filteringPath(slug)}
          label="Filter the change log"
          fields={[
            { kind: "select", name: "status", label: "Status", value: filters.status, options: Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })) },
            { kind: "select", name: "attention", label: "Needs attention", value: filters.attention, options: [{ value: "review", label: "Review due or soon" }, { value: "revert", label: "Due for revert" }] },
            { kind: "date", name: "from", label: "Requested from", value: sp.from && filters.from ? sp.from : undefined },
            { kind: "date", name: "to", label: "Requested to", value: sp.to && filters.to ? sp.to : undefined },
          ]}
        />
      )}
      {rows.length === PAGE_LIMIT && <p className="mb-2">Showing the latest {PAGE_LIMIT}; narrow the dates, or download the whole log as CSV.</p>}
      <DataTable
        caption={reads ? "Filtering changes" : "Your requests"}
        rows={rows}
        rowKey={(r) => r.id}
        empty={reads ? "No filtering changes match." : "You have not asked for any filtering changes."}
        columns={[
          { key: "t", header: "Website / category", rowHeader: true, cell: (r) => <Link className="font-semibold underline underline-offset-2" href={changePath(slug, r.id)}>{r.target}</Link> },
          { key: "d", header: "Change", cell: (r) => `${r.direction === "ALLOW" ? "Allow" : "Block"}${r.temporary ? ` until ${formatDate(r.endsOn)}` : ", permanent"}` },
          { key: "rq", header: "Requested by / reason", cell: (r) => <><span className="font-semibold">{r.requestedBy}</span>, {formatDate(r.createdAt)}<br /><span className="text-slate-700">{r.reason}</span></> },
          { key: "a", header: "Authorised by", cell: (r) => r.authorisedBy || "—" },
          { key: "m", header: "Made by", cell: (r) => r.madeBy || "—" },
          { key: "c", header: "Confirmed by", cell: (r) => r.confirmedBy || "—" },
          { key: "rv", header: "Date for review", className: "whitespace-nowrap", cell: (r) => formatDate(r.reviewOn) },
          {
            key: "s", header: "Status", cell: (r) => (
              <div className="flex flex-col items-start gap-1">
                <StatusBadge tone={STATUS_TONES[r.status]}>{STATUS_LABELS[r.status]}</StatusBadge>
                {r.review && r.status !== "REVERT_DUE" && <StatusBadge tone={REVIEW_STATE_LABELS[r.review].tone}>{REVIEW_STATE_LABELS[r.review].label}</StatusBadge>}
              </div>
            ),
          },
        ]}
      />
    </>
  );
}
