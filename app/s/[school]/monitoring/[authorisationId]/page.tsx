import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/authz/require";
import { getAuthorisation } from "@/lib/monitoring/queries";
import { KIND_LABELS, GROUND_LABELS, STATUS_LABELS, STATUS_TONES } from "@/lib/monitoring/terms";
import { monitoringPath } from "@/lib/monitoring/paths";
import { formatDate, formatDateTime } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { Facts } from "@/components/ui/facts";
import { DecisionForm, OutcomeForm } from "@/components/monitoring/decision-forms";

export const metadata: Metadata = { title: "Monitoring authorisation" };

export default async function AuthorisationPage({ params }: { params: Promise<{ school: string; authorisationId: string }> }) {
  const { school, authorisationId } = await params;
  // No permission asked here: anyone the row-level security hides it from (its subject above all) gets
  // the same "not found" as for a mistyped address, whatever their roles.
  const ctx = await requireMember(school);
  const a = await getAuthorisation(ctx, authorisationId);
  if (!a) notFound();
  const slug = ctx.school.slug;
  return (
    <>
      <BackLink href={monitoringPath(slug)}>Monitoring authorisations</BackLink>
      <PageHeader title={`Monitoring of ${a.subjectName}`}>
        <StatusBadge tone={STATUS_TONES[a.status]}>{STATUS_LABELS[a.status]}</StatusBadge>
      </PageHeader>

      <section aria-labelledby="request" className="mb-8">
        <h2 id="request" className="mb-2 text-xl font-bold">
          The request
        </h2>
        <Facts
          rows={[
            ["Whose communications", a.subjectName],
            ["What", a.kinds.map((k) => KIND_LABELS[k]).join(", ")],
            ["Grounds", a.grounds.map((g) => GROUND_LABELS[g]).join("; ")],
            ["Necessary and proportionate", a.necessity],
            ["Less intrusive options considered", a.alternatives],
            ["DPIA reference", a.dpiaReference],
            ["Period", `${formatDate(a.startsOn)} to ${formatDate(a.endsOn)} (the last day)`],
            ["Asked for by", `${a.requesterName}, ${formatDateTime(a.createdAt)}`],
            ["Who decides", a.deciders.length ? a.deciders.map((d) => d.name).join(", ") : "Nobody who may decide it holds the role today"],
          ]}
        />
      </section>

      <section aria-labelledby="decision" className="mb-8">
        <h2 id="decision" className="mb-2 text-xl font-bold">
          Decision
        </h2>
        {a.decision ? (
          <Facts
            rows={[
              ["Decision", a.decision.decision === "APPROVED" ? "Approved" : "Declined"],
              ["By", `${a.decision.deciderName}, ${formatDateTime(a.decision.decidedAt)}`],
              [a.decision.decision === "APPROVED" ? "Conditions" : "Reason", a.decision.reason],
              ["SHA-256 of what was decided", <code key="h" className="break-all text-sm">{a.decision.sha256}</code>],
            ]}
          />
        ) : a.mayDecide ? (
          <DecisionForm schoolSlug={slug} authorisationId={a.id} />
        ) : (
          <p>{a.status === "LAPSED" ? "It lapsed: nobody decided it before its end date." : "Awaiting the decision."}</p>
        )}
      </section>

      {(a.status === "APPROVED" || a.status === "ENDED") && (
        <section aria-labelledby="outcome" className="mb-8">
          <h2 id="outcome" className="mb-2 text-xl font-bold">
            Outcome
          </h2>
          {a.outcome ? (
            <Facts
              rows={[
                ["Ended", formatDateTime(a.endedAt)],
                ["What was found", a.outcome.found],
                ["Action taken", a.outcome.actionTaken],
                ["Recorded by", `${a.outcome.recordedByName}, ${formatDateTime(a.outcome.recordedAt)}`],
              ]}
            />
          ) : a.mayRecordOutcome ? (
            <OutcomeForm schoolSlug={slug} authorisationId={a.id} endsNow={a.status === "APPROVED"} />
          ) : null}
        </section>
      )}
    </>
  );
}
