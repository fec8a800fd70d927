import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/authz/require";
import { myEquipment } from "@/lib/equipment/queries";
import { ASSET_KINDS, CHECKS, formatPence } from "@/lib/equipment/kinds";
import { MyCheckButton } from "@/components/equipment/my-check-button";
import { myLoanPath, receiptPdfPath } from "@/lib/equipment/paths";
import { formatDate } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";

export const metadata: Metadata = { title: "My equipment" };

export default async function MyEquipmentPage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "equipment:hold");
  const { loans, losses, checks } = await myEquipment(ctx);
  const slug = ctx.school.slug;
  const owed = losses.filter((l) => l.chargeStatus === "OWED");
  return (
    <>
      <PageHeader title="My equipment">The school's equipment you hold at {ctx.school.name}, the conditions you signed and your receipts.</PageHeader>
      {owed.length > 0 && (
        <p className="mb-4 rounded border-l-4 border-amber-600 bg-amber-50 p-3">
          Replacement charge owed: {formatPence(owed.reduce((s, l) => s + l.chargePence, 0))}. Please see the School Business Manager.
        </p>
      )}
      {checks.length > 0 && (
        <section aria-labelledby="my-checks" className="mb-6">
          <h2 id="my-checks" className="mb-2 text-xl font-bold">Checks</h2>
          <ul className="space-y-2">
            {checks.map((c) => (
              <li key={`${c.assetId}-${c.check}`} className="rounded border border-slate-300 bg-white p-3">
                {c.state === "overdue" ? <StatusBadge tone="danger">Overdue</StatusBadge> : <StatusBadge tone="warning">Due</StatusBadge>} {c.tag}: {CHECKS[c.check].label}, by {formatDate(c.dueBy)}.{" "}
                {CHECKS[c.check].byBorrower ? <MyCheckButton schoolSlug={slug} assetId={c.assetId} check={c.check} /> : "Bring it to the School Business Manager."}
              </li>
            ))}
          </ul>
        </section>
      )}
      {loans.length === 0 ? (
        <p>You hold no school equipment here.</p>
      ) : (
        <ul className="space-y-4">
          {loans.map((l) => {
            const signed = l.receipts.some((r) => r.kind === "ISSUE");
            const unsignedReturns = l.returns.filter((r) => !l.receipts.some((x) => x.kind === "RETURN" && x.returnId === r.id));
            return (
              <li key={l.id} className="rounded border border-slate-300 bg-white p-4">
                <p className="mb-2">
                  From {formatDate(l.startDate)}{" "}
                  {!signed ? <StatusBadge tone="warning">Awaiting your signature</StatusBadge> : unsignedReturns.length ? <StatusBadge tone="warning">Return to countersign</StatusBadge> : null}
                </p>
                <ul className="mb-2 list-disc pl-6">
                  {l.items.map((i) => (
                    <li key={i.id}>
                      <span className="font-semibold">{i.asset.tag}</span> {ASSET_KINDS[i.asset.kind].label}, {i.asset.make} {i.asset.model}
                      {i.status === "RETURNED" ? `: returned ${formatDate(i.return?.returnedOn)}` : i.status === "LOST" ? ": reported lost" : i.dueBack ? `: due back ${formatDate(i.dueBack)}` : ""}
                    </li>
                  ))}
                </ul>
                <p className="flex flex-wrap gap-4">
                  <Link href={myLoanPath(slug, l.id)} className="font-semibold underline underline-offset-2">
                    {!signed ? "Read the conditions and sign" : "Conditions, returns and reporting a loss"}
                  </Link>
                  <a href={receiptPdfPath(slug, l.id)} className="underline underline-offset-2">Receipt (PDF)</a>
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
