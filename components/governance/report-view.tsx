import type { Report, Section } from "@/lib/governance/report";
import { DataTable } from "@/components/ui/data-table";
import { BarChart } from "./bar-chart";

// A governors' summary (school or trust) as the page shows it: each section's headline figures, then each
// table with its chart beside it. Everything here comes from lib/governance/report.ts (figures only).

export function SectionView({ section }: { section: Section }) {
  const h = `gov-${section.id}`;
  return (
    <section aria-labelledby={h} className="mb-8 break-inside-avoid-page">
      <h2 id={h} className="mb-2 text-xl font-bold">
        {section.title}
      </h2>
      {section.note && <p className="mb-3 text-sm text-slate-700">{section.note}</p>}
      {section.facts.length > 0 && (
        <dl className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {section.facts.map(([label, value]) => (
            <div key={label} className="rounded border border-slate-300 bg-white p-3">
              <dt className="text-sm">{label}</dt>
              <dd className="text-lg font-bold">{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {section.blocks.map((b, i) => (
        <div key={b.table.caption} className={b.chart ? "mb-4 grid gap-4 lg:grid-cols-2 lg:items-start" : "mb-4"}>
          {b.chart && (
            <figure className="rounded border border-slate-300 bg-white p-3">
              <BarChart chart={b.chart} id={`${h}-chart-${i}`} />
              <figcaption className="mt-1 text-sm text-slate-700">{b.chart.title}: the same figures are in the table &ldquo;{b.table.caption}&rdquo;.</figcaption>
            </figure>
          )}
          <DataTable
            caption={b.table.caption}
            rows={b.table.rows}
            rowKey={(r) => r.join("|")}
            empty="Nothing to show for this period."
            columns={b.table.head.map((header, c) => ({
              key: String(c),
              header,
              cell: (r: string[]) => r[c],
              align: b.table.numeric[c] ? "right" : "left",
              rowHeader: c === 0,
            }))}
          />
        </div>
      ))}
    </section>
  );
}

export function ReportView({ report, skip = [] }: { report: Report; skip?: string[] }) {
  return (
    <div className="governance-report">
      {report.sections.filter((s) => !skip.includes(s.id)).map((s) => (
        <SectionView key={s.id} section={s} />
      ))}
    </div>
  );
}
