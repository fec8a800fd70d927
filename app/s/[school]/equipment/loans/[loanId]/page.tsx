import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/authz/require";
import { can } from "@/lib/authz/access";
import { getLoan } from "@/lib/equipment/queries";
import { mayIssueKind, ASSET_KINDS, CONDITIONS_CONFIRMATION } from "@/lib/equipment/kinds";
import { receiptPdfPath } from "@/lib/equipment/paths";
import { formatDate, formatDateTime, londonDateString } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { LoanItems } from "@/components/equipment/loan-items";
import { ReceiptForm } from "@/components/equipment/receipt-form";
import { ReturnForm } from "@/components/equipment/manager-forms";

export const metadata: Metadata = { title: "Loan" };

export default async function LoanPage({ params }: { params: Promise<{ school: string; loanId: string }> }) {
  const { school, loanId } = await params;
  const ctx = await requireMember(school, "equipment:issue-it");
  const loan = await getLoan(ctx, loanId);
  const canManage = can(ctx, "equipment:manage");
  if (!loan || !loan.items.every((i) => mayIssueKind({ canManage, schoolRoles: ctx.schoolRoles }, i.asset.kind))) notFound();
  const issueReceipt = loan.receipts.find((r) => r.kind === "ISSUE") ?? null;
  const open = loan.items.filter((i) => i.status === "ON_LOAN" || i.status === "AWAITING_SIGNATURE");
  const unsignedReturns = loan.returns.filter((r) => !loan.receipts.some((x) => x.kind === "RETURN" && x.returnId === r.id));
  return (
    <>
      <PageHeader title={`Equipment lent to ${loan.borrower.name}`}>
        Issued by {loan.issuedBy.name}, start date {formatDate(loan.startDate)}.{" "}
        {issueReceipt ? `Receipt signed ${formatDateTime(issueReceipt.signedAt)}${issueReceipt.inPerson ? " in person" : ""}.` : "Awaiting the borrower's signature."}{" "}
        <a href={receiptPdfPath(ctx.school.slug, loan.id)} className="underline underline-offset-2">Receipt (PDF)</a>
      </PageHeader>
      <LoanItems items={loan.items} signedAt={issueReceipt?.signedAt ?? null} />
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        {!issueReceipt && (
          <ReceiptForm
            schoolSlug={ctx.school.slug}
            kind="issue"
            id={loan.id}
            inPerson
            borrowerName={loan.borrower.name}
            statement={`${CONDITIONS_CONFIRMATION} ${loan.items.map((i) => ASSET_KINDS[i.asset.kind].receiptLine).join(" ")}`}
          />
        )}
        {open.length > 0 && (
          <ReturnForm
            schoolSlug={ctx.school.slug}
            loanId={loan.id}
            today={londonDateString(new Date())}
            items={open.map((i) => ({ id: i.id, label: `${i.asset.tag} ${ASSET_KINDS[i.asset.kind].label}` }))}
          />
        )}
        {unsignedReturns.map((r) => (
          <ReceiptForm
            key={r.id}
            schoolSlug={ctx.school.slug}
            kind="return"
            id={r.id}
            inPerson
            borrowerName={loan.borrower.name}
            statement={`I handed back ${loan.items.filter((i) => i.returnId === r.id).map((i) => i.asset.tag).join(", ")} on ${formatDate(r.returnedOn)}.`}
          />
        ))}
      </div>
    </>
  );
}
