import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/authz/require";
import { can } from "@/lib/authz/access";
import { listAnnualReviews, memberOptions, responsiblePeople } from "@/lib/filtering/queries";
import { SENIOR_LEADER_ROLES, GOVERNOR_ROLES, DSL_ROLES } from "@/lib/filtering/rules";
import { filteringPath } from "@/lib/filtering/paths";
import { formatDate, formatDateTime, londonToday, parseDateInput } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { ResponsiblePeopleForm, AnnualReviewForm } from "@/components/filtering/oversight-forms";

export const metadata: Metadata = { title: "Filtering and monitoring: responsible people and annual review" };

export default async function AnnualReviewPage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "filtering:read");
  const manage = can(ctx, "filtering:manage");
  const [responsible, reviews, leaders, governors, dsls] = await Promise.all([
    responsiblePeople(ctx),
    listAnnualReviews(ctx),
    manage ? memberOptions(ctx, SENIOR_LEADER_ROLES) : [],
    manage ? memberOptions(ctx, GOVERNOR_ROLES) : [],
    manage ? memberOptions(ctx, DSL_ROLES) : [],
  ]);
  const today = londonToday();
  const nextYear = new Date(today);
  nextYear.setUTCFullYear(nextYear.getUTCFullYear() + 1);
  const due = reviews[0]?.nextReviewOn ?? null;
  return (
    <>
      <p className="mb-2"><Link href={filteringPath(ctx.school.slug)} className="underline underline-offset-2">Filtering</Link></p>
      <PageHeader title="Responsible people and annual review">
        The DfE filtering and monitoring standards ask the governing body to name a senior leader and a governor responsible, and to review
        filtering and monitoring at least once a year with the senior leadership, the DSL and the IT provider.
      </PageHeader>
      <section aria-labelledby="responsible" className="mb-8">
        <h2 id="responsible" className="mb-2 text-xl font-bold">Responsible for filtering and monitoring</h2>
        {responsible ? (
          <dl className="mb-4 rounded border border-slate-300 bg-white p-4">
            <div className="sm:flex sm:gap-3"><dt className="font-semibold sm:w-48">Senior leader</dt><dd>{responsible.seniorLeader}</dd></div>
            <div className="sm:flex sm:gap-3"><dt className="font-semibold sm:w-48">Governor</dt><dd>{responsible.governor}</dd></div>
            <div className="text-sm text-slate-600">Last changed {formatDateTime(responsible.updatedAt)}</div>
          </dl>
        ) : (
          <p className="mb-4">Not yet named.</p>
        )}
        {manage && <ResponsiblePeopleForm schoolSlug={ctx.school.slug} leaders={leaders} governors={governors} current={responsible && { seniorLeaderId: responsible.seniorLeaderId, governorId: responsible.governorId }} />}
      </section>
      <section aria-labelledby="reviews" className="mb-8">
        <h2 id="reviews" className="mb-2 text-xl font-bold">Annual reviews</h2>
        <p className="mb-3">
          {due ? <>Next review due <strong>{formatDate(due)}</strong>{due < today && <> <StatusBadge tone="danger">Overdue</StatusBadge></>}.</> : "No review recorded yet."}
        </p>
        {reviews.map((r) => (
          <article key={r.id} className="mb-4 rounded border border-slate-300 bg-white p-4" aria-labelledby={`review-${r.id}`}>
            <h3 id={`review-${r.id}`} className="text-lg font-bold">Review of {formatDate(r.reviewedOn)}</h3>
            <p className="mt-1"><span className="font-semibold">Took part:</span> {r.participants.map((p) => `${p.name} (${p.role})`).join("; ")}</p>
            <p className="mt-2 whitespace-pre-line"><span className="font-semibold">Findings:</span> {r.findings}</p>
            {r.actions.length > 0 && (
              <ul className="mt-2 list-disc pl-6">
                {r.actions.map((a, i) => <li key={i}>{a.action}: {a.owner}, by {formatDate(parseDateInput(a.dueOn))}</li>)}
              </ul>
            )}
            <p className="mt-2">Next review by {formatDate(r.nextReviewOn)}. Recorded by {r.recordedBy}, {formatDateTime(r.createdAt)}.</p>
            <p className="mt-1 break-all text-sm text-slate-600">SHA-256 {r.contentHash}</p>
          </article>
        ))}
      </section>
      {manage && (
        <section aria-labelledby="record">
          <h2 id="record" className="mb-2 text-xl font-bold">Record an annual review</h2>
          <AnnualReviewForm schoolSlug={ctx.school.slug} leaders={leaders} dsls={dsls} governors={governors} today={today.toISOString().slice(0, 10)} nextYear={nextYear.toISOString().slice(0, 10)} />
        </section>
      )}
    </>
  );
}
