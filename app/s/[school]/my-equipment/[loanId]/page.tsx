import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/authz/require";
import { getLoan } from "@/lib/equipment/queries";
import { equipmentSettingsFor } from "@/lib/equipment/settings";
import { ASSET_KINDS, CONDITIONS_CONFIRMATION, CHECKS, formatPence } from "@/lib/equipment/kinds";
import { receiptPdfPath } from "@/lib/equipment/paths";
import { formatDate, formatDateTime } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { LoanItems } from "@/components/equipment/loan-items";
import { ReceiptForm } from "@/components/equipment/receipt-form";
import { LossForm } from "@/components/equipment/loss-form";

export const metadata: Metadata = { title: "My equipment" };

export default async function MyLoanPage({ params }: { params: Promise<{ school: string; loanId: string }> }) {
  const { school, loanId } = await params;
  const ctx = await requireMember(school, "equipment:hold");
  const loan = await getLoan(ctx, loanId);
  if (!loan || loan.borrowerId !== ctx.person.id) notFound();
  const slug = ctx.school.slug;
  const charge = (await equipmentSettingsFor(ctx)).chargePence;
  const issueReceipt = loan.receipts.find((r) => r.kind === "ISSUE") ?? null;
  const unsignedReturns = loan.returns.filter((r) => !loan.receipts.some((x) => x.kind === "RETURN" && x.returnId === r.id));
  const held = loan.items.filter((i) => i.status === "ON_LOAN");
  return (
    <>
      <PageHeader title="Equipment issued to you">
        Issued by {loan.issuedBy.name}, start date {formatDate(loan.startDate)}.{" "}
        {issueReceipt ? `You confirmed receipt ${formatDateTime(issueReceipt.signedAt)}.` : "Please read the conditions and confirm receipt."}{" "}
        <a href={receiptPdfPath(slug, loan.id)} className="underline underline-offset-2">Receipt (PDF)</a>
      </PageHeader>
      <LoanItems items={loan.items} signedAt={issueReceipt?.signedAt ?? null} />
      <section aria-labelledby="conditions" className="my-6 rounded border border-slate-300 bg-white p-4">
        <h2 id="conditions" className="mb-2 text-xl font-bold">Conditions of use</h2>
        {loan.items.map((i) => (
          <div key={i.id} className="mb-3">
            <h3 className="font-semibold">{i.asset.tag}: {ASSET_KINDS[i.asset.kind].label}</h3>
            <ul className="list-disc pl-6">{i.conditions.split("\n").map((line, n) => <li key={n}>{line}</li>)}</ul>
            {i.status === "ON_LOAN" && (
              <p className="text-sm">Checks: {ASSET_KINDS[i.asset.kind].checks.map((c) => CHECKS[c].label).join("; ")}.</p>
            )}
          </div>
        ))}
      </section>
      <div className="grid gap-6 lg:grid-cols-2">
        {!issueReceipt && (
          <ReceiptForm
            schoolSlug={slug}
            kind="issue"
            id={loan.id}
            inPerson={false}
            borrowerName={loan.borrower.name}
            statement={`${CONDITIONS_CONFIRMATION} ${loan.items.map((i) => ASSET_KINDS[i.asset.kind].receiptLine).join(" ")}`}
          />
        )}
        {unsignedReturns.map((r) => (
          <ReceiptForm
            key={r.id}
            schoolSlug={slug}
            kind="return"
            id={r.id}
            inPerson={false}
            borrowerName={loan.borrower.name}
            statement={`I handed back ${loan.items.filter((i) => i.returnId === r.id).map((i) => i.asset.tag).join(", ")} on ${formatDate(r.returnedOn)}.`}
          />
        ))}
        {held.map((i) => (
          <LossForm
            key={i.id}
            schoolSlug={slug}
            assetId={i.assetId}
            label={i.asset.tag}
            asManager={false}
            encrypted={i.asset.encrypted}
            chargeText={`The replacement charge of ${formatPence(charge)} is paid by the user.`}
          />
        ))}
      </div>
    </>
  );
}
