import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { encodable, wrap } from "@/lib/pdf/text";
import { describeAuthMethod, londonDate, londonDateTime } from "@/lib/pdf/declaration";
import { formatDate } from "@/lib/dates";
import { ASSET_KINDS, CONDITIONS_CONFIRMATION, KIND_ORDER } from "./kinds";
import type { AssetKind, LoanItemStatus, ReceiptKind } from "@/generated/prisma/enums";

// The sign-out form of seed 003's Appendix 3, built only from the stored loan, its receipts and returns:
// name, start date, the conditions, then one row per item with confirmation, signed, date and returned.

export type ReceiptPdfData = {
  school: { name: string };
  loan: {
    id: string;
    startDate: Date;
    borrower: { name: string };
    items: {
      id: string; status: LoanItemStatus; conditions: string; returnId: string | null; mayLeaveSite: boolean; offSiteReason: string | null;
      asset: { tag: string; kind: AssetKind; make: string; model: string };
      return: { id: string; returnedOn: Date; condition: string } | null;
      losses: { kind: "LOST" | "STOLEN"; occurredAt: Date }[];
    }[];
    receipts: {
      kind: ReceiptKind; returnId: string | null; typedName: string; signedAt: Date; contentHash: string; inPerson: boolean;
      ip: string | null; userAgent: string | null; authMethod: string; signaturePng: Uint8Array | null;
    }[];
  };
};

const A4 = [595.28, 841.89] as const;
const M = 50;
const BODY = 10;

export async function receiptPdf(data: ReceiptPdfData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Equipment receipt: ${data.loan.borrower.name}`);
  doc.setCreationDate(data.loan.startDate);
  doc.setModificationDate(data.loan.startDate);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = doc.addPage([...A4]);
  let y = A4[1] - M;
  const width = A4[0] - 2 * M;

  const ensure = (h: number) => {
    if (y - h < M) {
      page = doc.addPage([...A4]);
      y = A4[1] - M;
    }
  };
  const para = (text: string, opts: { f?: PDFFont; size?: number; gap?: number } = {}) => {
    const f = opts.f ?? font;
    const size = opts.size ?? BODY;
    for (const line of wrap(encodable(text, f), f, size, width)) {
      ensure(size + 4);
      page.drawText(line, { x: M, y: y - size, size, font: f, color: rgb(0, 0, 0) });
      y -= size + 4;
    }
    y -= opts.gap ?? 4;
  };

  const issue = data.loan.receipts.find((r) => r.kind === "ISSUE") ?? null;
  para(data.school.name, { f: bold, size: 12 });
  para("Use of USB Memory Sticks, Cameras and Phones: sign-out form", { f: bold, size: 16, gap: 10 });
  para(`Name: ${data.loan.borrower.name}`, { f: bold, size: 12 });
  para(`Start date: ${formatDate(data.loan.startDate)}`, { f: bold, size: 12, gap: 12 });

  para("Conditions", { f: bold, size: 13 });
  const kinds = KIND_ORDER.filter((k) => data.loan.items.some((i) => i.asset.kind === k));
  for (const k of kinds) {
    const item = data.loan.items.find((i) => i.asset.kind === k)!;
    para(ASSET_KINDS[k].label, { f: bold });
    for (const line of item.conditions.split("\n")) para(`- ${line}`, { gap: 0 });
    y -= 6;
  }

  // The Appendix 3 table.
  const cols = [0.46, 0.2, 0.14, 0.2].map((f) => f * width);
  const row = (cells: string[], f: PDFFont) => {
    const lines = cells.map((c, i) => wrap(encodable(c, f), f, 9, cols[i] - 6));
    const h = Math.max(...lines.map((l) => l.length)) * 12 + 6;
    ensure(h);
    let x = M;
    for (const [i, ls] of lines.entries()) {
      page.drawRectangle({ x, y: y - h, width: cols[i], height: h, borderColor: rgb(0.3, 0.3, 0.3), borderWidth: 0.5 });
      ls.forEach((l, n) => page.drawText(l, { x: x + 3, y: y - 12 - n * 12, size: 9, font: f }));
      x += cols[i];
    }
    y -= h;
  };
  y -= 6;
  row(["Confirmation", "Signed", "Date", "Returned"], bold);
  const signed = issue ? issue.typedName : "Not yet signed";
  const date = issue ? londonDate(issue.signedAt) : "";
  row([CONDITIONS_CONFIRMATION, signed, date, "N/A"], font);
  for (const i of data.loan.items) {
    const ret = i.return ? data.loan.receipts.find((r) => r.kind === "RETURN" && r.returnId === i.return!.id) : null;
    const returned = i.return
      ? `Returned ${formatDate(i.return.returnedOn)} (${i.return.condition})${ret ? `; countersigned by ${ret.typedName} ${londonDate(ret.signedAt)}` : "; not yet countersigned"}`
      : i.losses[0]
        ? `${i.losses[0].kind === "STOLEN" ? "Reported stolen" : "Reported lost"} ${londonDate(i.losses[0].occurredAt)}`
        : "";
    const what = `${ASSET_KINDS[i.asset.kind].receiptLine} ${i.asset.tag}, ${i.asset.make} ${i.asset.model}${i.mayLeaveSite ? ` (may leave the site: ${i.offSiteReason ?? ""})` : ""}`;
    row([what, signed, date, returned], font);
  }
  y -= 14;

  para("Evidence", { f: bold, size: 13 });
  for (const r of data.loan.receipts) {
    para(`${r.kind === "ISSUE" ? "Receipt" : "Return countersigned"}: "${r.typedName}", ${londonDateTime(r.signedAt)}${r.inPerson ? ", in person on the manager's device" : ""}`, { f: bold, gap: 0 });
    para(`Signed in by: ${describeAuthMethod(r.authMethod)}. IP address: ${r.ip ?? "not recorded"}. Browser: ${r.userAgent ?? "not recorded"}`, { gap: 0 });
    para(`SHA-256 of what was shown and signed: ${r.contentHash}`, { size: 8 });
    if (r.signaturePng) {
      try {
        const img = await doc.embedPng(r.signaturePng);
        const w = 180;
        const h = (img.height / img.width) * w;
        ensure(h + 6);
        page.drawImage(img, { x: M, y: y - h, width: w, height: h });
        y -= h + 6;
      } catch {
        para("(The drawn signature could not be drawn here; it is kept with the record.)");
      }
    }
  }
  if (data.loan.receipts.length === 0) para("Not yet signed by the borrower.");
  para(`Loan reference ${data.loan.id}`, { size: 8 });
  return doc.save();
}
