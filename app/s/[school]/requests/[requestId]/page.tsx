import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/authz/require";
import { requestForPage, formatValue } from "@/lib/requests/queries";
import { requestedUntil } from "@/lib/requests/kinds";
import { EVENT_LABELS } from "@/lib/requests/rules";
import { formatDate, formatDateTime } from "@/lib/dates";
import { SCHOOL_ROLE_LABELS } from "@/lib/authz/labels";
import { PageHeader } from "@/components/ui/page-header";
import { BackToRequests } from "@/components/requests/back-link";
import { RequestStatusBadge } from "@/components/requests/status-badge";
import { DecisionForms, AnswerForm, WithdrawButton } from "@/components/requests/decision-forms";

export const metadata: Metadata = { title: "Request" };

export default async function RequestPage({ params }: { params: Promise<{ school: string; requestId: string }> }) {
  const { school, requestId } = await params;
  // Members and the organisation's roles reach it; the query decides whether this person may see it.
  const ctx = await requireMember(school, "school:view");
  const page = await requestForPage(ctx, requestId);
  if (!page) notFound();
  const { request: r, kind } = page;
  const details = (r.details ?? {}) as Record<string, unknown>;
  const until = requestedUntil(kind, details);
  const approved = r.history.filter((h) => h.event === "APPROVED" || h.event === "ACKNOWLEDGED").at(-1);
  return (
    <>
      <BackToRequests slug={ctx.school.slug} />
      <PageHeader title={kind.label}>
        Asked by {r.requester.name} on {formatDateTime(r.createdAt)}. Decided by: {r.approverRoles.map((role) => SCHOOL_ROLE_LABELS[role]).join(" or ")}.
      </PageHeader>
      <p className="mb-4 text-lg">
        Status: <RequestStatusBadge status={r.status} />
      </p>
      {page.nobodyToDecide && (
        <p className="mb-4 rounded border-l-4 border-amber-600 bg-amber-50 p-3" role="status">
          Nobody at {ctx.school.name} holds the role that decides this at the moment. Please tell the school office, so that the role is recorded.
        </p>
      )}

      {(r.status === "APPROVED" || r.status === "EXPIRED" || r.status === "ACKNOWLEDGED") && (
        <section aria-labelledby="decision-h" className="mb-6 rounded border-l-4 border-emerald-700 bg-emerald-50 p-4" data-testid="decision">
          <h2 id="decision-h" className="text-xl font-bold">
            {r.status === "ACKNOWLEDGED" ? "Acknowledged" : "Approved"} by {page.decidedByName} on {formatDateTime(r.decidedAt)}
          </h2>
          {r.conditions && (
            <>
              <h3 className="mt-2 font-semibold">Conditions</h3>
              <p className="whitespace-pre-line">{r.conditions}</p>
            </>
          )}
          {r.endsOn && <p className="mt-2">Ends on {formatDate(r.endsOn)}{r.status === "EXPIRED" ? " (expired)" : ""}.</p>}
        </section>
      )}
      {r.status === "DECLINED" && (
        <section aria-labelledby="decision-h" className="mb-6 rounded border-l-4 border-red-700 bg-red-50 p-4" data-testid="decision">
          <h2 id="decision-h" className="text-xl font-bold">Declined by {page.decidedByName} on {formatDateTime(r.decidedAt)}</h2>
          <p className="whitespace-pre-line">{r.reason}</p>
        </section>
      )}

      <section aria-labelledby="details-h" className="mb-8">
        <h2 id="details-h" className="mb-2 text-xl font-bold">What was asked</h2>
        <dl className="grid gap-x-6 gap-y-2 rounded border border-slate-300 bg-white p-4 sm:grid-cols-[minmax(10rem,auto)_1fr]">
          {kind.fields.map((f) => (
            <div key={f.name} className="contents">
              <dt className="font-semibold">{f.label}</dt>
              <dd className="mb-2 whitespace-pre-line break-words sm:mb-0">{formatValue(details[f.name]) || "—"}</dd>
            </div>
          ))}
        </dl>
      </section>

      {page.decider && r.status === "SUBMITTED" && (
        <section aria-labelledby="decide-h" className="mb-8">
          <h2 id="decide-h" className="mb-2 text-xl font-bold">Your decision</h2>
          <DecisionForms schoolSlug={ctx.school.slug} requestId={r.id} notification={kind.notification} timeLimited={kind.timeLimited} suggestedEnd={until ? until.toISOString().slice(0, 10) : null} />
        </section>
      )}
      {page.mine && r.status === "MORE_INFO" && (
        <section aria-labelledby="answer-h" className="mb-8">
          <h2 id="answer-h" className="mb-2 text-xl font-bold">You have been asked for more information</h2>
          <p className="mb-4 whitespace-pre-line rounded border-l-4 border-amber-600 bg-amber-50 p-3">{r.history.filter((h) => h.event === "MORE_INFO_ASKED").at(-1)?.note}</p>
          <AnswerForm schoolSlug={ctx.school.slug} requestId={r.id} kind={r.kind} details={details} />
        </section>
      )}
      {page.mine && ["SUBMITTED", "MORE_INFO", "APPROVED"].includes(r.status) && (
        <div className="mb-8">
          <WithdrawButton schoolSlug={ctx.school.slug} requestId={r.id} />
        </div>
      )}

      <section aria-labelledby="history-h">
        <h2 id="history-h" className="mb-2 text-xl font-bold">History</h2>
        <p className="mb-2 text-sm text-slate-700">
          Each step keeps the SHA-256 fingerprint of the request as it stood then.{" "}
          {approved && (approved.requestHash === page.currentHash ? "The request today matches what was decided." : "The request has changed since it was decided.")}
        </p>
        <ol className="space-y-3">
          {page.history.map((h) => (
            <li key={h.id} className="rounded border border-slate-300 bg-white p-3">
              <p className="font-semibold">
                {EVENT_LABELS[h.event]} — {h.actorName}, {formatDateTime(h.at)}
              </p>
              {h.note && <p className="whitespace-pre-line">{h.note}</p>}
              {h.conditions && <p className="whitespace-pre-line">Conditions: {h.conditions}</p>}
              {h.endsOn && <p>Ends on {formatDate(h.endsOn)}</p>}
              <p className="break-all font-mono text-xs text-slate-700">SHA-256 {h.requestHash}</p>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
