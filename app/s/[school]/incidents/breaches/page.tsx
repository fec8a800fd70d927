import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { requireMember } from "@/lib/authz/require";
import { breachRegister } from "@/lib/incidents/queries";
import { BREACH_TYPES, BREACH_RISKS } from "@/lib/incidents/categories";
import { formatDate, formatDateTime } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";
import { referenceColumn } from "@/components/incidents/reference-column";
import { StatusBadge } from "@/components/ui/status-badge";
import { IncidentStatusBadge, BreachClock } from "@/components/incidents/badges";
import { breachTimeLeft } from "@/lib/incidents/breach-clock";

export const metadata: Metadata = { title: "Breach register" };

export default async function BreachRegisterPage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "incident:breach-register");
  const rows = await breachRegister(ctx);
  const now = new Date();
  const base = `/s/${ctx.school.slug}/incidents`;
  return (
    <>
      <BackLink href={base}>Back to incidents</BackLink>
      <PageHeader title="Breach register">
        Every personal data breach at {ctx.school.name}, reported to the ICO or not, with the reasons (UK GDPR article 33(5)). Times are UK time.
      </PageHeader>
      <p className="mb-4">
        <a href={`${base}/breaches.csv`} className="inline-flex min-h-11 items-center underline underline-offset-2">
          Download the register (CSV)
        </a>
      </p>
      <DataTable
        caption="Breach register"
        captionHidden
        rows={rows}
        rowKey={(r) => r.id}
        empty="No breaches have been recorded."
        columns={[
          referenceColumn(base),
          { key: "aware", header: "Became aware", cell: (r) => formatDateTime(r.awareAt) },
          { key: "type", header: "Type", cell: (r) => (r.breachType ? BREACH_TYPES[r.breachType].replace(/ \(.*\)$/, "") : "Not recorded") },
          { key: "data", header: "Personal data", cell: (r) => r.personalData ?? "" },
          {
            key: "affected",
            header: "People / records",
            // "?" read as a typo; the register says in words that a count is still missing.
            cell: (r) => (r.peopleAffected === null && r.recordsAffected === null ? "Not recorded yet" : `${r.peopleAffected ?? "not recorded"} / ${r.recordsAffected ?? "not recorded"}`),
          },
          { key: "risk", header: "Risk", cell: (r) => (r.risk ? BREACH_RISKS[r.risk].split(":")[0] : "Not assessed") },
          {
            key: "told",
            header: "People told",
            cell: (r) => (r.subjectsInformed === null ? "" : r.subjectsInformed ? `Yes, ${formatDate(r.subjectsInformedOn)}` : "No"),
          },
          {
            key: "decision",
            header: "ICO decision",
            cell: (r) =>
              r.reported === null ? (
                <StatusBadge tone="warning">Undecided</StatusBadge>
              ) : r.reported ? (
                <>
                  Reported {formatDate(r.icoReportedOn)}, ref. {r.icoReference}
                </>
              ) : (
                <>Not reported: {r.notReportedReason}</>
              ),
          },
          {
            key: "72h",
            header: "Within 72 h",
            // Undecided: the clock, still running (or overdue).
            cell: (r) =>
              r.decidedWithin72h === null ? (
                r.reported === null ? <BreachClock clock={breachTimeLeft(r.awareAt, now)} compact /> : ""
              ) : r.decidedWithin72h ? (
                "Yes"
              ) : (
                <StatusBadge tone="danger">No</StatusBadge>
              ),
          },
          { key: "status", header: "Status", cell: (r) => <IncidentStatusBadge status={r.status} /> },
        ]}
      />
    </>
  );
}
