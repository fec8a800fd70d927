import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/authz/require";
import { can } from "@/lib/authz/access";
import { changeDetail, memberOptions } from "@/lib/filtering/queries";
import { NEXT_STEPS, STATUS_LABELS, STATUS_TONES, STEP_LABELS, REVIEW_STATE_LABELS, samePersonRefusal } from "@/lib/filtering/rules";
import { filteringPath } from "@/lib/filtering/paths";
import { formatDate, formatDateTime, londonToday } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { ChangeSteps, type StepOffer } from "@/components/filtering/change-steps";

export const metadata: Metadata = { title: "Filtering change" };

export default async function FilteringChangePage({ params }: { params: Promise<{ school: string; changeId: string }> }) {
  const { school, changeId } = await params;
  const ctx = await requireMember(school, "filtering:request");
  const change = await changeDetail(ctx, changeId);
  if (!change) notFound();
  const slug = ctx.school.slug;

  // Only the steps this person's role takes; if they already took another step, they are told why not.
  const offers: StepOffer[] = [];
  for (const step of NEXT_STEPS[change.status]) {
    const permission = step === "confirm" || step === "review" ? "filtering:confirm" : "filtering:authorise";
    if (!can(ctx, permission)) continue;
    if (step === "revert" && change.status === "CONFIRMED" && change.review !== "revert-due") continue;
    offers.push({ step, blocked: samePersonRefusal(step, change, ctx.person.id) });
  }
  const today = londonToday();
  const nextReview = new Date(today);
  nextReview.setUTCMonth(nextReview.getUTCMonth() + 3);
  const members = offers.some((o) => o.step === "make" && !o.blocked) ? await memberOptions(ctx) : [];
  const name = (id: string | null) => (id ? (change.names.get(id) ?? "") : "—");
  const facts: [string, React.ReactNode][] = [
    ["Website or category", <span key="t" className="break-all">{change.target} ({change.targetKind === "WEBSITE" ? "website" : "category"})</span>],
    ["Change", `${change.direction === "ALLOW" ? "Allow" : "Block"}${change.temporary ? `, temporary until ${formatDate(change.endsOn)}` : ", permanent"}`],
    ["Requested by", `${name(change.requestedById)}, ${formatDateTime(change.createdAt)}`],
    ["Reason", change.reason],
    ["Authorised by", name(change.authorisedById)],
    ["Change made by", change.madeBy ? `${change.madeBy}, ${formatDate(change.madeOn)}` : "—"],
    ["Confirmed by (DSL)", name(change.confirmedById)],
    ["Date for review", formatDate(change.reviewOn)],
  ];
  return (
    <>
      <p className="mb-2"><Link href={filteringPath(slug)} className="underline underline-offset-2">Filtering</Link></p>
      <PageHeader title={`${change.direction === "ALLOW" ? "Allow" : "Block"} ${change.target}`}>
        <span className="flex flex-wrap gap-2">
          <StatusBadge tone={STATUS_TONES[change.status]}>{STATUS_LABELS[change.status]}</StatusBadge>
          {change.review && change.status !== "REVERT_DUE" && <StatusBadge tone={REVIEW_STATE_LABELS[change.review].tone}>{REVIEW_STATE_LABELS[change.review].label}</StatusBadge>}
        </span>
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="details">
          <h2 id="details" className="mb-2 text-xl font-bold">The change</h2>
          <dl className="rounded border border-slate-300 bg-white p-4">
            {facts.map(([k, v]) => (
              <div key={k} className="mb-2 sm:flex sm:gap-3">
                <dt className="font-semibold sm:w-48 sm:shrink-0">{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
          <h2 id="history" className="mb-2 mt-6 text-xl font-bold">History</h2>
          <ol aria-labelledby="history" className="space-y-2">
            {change.steps.map((s) => (
              <li key={s.id} className="rounded border border-slate-300 bg-white p-3">
                <p><strong>{STEP_LABELS[s.kind]}</strong> by {s.actor}, {formatDateTime(s.at)}</p>
                {s.note && <p className="mt-1">{s.note}</p>}
                <p className="mt-1 break-all text-sm text-slate-600">As it stood: SHA-256 {s.snapshotHash}</p>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="next">
          <h2 id="next" className="mb-2 text-xl font-bold">Next step</h2>
          {offers.length ? (
            <ChangeSteps schoolSlug={slug} changeId={change.id} offers={offers} members={members} today={today.toISOString().slice(0, 10)} nextReview={nextReview.toISOString().slice(0, 10)} />
          ) : (
            <p className="rounded border border-slate-300 bg-white p-4">{NEXT_STEPS[change.status].length ? "Nothing for you to do here: the next step is someone else's." : "Nothing more to do on this change."}</p>
          )}
        </section>
      </div>
    </>
  );
}
