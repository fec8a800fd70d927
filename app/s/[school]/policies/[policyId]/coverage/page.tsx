import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/authz/require";
import { can } from "@/lib/authz/access";
import { policyCoverage, outstandingPeople, trustPolicyCoverage } from "@/lib/declarations/coverage";
import { coverageCsvPath, coveragePath } from "@/lib/declarations/paths";
import { STAFF_GROUP_LABELS } from "@/lib/authz/labels";
import { formatDate, formatDateTime } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { CountsTable } from "@/components/coverage/counts-table";
import { RemindButton } from "@/components/coverage/remind-button";
import { DataTable } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";

export const metadata: Metadata = { title: "Who has signed" };

export default async function CoveragePage({ params }: { params: Promise<{ school: string; policyId: string }> }) {
  const { school, policyId } = await params;
  const ctx = await requireMember(school, "policy:coverage");
  const coverage = await policyCoverage(ctx.school, policyId);
  if (!coverage) notFound();
  const trust = await trustPolicyCoverage(ctx, policyId);
  const outstanding = outstandingPeople(coverage);
  return (
    <>
      <BackLink href={`/s/${ctx.school.slug}/policies`}>Back to policies</BackLink>
      <PageHeader title={`Who has signed: ${coverage.version.title}`}>
        Version {coverage.version.number}, published {formatDate(coverage.version.publishedAt)}. Signatures are due {coverage.policy.dueDays} days after
        publication or after a person starts.
      </PageHeader>
      <CountsTable caption={`${ctx.school.name}, by staff group`} rows={coverage.byStaffGroup} totals={coverage.totals} />
      <p className="my-4 flex flex-wrap gap-x-5">
        <a href={coverageCsvPath(ctx.school.slug, policyId)} className="underline underline-offset-2">
          Download as CSV
        </a>
        {trust && (
          <a href={coverageCsvPath(ctx.school.slug, policyId, "trust")} className="underline underline-offset-2">
            Download for every school in the trust (CSV)
          </a>
        )}
      </p>
      <section aria-labelledby="outstanding" className="mb-8">
        <h2 id="outstanding" className="mb-2 text-xl font-bold">
          Not yet signed ({outstanding.length})
        </h2>
        {can(ctx, "reminder:send") && <RemindButton schoolSlug={ctx.school.slug} policyId={policyId} outstanding={outstanding.length} />}
        {outstanding.length === 0 ? (
          <p>Everyone asked to sign has signed.</p>
        ) : (
          <DataTable
            caption="People who have not yet signed"
            captionHidden
            rows={outstanding}
            rowKey={(p) => p.membershipId}
            columns={[
              { key: "name", header: "Name", rowHeader: true, cell: (p) => p.name },
              { key: "group", header: "Staff group", cell: (p) => STAFF_GROUP_LABELS[p.staffGroup] },
              { key: "due", header: "Due", cell: (p) => formatDate(p.dueOn) },
              {
                key: "status",
                header: "Status",
                cell: (p) => (p.state === "overdue" ? <StatusBadge tone="danger">Overdue</StatusBadge> : <StatusBadge tone="warning">Outstanding</StatusBadge>),
              },
              {
                key: "reminded",
                header: "Last reminded",
                cell: (p) => (
                  <>
                    {p.lastRemindedAt ? `${formatDateTime(p.lastRemindedAt)} (${p.reminderCount} sent)` : "Not yet"}
                    {p.escalatedAt && <> · escalated {formatDate(p.escalatedAt)}</>}
                  </>
                ),
              },
            ]}
          />
        )}
      </section>
      {trust && (
        <section aria-labelledby="trust">
          <h2 id="trust" className="mb-2 text-xl font-bold">
            Across the trust
          </h2>
          <div className="overflow-x-auto">
            <table className="w-full max-w-2xl border border-slate-300 bg-white text-left">
              <thead className="bg-slate-100">
                <tr>
                  <th scope="col" className="p-2">School</th>
                  <th scope="col" className="p-2 text-right">Signed</th>
                  <th scope="col" className="p-2 text-right">Outstanding</th>
                  <th scope="col" className="p-2 text-right">Overdue</th>
                </tr>
              </thead>
              <tbody>
                {trust.map((t) => (
                  <tr key={t.school.id} className="border-t border-slate-200">
                    <th scope="row" className="p-2 font-normal">
                      <Link href={coveragePath(t.school.slug, policyId)} className="underline underline-offset-2">
                        {t.school.name}
                      </Link>
                    </th>
                    <td className="p-2 text-right">{t.coverage!.totals.signed}</td>
                    <td className="p-2 text-right">{t.coverage!.totals.outstanding}</td>
                    <td className="p-2 text-right">{t.coverage!.totals.overdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
