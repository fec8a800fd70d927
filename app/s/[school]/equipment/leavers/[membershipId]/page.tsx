import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/authz/require";
import { leaverKit } from "@/lib/equipment/queries";
import { ASSET_KINDS } from "@/lib/equipment/kinds";
import { loanPath, assetPath } from "@/lib/equipment/paths";
import { formatDate } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { ExitChecklistForm } from "@/components/equipment/manager-forms";

export const metadata: Metadata = { title: "Leaver's kit" };

/** Seed 003: leavers hand everything back at the exit interview, with their ID pass and access fob. */
export default async function LeaverPage({ params }: { params: Promise<{ school: string; membershipId: string }> }) {
  const { school, membershipId } = await params;
  const ctx = await requireMember(school, "equipment:manage");
  const kit = await leaverKit(ctx, membershipId);
  if (!kit) notFound();
  const slug = ctx.school.slug;
  return (
    <>
      <PageHeader title={`${kit.membership.person.name}: exit checklist`}>
        {kit.membership.endDate ? `Leaves ${formatDate(kit.membership.endDate)}. ` : ""}
        Return each item (on its loan page) or report it lost, and tick the ID pass and access fob.
      </PageHeader>
      <section aria-labelledby="held" className="mb-6">
        <h2 id="held" className="mb-2 text-xl font-bold">Kit still held</h2>
        {kit.items.length === 0 ? (
          <p>Nothing outstanding.</p>
        ) : (
          <ul className="space-y-1">
            {kit.items.map((i) => (
              <li key={i.id}>
                <span className="whitespace-nowrap font-semibold">{i.asset.tag}</span> {ASSET_KINDS[i.asset.kind].label}, {i.asset.make} {i.asset.model}:{" "}
                <Link href={loanPath(slug, i.loan.id)} className="underline underline-offset-2">record its return</Link> or{" "}
                <Link href={assetPath(slug, i.asset.id)} className="underline underline-offset-2">report it lost</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      {kit.checklist?.completedAt && <p role="status" className="mb-4 font-semibold text-emerald-900">Checklist complete.</p>}
      <ExitChecklistForm
        schoolSlug={slug}
        membershipId={kit.membership.id}
        idPass={kit.checklist?.idPassReturned ?? false}
        fob={kit.checklist?.accessFobReturned ?? false}
        outstanding={kit.items.length}
      />
    </>
  );
}
