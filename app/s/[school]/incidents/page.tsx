import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { requireMember } from "@/lib/authz/require";
import { can } from "@/lib/authz/access";
import { listIncidents, listMyReports, isIncidentHandler } from "@/lib/incidents/queries";
import { incidentFiltersSchema } from "@/lib/incidents/schemas";
import { INCIDENT_CATEGORIES, CATEGORY_ORDER, STATUS_LABELS } from "@/lib/incidents/categories";
import { formatDateTime } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";
import { referenceColumn } from "@/components/incidents/reference-column";
import { FilterBar } from "@/components/ui/filter-bar";
import { StatusBadge } from "@/components/ui/status-badge";
import { IncidentStatusBadge, BreachClock } from "@/components/incidents/badges";

export const metadata: Metadata = { title: "Incidents" };

type Search = { status?: string; category?: string; from?: string; to?: string };

export default async function IncidentsPage({ params, searchParams }: { params: Promise<{ school: string }>; searchParams: Promise<Search> }) {
  const { school } = await params;
  const ctx = await requireMember(school);
  const reporter = can(ctx, "incident:report");
  const handler = await isIncidentHandler(ctx);
  if (!reporter && !handler) forbidden();
  const base = `/s/${ctx.school.slug}/incidents`;
  // Whatever is in the address is re-read here; unknown values are ignored rather than an error.
  const filters = incidentFiltersSchema.parse(await searchParams);
  const filtered = !!(filters.status || filters.category || filters.from || filters.to);
  const [list, mine] = await Promise.all([handler ? listIncidents(ctx, filters) : null, reporter ? listMyReports(ctx) : []]);
  return (
    <>
      <PageHeader title={handler ? "Incidents" : "My reports"}>
        {handler
          ? `The reports at ${ctx.school.name} that you deal with, and the ones you have made yourself. Times are UK time.`
          : `Concerns you have reported at ${ctx.school.name}, and where they have got to.`}
      </PageHeader>
      <p className="mb-6 flex flex-wrap gap-x-5 gap-y-2">
        {reporter && (
          <Link href={`${base}/new`} className="inline-flex min-h-11 items-center rounded bg-emerald-800 px-4 py-2 font-semibold text-white hover:bg-emerald-900">
            Report a concern
          </Link>
        )}
        {can(ctx, "incident:breach-register") && (
          <Link href={`${base}/breaches`} className="inline-flex min-h-11 items-center underline underline-offset-2">
            Breach register
          </Link>
        )}
      </p>

      {list && (
        <section aria-labelledby="register" className="mb-10">
          <h2 id="register" className="mb-2 text-xl font-bold">
            Reports for you to deal with
          </h2>
          <ul className="mb-4 flex flex-wrap gap-2" aria-label="Counts by status">
            {(["NEW", "ACKNOWLEDGED", "INVESTIGATING", "CLOSED"] as const).map((s) => (
              <li key={s} className="rounded border border-slate-300 bg-white px-3 py-2">
                <span className="block text-2xl font-bold" data-testid={`count-${s}`}>
                  {list.counts.byStatus[s]}
                </span>
                <span className="text-sm">{STATUS_LABELS[s]}</span>
              </li>
            ))}
            <li className="rounded border border-slate-300 bg-white px-3 py-2">
              <span className="block text-2xl font-bold" data-testid="count-total">
                {list.counts.total}
              </span>
              <span className="text-sm">In all</span>
            </li>
          </ul>
          <FilterBar
            action={base}
            label="Filter the reports"
            fields={[
              {
                kind: "select",
                name: "status",
                label: "Status",
                value: filters.status,
                options: [{ value: "OPEN", label: "Open (not closed)" }, ...(["NEW", "ACKNOWLEDGED", "INVESTIGATING", "CLOSED"] as const).map((s) => ({ value: s, label: STATUS_LABELS[s] }))],
              },
              {
                kind: "select",
                name: "category",
                label: "Category",
                value: filters.category,
                options: CATEGORY_ORDER.map((c) => ({ value: c, label: INCIDENT_CATEGORIES[c].label })),
              },
              { kind: "date", name: "from", label: "Reported from", value: filters.from },
              { kind: "date", name: "to", label: "Reported to", value: filters.to },
            ]}
          />
          {filtered && (
            <p className="mb-2" role="status">
              {list.rows.length} {list.rows.length === 1 ? "report matches" : "reports match"} these filters.
            </p>
          )}
          <DataTable
            caption="Reports for you to deal with"
            captionHidden
            rows={list.rows}
            rowKey={(r) => r.id}
            empty="No reports match these filters."
            rowClassName={(r) => (r.urgentUnacknowledged ? "bg-red-50" : undefined)}
            columns={[
              referenceColumn(base),
              { key: "status", header: "Status", cell: (r) => <IncidentStatusBadge status={r.status} /> },
              {
                key: "category",
                header: "Category",
                cell: (r) => (
                  <>
                    {INCIDENT_CATEGORIES[r.category].label}
                    {r.urgentUnacknowledged && (
                      <span className="ml-2">
                        <StatusBadge tone="danger">Urgent: not yet acknowledged</StatusBadge>
                      </span>
                    )}
                  </>
                ),
              },
              { key: "reported", header: "Reported", className: "whitespace-nowrap", cell: (r) => formatDateTime(r.createdAt) },
              // "Not yet" would suggest a closed report still awaits a lead.
              { key: "lead", header: "Lead", cell: (r) => r.leadName ?? (r.status === "CLOSED" ? "None" : "Not yet") },
              { key: "clock", header: "72-hour clock", cell: (r) => (r.breachClock ? <BreachClock clock={r.breachClock} compact /> : "") },
            ]}
          />
        </section>
      )}

      {reporter && (
        <section aria-labelledby="mine">
          <h2 id="mine" className="mb-2 text-xl font-bold">
            {handler ? "Reports you have made" : "Your reports"}
          </h2>
          <DataTable
            caption="Your reports"
            captionHidden
            rows={mine}
            rowKey={(r) => r.id}
            empty="You have not reported anything here."
            columns={[
              referenceColumn(base),
              { key: "status", header: "Status", cell: (r) => <IncidentStatusBadge status={r.status} /> },
              { key: "category", header: "Category", cell: (r) => INCIDENT_CATEGORIES[r.category].label },
              { key: "reported", header: "Reported", className: "whitespace-nowrap", cell: (r) => formatDateTime(r.createdAt) },
            ]}
          />
        </section>
      )}
    </>
  );
}
