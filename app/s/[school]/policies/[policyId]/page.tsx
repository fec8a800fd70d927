import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/authz/require";
import { can } from "@/lib/authz/access";
import { getPolicy } from "@/lib/policies/queries";
import { signingPath, coveragePath } from "@/lib/declarations/paths";
import { formatDate } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { PublishButton, DiscardDraftButton, NewVersionForm, SettingsForm } from "@/components/policies/version-controls";

export const metadata: Metadata = { title: "Policy versions" };

export default async function PolicyPage({ params }: { params: Promise<{ school: string; policyId: string }> }) {
  const { school, policyId } = await params;
  const ctx = await requireMember(school);
  const policy = await getPolicy(ctx, policyId);
  if (!policy) notFound();
  const base = `/s/${ctx.school.slug}/policies/${policy.id}`;
  return (
    <>
      <BackLink href={`/s/${ctx.school.slug}/policies`}>Back to policies</BackLink>
      <PageHeader title={policy.latestPublished?.title ?? policy.title}>
        {policy.scope === "organisation" ? "Trust-wide policy" : "School policy"} · signatures due {policy.dueDays} days after publication or a start date
      </PageHeader>
      <p className="mb-6 flex flex-wrap gap-x-5">
        {policy.latestPublished && (
          <Link href={signingPath(ctx.school.slug, policy.id)} className="underline underline-offset-2">
            Read the current version
          </Link>
        )}
        {policy.latestPublished && can(ctx, "policy:coverage") && (
          <Link href={coveragePath(ctx.school.slug, policy.id)} className="underline underline-offset-2">
            Who has signed
          </Link>
        )}
      </p>

      {policy.canManage && policy.draft && (
        <section aria-labelledby="draft" className="mb-8 rounded border-2 border-amber-600 bg-white p-4">
          <h2 id="draft" className="mb-2 text-xl font-bold">
            Draft version {policy.draft.number}
          </h2>
          <p className="mb-4">Not yet published: nobody is asked to sign it.</p>
          <div className="flex flex-wrap items-start gap-4">
            <Link href={`${base}/edit`} className="inline-flex min-h-11 items-center rounded bg-slate-200 px-4 py-2 font-semibold">
              Edit draft
            </Link>
            <PublishButton schoolSlug={ctx.school.slug} versionId={policy.draft.id} number={policy.draft.number} editPath={`${base}/edit`} />
            <DiscardDraftButton schoolSlug={ctx.school.slug} versionId={policy.draft.id} policiesPath={`/s/${ctx.school.slug}/policies`} />
          </div>
        </section>
      )}

      {policy.canManage && !policy.draft && policy.latestPublished && (
        <section aria-labelledby="new-version" className="mb-8 rounded border border-slate-300 bg-white p-4">
          <h2 id="new-version" className="mb-2 text-xl font-bold">
            Change this policy
          </h2>
          <p className="mb-4">A published version never changes. A new version starts as a copy of version {policy.latestPublished.number}; once published, everyone signs again.</p>
          <NewVersionForm schoolSlug={ctx.school.slug} policyId={policy.id} editPath={`${base}/edit`} />
        </section>
      )}

      <section aria-labelledby="history" className="mb-8">
        <h2 id="history" className="mb-2 text-xl font-bold">
          Versions
        </h2>
        <ol className="divide-y divide-slate-300 rounded border border-slate-300 bg-white" reversed>
          {policy.versions.map((v) => (
            <li key={v.id} className="p-4">
              <p className="font-semibold">
                Version {v.number}: {v.title} {v.status === "DRAFT" && <span className="ml-2 rounded bg-amber-100 px-2 text-sm">draft</span>}
              </p>
              {v.publishedAt && <p>Published {formatDate(v.publishedAt)}{v.approvedBy && <>, approved by {v.approvedBy}{v.approvedOn && <> on {formatDate(v.approvedOn)}</>}</>}</p>}
              {v.reviewDue && <p>Review due {formatDate(v.reviewDue)}</p>}
              {v.changeSummary && <p className="text-slate-700">What changed: {v.changeSummary}</p>}
              {v.contentHash && <p className="break-all text-sm text-slate-600">SHA-256 {v.contentHash}</p>}
            </li>
          ))}
        </ol>
      </section>

      {policy.canManage && (
        <section aria-labelledby="settings" className="rounded border border-slate-300 bg-white p-4">
          <h2 id="settings" className="mb-2 text-xl font-bold">
            Deadlines and reminders
          </h2>
          <SettingsForm schoolSlug={ctx.school.slug} policyId={policy.id} dueDays={policy.dueDays} firstReminderDays={policy.firstReminderDays} />
        </section>
      )}
    </>
  );
}
