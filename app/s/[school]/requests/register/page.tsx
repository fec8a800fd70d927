import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { requireMember } from "@/lib/authz/require";
import { registerKinds, registerRows, formatValue } from "@/lib/requests/queries";
import { registerFilterSchema } from "@/lib/requests/schemas";
import { REQUEST_KINDS } from "@/lib/requests/kinds";
import { STATUS_LABELS } from "@/lib/requests/rules";
import { requestsPath } from "@/lib/requests/paths";
import { PageHeader } from "@/components/ui/page-header";
import { BackToRequests } from "@/components/requests/back-link";
import { DataTable } from "@/components/ui/data-table";
import { FilterBar } from "@/components/ui/filter-bar";
import { requestColumns } from "@/components/requests/request-columns";

export const metadata: Metadata = { title: "Register of requests" };

export default async function RequestRegisterPage({ params, searchParams }: { params: Promise<{ school: string }>; searchParams: Promise<Record<string, string>> }) {
  const { school } = await params;
  // Members and the organisation's roles reach the school; which kinds they read is the kinds table.
  const ctx = await requireMember(school, "school:view");
  const kinds = registerKinds(ctx);
  if (kinds.length === 0) forbidden();
  const filter = registerFilterSchema.parse(await searchParams);
  const kind = filter.kind && kinds.includes(filter.kind) ? filter.kind : undefined;
  const rows = await registerRows(ctx, { ...filter, kind });
  const base = requestsPath(ctx.school.slug);
  const query = new URLSearchParams();
  if (kind) query.set("kind", kind);
  if (filter.status) query.set("status", filter.status);
  return (
    <>
      <BackToRequests slug={ctx.school.slug} />
      <PageHeader title={kind ? `Register: ${REQUEST_KINDS[kind].label}` : "Register of requests"}>
        {kind
          ? `Every request of this kind at ${ctx.school.name}, with what was asked, who decided it and when.`
          : `Every request of ${kinds.length === Object.keys(REQUEST_KINDS).length ? "every kind" : "the kinds you decide"} at ${ctx.school.name}, with who decided it and when. Choose a kind for its own register.`}
      </PageHeader>
      <FilterBar
        action={`${base}/register`}
        label="Choose a kind or status"
        fields={[
          { kind: "select", name: "kind", label: "Kind", value: kind, options: kinds.map((k) => ({ value: k, label: REQUEST_KINDS[k].label })), anyLabel: "Every kind" },
          { kind: "select", name: "status", label: "Status", value: filter.status, options: Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })) },
        ]}
      />
      <p className="mb-4">
        <a href={`${base}/register.csv${query.size ? `?${query}` : ""}`} className="inline-flex min-h-11 items-center underline underline-offset-2">
          Download this register (CSV)
        </a>
      </p>
      <DataTable
        caption="Register of requests"
        captionHidden
        rows={rows}
        rowKey={(r) => r.id}
        empty="No requests match."
        columns={[
          ...requestColumns(ctx.school.slug, { requester: true }),
          // One kind's register shows its own first answers (all of them are in the CSV and on each request).
          ...(kind ? REQUEST_KINDS[kind].fields.slice(0, 3) : []).map((f) => ({
            key: `field-${f.name}`,
            header: f.label,
            cell: (r: (typeof rows)[number]) => formatValue((r.details as Record<string, unknown>)[f.name]),
          })),
          { key: "decidedBy", header: "Decided by", cell: (r) => r.decidedByName },
        ]}
      />
    </>
  );
}
