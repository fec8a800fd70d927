import "server-only";
import { withScope, scopeOf } from "@/lib/db/scope";
import type { SchoolContext } from "@/lib/authz/access";
import { can } from "@/lib/authz/access";
import { mayIssueKind, ASSET_KINDS, STATUS_LABELS } from "./kinds";
import { loanForReceipt } from "./queries";
import { receiptPdf } from "./receipt-pdf";
import { formatDate, formatDateTime } from "@/lib/dates";

/** The receipt PDF for the borrower, or for whoever may issue every kind on the loan; null = not found. */
export async function loanReceiptPdf(ctx: SchoolContext, loanId: string): Promise<{ bytes: Uint8Array; fileName: string } | null> {
  if (typeof loanId !== "string" || loanId.length > 64) return null;
  const loan = await withScope(scopeOf(ctx), (tx) => loanForReceipt(tx, loanId));
  if (!loan) return null;
  const mine = loan.borrowerId === ctx.person.id;
  const manages = can(ctx, "equipment:issue-it") && loan.items.every((i) => mayIssueKind({ canManage: can(ctx, "equipment:manage"), schoolRoles: ctx.schoolRoles }, i.asset.kind));
  if (!mine && !manages) return null;
  const bytes = await receiptPdf({ school: ctx.school, loan });
  return { bytes, fileName: `equipment-receipt-${loan.borrower.name}-${loan.startDate.toISOString().slice(0, 10)}.pdf` };
}

export const REGISTER_HEADER = ["Tag", "Kind", "Make", "Model", "Serial number", "Encrypted", "May hold personal data", "Status", "Held by", "Due back", "Notes"];
export const LOANS_HEADER = ["Borrower", "Start date", "Tag", "Kind", "Status", "Due back", "Signed", "Returned", "Condition on return", "Charge", "Charge status"];

export async function registerRows(ctx: SchoolContext): Promise<unknown[][]> {
  const { listAssets } = await import("./queries");
  const assets = await listAssets(ctx);
  return assets.map((a) => [
    a.tag, ASSET_KINDS[a.kind].label, a.make, a.model, a.serialNumber, a.encrypted ? "Yes" : "No", a.personalData ? "Yes" : "No",
    STATUS_LABELS[a.status], a.holder?.name ?? "", formatDate(a.dueBack), a.notes,
  ]);
}

export async function loanRows(ctx: SchoolContext): Promise<unknown[][]> {
  const loans = await withScope(scopeOf(ctx), (tx) =>
    tx.loan.findMany({
      orderBy: { startDate: "desc" },
      include: {
        borrower: { select: { name: true } },
        items: { include: { asset: { select: { tag: true, kind: true } }, return: true, losses: true } },
        receipts: { where: { kind: "ISSUE" }, select: { signedAt: true } },
      },
    }),
  );
  return loans.flatMap((l) =>
    l.items.map((i) => [
      l.borrower.name, formatDate(l.startDate), i.asset.tag, ASSET_KINDS[i.asset.kind].label, i.status.replace("_", " ").toLowerCase(), formatDate(i.dueBack),
      formatDateTime(l.receipts[0]?.signedAt), formatDate(i.return?.returnedOn), i.return?.condition ?? "",
      i.losses[0] ? (i.losses[0].chargePence / 100).toFixed(2) : "", i.losses[0]?.chargeStatus.toLowerCase() ?? "",
    ]),
  );
}
