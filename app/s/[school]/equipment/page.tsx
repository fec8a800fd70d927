import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/authz/require";
import { can } from "@/lib/authz/access";
import { listAssets, dashboard, organisationCounts, type AssetRow } from "@/lib/equipment/queries";
import { ASSET_KINDS, CHECKS, KIND_ORDER, STATUS_LABELS, formatPence } from "@/lib/equipment/kinds";
import { assetPath, newAssetPath, importPath, issuePath, loanPath, leaverPath, registerCsvPath, loansCsvPath } from "@/lib/equipment/paths";
import { formatDate } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";
import { FilterBar } from "@/components/ui/filter-bar";
import { StatusBadge, type BadgeTone } from "@/components/ui/status-badge";
import type { AssetKind, AssetStatus } from "@/generated/prisma/enums";

export const metadata: Metadata = { title: "Equipment" };

const TONE: Record<AssetStatus, BadgeTone> = {
  AVAILABLE: "success", AWAITING_SIGNATURE: "warning", ON_LOAN: "info", IN_FOR_CHECK: "neutral", LOST: "danger", STOLEN: "danger", RETIRED: "neutral",
};

export default async function EquipmentPage({ params, searchParams }: { params: Promise<{ school: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { school } = await params;
  const sp = await searchParams;
  const ctx = await requireMember(school, "equipment:counts");
  const slug = ctx.school.slug;

  // Trust roles without a membership see the figures for each school of their organisation, never names.
  if (!can(ctx, "equipment:issue-it")) {
    const rows = await organisationCounts(ctx);
    return (
      <>
        <PageHeader title="Equipment across the organisation">Counts only; each school's register is kept by its Business Manager.</PageHeader>
        <DataTable
          caption="Equipment by school"
          rows={rows}
          rowKey={(r) => r.school.id}
          columns={[
            { key: "s", header: "School", cell: (r) => r.school.name, rowHeader: true },
            { key: "on", header: "On loan", cell: (r) => r.onLoan, align: "right" },
            { key: "aw", header: "Awaiting signature", cell: (r) => r.awaiting, align: "right" },
            { key: "od", header: "Overdue", cell: (r) => r.overdue, align: "right" },
            { key: "lost", header: "Lost or stolen this year", cell: (r) => r.lostThisYear, align: "right" },
            { key: "owed", header: "Charges owed", cell: (r) => formatPence(r.owedPence), align: "right" },
            { key: "lv", header: "Leavers with kit", cell: (r) => r.leavers, align: "right" },
            { key: "ck", header: "Checks overdue", cell: (r) => r.checksOverdue, align: "right" },
          ]}
        />
      </>
    );
  }

  const kind = KIND_ORDER.includes(sp.kind as AssetKind) ? (sp.kind as AssetKind) : undefined;
  const status = sp.status && sp.status in STATUS_LABELS ? (sp.status as AssetStatus) : undefined;
  const [assets, d] = await Promise.all([listAssets(ctx, { kind, status }), dashboard(ctx)]);
  const manage = can(ctx, "equipment:manage");
  const figures = [
    { label: "On loan", value: d.onLoan },
    { label: "Awaiting signature", value: d.awaiting },
    { label: "Overdue", value: d.overdue.length },
    { label: "Lost or stolen this school year", value: d.lostThisYear },
    { label: "Charges owed", value: `${d.owed.length} (${formatPence(d.owedPence)})` },
    { label: "Leavers with kit", value: d.leavers.length },
    { label: "Checks due / overdue", value: `${d.checks.filter((c) => c.state === "due").length} / ${d.checks.filter((c) => c.state === "overdue").length}` },
  ];
  return (
    <>
      <PageHeader title="Equipment">
        Cameras, encrypted memory sticks, laptops and phones lent to staff, signed for as the school's policy asks.
        {sp.imported && <span role="status" className="mt-2 block font-semibold text-emerald-900">{Number(sp.imported)} assets imported.</span>}
      </PageHeader>
      <div className="mb-6 flex flex-wrap gap-3">
        <Link href={issuePath(slug)} className="inline-flex min-h-11 items-center rounded bg-emerald-800 px-4 py-2 font-semibold text-white hover:bg-emerald-900">Issue equipment</Link>
        {manage && <Link href={newAssetPath(slug)} className="inline-flex min-h-11 items-center rounded bg-slate-200 px-4 py-2 font-semibold">Add an asset</Link>}
        {manage && <Link href={importPath(slug)} className="inline-flex min-h-11 items-center rounded bg-slate-200 px-4 py-2 font-semibold">Import from CSV</Link>}
        {manage && <Link href={`/s/${slug}/equipment/settings`} className="inline-flex min-h-11 items-center underline underline-offset-2">Charge, conditions and term dates</Link>}
        <a href={registerCsvPath(slug)} className="inline-flex min-h-11 items-center underline underline-offset-2">Register (CSV)</a>
        <a href={loansCsvPath(slug)} className="inline-flex min-h-11 items-center underline underline-offset-2">Loans (CSV)</a>
      </div>
      <section aria-labelledby="figures" className="mb-8">
        <h2 id="figures" className="sr-only">Figures</h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {figures.map((f) => (
            <div key={f.label} className="rounded border border-slate-300 bg-white p-3">
              <dt className="text-sm">{f.label}</dt>
              <dd className="text-2xl font-bold">{f.value}</dd>
            </div>
          ))}
        </dl>
      </section>
      {d.leavers.length > 0 && (
        <section aria-labelledby="leavers" className="mb-8">
          <h2 id="leavers" className="mb-2 text-xl font-bold">Leavers with kit outstanding</h2>
          <ul className="space-y-1">
            {d.leavers.map((l) => (
              <li key={l.id}>
                <Link href={leaverPath(slug, l.id)} className="font-semibold underline underline-offset-2">{l.person.name}</Link> leaves {formatDate(l.endDate)}: {l.held} {l.held === 1 ? "item" : "items"} to return
              </li>
            ))}
          </ul>
        </section>
      )}
      {d.overdue.length > 0 && (
        <section aria-labelledby="overdue" className="mb-8">
          <h2 id="overdue" className="mb-2 text-xl font-bold">Overdue</h2>
          <ul className="space-y-1">
            {d.overdue.map((i) => (
              <li key={i.id}>
                <Link href={loanPath(slug, i.loan.id)} className="whitespace-nowrap underline underline-offset-2">{i.asset.tag}</Link> with {i.loan.borrower.name}, due back {formatDate(i.dueBack)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {d.checks.length > 0 && (
        <section aria-labelledby="checks" className="mb-8">
          <h2 id="checks" className="mb-2 text-xl font-bold">Checks due and overdue</h2>
          <ul className="space-y-1">
            {d.checks.map((c) => (
              <li key={`${c.assetId}-${c.check}`}>
                {c.state === "overdue" ? <StatusBadge tone="danger">Overdue</StatusBadge> : <StatusBadge tone="warning">Due</StatusBadge>}{" "}
                {manage ? <Link href={assetPath(slug, c.assetId)} className="whitespace-nowrap underline underline-offset-2">{c.tag}</Link> : <span className="whitespace-nowrap">{c.tag}</span>} ({c.borrower.name}): {CHECKS[c.check].label}, by {formatDate(c.dueBy)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {d.owed.length > 0 && (
        <section aria-labelledby="owed" className="mb-8">
          <h2 id="owed" className="mb-2 text-xl font-bold">Charges owed</h2>
          <ul className="space-y-1">
            {d.owed.map((l) => (
              <li key={l.id}>
                <Link href={assetPath(slug, l.assetId)} className="whitespace-nowrap underline underline-offset-2">{l.asset.tag}</Link>: {formatPence(l.chargePence)} owed by {l.loanItem?.loan.borrower.name ?? "nobody"}
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2 className="mb-2 text-xl font-bold">Register</h2>
      <FilterBar
        action={`/s/${slug}/equipment`}
        fields={[
          { kind: "select", name: "kind", label: "Kind", value: kind, options: KIND_ORDER.map((k) => ({ value: k, label: ASSET_KINDS[k].label })) },
          { kind: "select", name: "status", label: "Status", value: status, options: Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })) },
        ]}
      />
      <DataTable<AssetRow>
        caption="Equipment register"
        captionHidden
        rows={assets}
        rowKey={(a) => a.id}
        empty="Nothing on the register yet. Add an asset or import a CSV file."
        columns={[
          // A tag such as "LAP-01" is one identifier: the browser would otherwise break it after the hyphen.
          { key: "tag", header: "Tag", rowHeader: true, cell: (a) => <Link href={assetPath(slug, a.id)} className="whitespace-nowrap font-semibold underline underline-offset-2">{a.tag}</Link> },
          { key: "kind", header: "Kind", cell: (a) => ASSET_KINDS[a.kind].label },
          { key: "mm", header: "Make and model", cell: (a) => `${a.make} ${a.model}` },
          { key: "enc", header: "Encrypted", cell: (a) => (a.encrypted ? "Yes" : "No") },
          { key: "status", header: "Status", cell: (a) => <StatusBadge tone={TONE[a.status]}>{STATUS_LABELS[a.status]}</StatusBadge> },
          { key: "holder", header: "Held by", cell: (a) => a.holder?.name ?? "" },
          { key: "due", header: "Due back", cell: (a) => formatDate(a.dueBack), className: "whitespace-nowrap" },
        ]}
      />
    </>
  );
}
