import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/authz/require";
import { can } from "@/lib/authz/access";
import { listChecks } from "@/lib/filtering/queries";
import { filteringPath } from "@/lib/filtering/paths";
import { formatDate, londonToday } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { CheckForm } from "@/components/filtering/check-form";

export const metadata: Metadata = { title: "Filtering checks" };

export default async function FilteringChecksPage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "filtering:read");
  const { checks, nextCheckDue } = await listChecks(ctx);
  const today = londonToday();
  const nextMonth = new Date(today);
  nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
  return (
    <>
      <p className="mb-2"><Link href={filteringPath(ctx.school.slug)} className="underline underline-offset-2">Filtering</Link></p>
      <PageHeader title="Filtering checks">
        The DSL's periodic checks that pupils cannot reach inappropriate sites.{" "}
        {nextCheckDue ? (
          <>Next check due <strong>{formatDate(nextCheckDue)}</strong>{nextCheckDue < today && <> <StatusBadge tone="danger">Overdue</StatusBadge></>}.</>
        ) : (
          <>No check recorded yet.</>
        )}
      </PageHeader>
      <DataTable
        caption="Checks made"
        rows={checks}
        rowKey={(c) => c.id}
        empty="No filtering checks recorded yet."
        columns={[
          { key: "d", header: "Date", rowHeader: true, className: "whitespace-nowrap", cell: (c) => formatDate(c.checkedOn) },
          { key: "t", header: "What was tested", cell: (c) => c.tested },
          { key: "dv", header: "Device", cell: (c) => c.device },
          { key: "u", header: "User group", cell: (c) => c.userGroup },
          { key: "r", header: "Result", cell: (c) => (c.result === "PASS" ? <StatusBadge tone="success">Pass</StatusBadge> : <StatusBadge tone="danger">Fail</StatusBadge>) },
          { key: "n", header: "Notes", cell: (c) => c.notes ?? "" },
          { key: "b", header: "Checked by", cell: (c) => c.checkedBy },
        ]}
      />
      {can(ctx, "filtering:confirm") && (
        <section aria-labelledby="record" className="mt-8">
          <h2 id="record" className="mb-2 text-xl font-bold">Record a check</h2>
          <CheckForm schoolSlug={ctx.school.slug} today={today.toISOString().slice(0, 10)} nextDue={nextMonth.toISOString().slice(0, 10)} />
        </section>
      )}
    </>
  );
}
