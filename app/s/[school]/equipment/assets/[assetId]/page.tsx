import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/authz/require";
import { getAsset } from "@/lib/equipment/queries";
import { ASSET_KINDS, CHECKS, STATUS_LABELS, formatPence } from "@/lib/equipment/kinds";
import { loanPath } from "@/lib/equipment/paths";
import { incidentPathFor } from "@/lib/equipment/links";
import { formatDate, formatDateTime } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { AssetFormForSchool } from "@/components/equipment/asset-form-for-school";
import { LossForm } from "@/components/equipment/loss-form";
import { ChargeForm, CheckForm } from "@/components/equipment/manager-forms";

export const metadata: Metadata = { title: "Asset" };

export default async function AssetPage({ params }: { params: Promise<{ school: string; assetId: string }> }) {
  const { school, assetId } = await params;
  const ctx = await requireMember(school, "equipment:manage");
  const asset = await getAsset(ctx, assetId);
  if (!asset) notFound();
  const slug = ctx.school.slug;
  const lost = asset.status === "LOST" || asset.status === "STOLEN" || asset.status === "RETIRED";
  return (
    <>
      <PageHeader title={`${asset.tag}: ${ASSET_KINDS[asset.kind].label}`}>
        {asset.make} {asset.model}. {STATUS_LABELS[asset.status]}.
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="edit">
          <h2 id="edit" className="mb-2 text-xl font-bold">Details</h2>
          <AssetFormForSchool schoolSlug={slug} asset={asset} />
        </section>
        <div className="space-y-6">
          <section aria-labelledby="history">
            <h2 id="history" className="mb-2 text-xl font-bold">Loans</h2>
            {asset.loanItems.length === 0 ? <p>Never lent.</p> : (
              <ul className="space-y-1">
                {asset.loanItems.map((i) => (
                  <li key={i.id}>
                    <Link href={loanPath(slug, i.loanId)} className="underline underline-offset-2">{i.loan.borrower.name}</Link> from {formatDate(i.loan.startDate)}
                    {i.return ? `, returned ${formatDate(i.return.returnedOn)}` : i.status === "LOST" ? ", lost" : ""}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {asset.losses.length > 0 && (
            <section aria-labelledby="losses">
              <h2 id="losses" className="mb-2 text-xl font-bold">Loss or theft</h2>
              {asset.losses.map((l) => (
                <div key={l.id} className="rounded border border-slate-300 bg-white p-3">
                  <p>{l.kind === "STOLEN" ? "Stolen" : "Lost"} {formatDateTime(l.occurredAt)} at {l.place}. Encrypted: {l.wasEncrypted ? "yes" : "no"}. Held: {l.contents}</p>
                  {l.incidentId && <p><Link href={incidentPathFor(slug, l.incidentId)} className="underline underline-offset-2">Data-breach incident</Link></p>}
                  <p className="font-semibold">
                    Charge {formatPence(l.chargePence)}: {l.chargeStatus === "OWED" ? "owed" : l.chargeStatus === "PAID" ? "paid" : l.chargeStatus === "WAIVED" ? `waived (${l.chargeNote})` : "none"}
                  </p>
                  {l.chargeStatus === "OWED" && <ChargeForm schoolSlug={slug} lossId={l.id} />}
                </div>
              ))}
            </section>
          )}
          {!lost && (
            <LossForm schoolSlug={slug} assetId={asset.id} label={asset.tag} asManager encrypted={asset.encrypted} chargeText="The borrower, if it is on loan, owes the replacement charge." />
          )}
          {!lost && <CheckForm schoolSlug={slug} assetId={asset.id} checks={[...ASSET_KINDS[asset.kind].checks]} />}
          {asset.checks.length > 0 && (
            <section aria-labelledby="checks">
              <h2 id="checks" className="mb-2 text-xl font-bold">Checks</h2>
              <ul>{asset.checks.map((c) => <li key={c.id}>{formatDateTime(c.doneAt)}: {CHECKS[c.check as keyof typeof CHECKS]?.label ?? c.check}{c.note ? ` (${c.note})` : ""}</li>)}</ul>
            </section>
          )}
        </div>
      </div>
    </>
  );
}
