import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/authz/require";
import { can } from "@/lib/authz/access";
import { listPolicies } from "@/lib/policies/queries";
import { obligationsForPerson } from "@/lib/declarations/obligations";
import { signingPath, policyPath, coveragePath } from "@/lib/declarations/paths";
import { formatDate } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";

export const metadata: Metadata = { title: "Policies" };

const STATE_TEXT = { signed: "Signed", outstanding: "To sign", overdue: "Overdue" } as const;
const STATE_TONE = { signed: "success", outstanding: "warning", overdue: "danger" } as const;

export default async function PoliciesPage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school);
  const [policies, obligations] = await Promise.all([listPolicies(ctx), obligationsForPerson(ctx)]);
  const mine = new Map(obligations.map((o) => [o.policyId, o]));
  const coverage = can(ctx, "policy:coverage");
  return (
    <>
      <PageHeader title="Policies">The policies that apply at {ctx.school.name}, including any set by the trust.</PageHeader>
      {can(ctx, "policy:manage") && (
        <p className="mb-4">
          <Link href={`/s/${ctx.school.slug}/policies/new`} className="inline-flex min-h-11 items-center rounded bg-emerald-800 px-4 py-2 font-semibold text-white">
            Write a new policy
          </Link>
        </p>
      )}
      {policies.length === 0 && <p>No policies have been published here yet.</p>}
      <ul className="space-y-3">
        {policies.map((p) => {
          const o = mine.get(p.id);
          return (
            <li key={p.id} className="rounded border border-slate-300 bg-white p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-lg font-semibold">{p.title}</h2>
                {o && (
                  <StatusBadge tone={STATE_TONE[o.state]}>{STATE_TEXT[o.state]}</StatusBadge>
                )}
              </div>
              <p className="text-slate-700">
                {p.scope === "organisation" ? "Trust-wide policy" : "School policy"}
                {p.latestPublished ? <> · version {p.latestPublished.number}, published {formatDate(p.latestPublished.publishedAt)}</> : " · not yet published"}
                {p.latestPublished?.reviewDue && <> · review due {formatDate(p.latestPublished.reviewDue)}</>}
                {p.draft && <> · draft version {p.draft.number} in progress</>}
              </p>
              <p className="mt-2 flex flex-wrap gap-x-5 gap-y-1">
                {p.latestPublished && (
                  <Link href={signingPath(ctx.school.slug, p.id)} className="font-semibold text-emerald-900 underline underline-offset-2">
                    {o && o.state !== "signed" ? "Read and sign" : "Read"} <span className="sr-only">{p.title}</span>
                  </Link>
                )}
                {p.canManage && (
                  <Link href={policyPath(ctx.school.slug, p.id)} className="underline underline-offset-2">
                    Manage versions <span className="sr-only">of {p.title}</span>
                  </Link>
                )}
                {coverage && p.latestPublished && (
                  <Link href={coveragePath(ctx.school.slug, p.id)} className="underline underline-offset-2">
                    Who has signed <span className="sr-only">{p.title}</span>
                  </Link>
                )}
              </p>
            </li>
          );
        })}
      </ul>
    </>
  );
}
