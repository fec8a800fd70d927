import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { encodable, wrap } from "@/lib/pdf/text";
import { formatDateTime } from "@/lib/dates";
import type { Report, Table } from "./report";

// The board pack: the same report the page shows, for the governors' meeting. Dated (when the figures
// were read), with the period and the school's or trust's name on every page's first line.

const A4 = [595.28, 841.89] as const;
const M = 40;

export async function boardPackPdf(report: Report): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const title = report.kind === "trust" ? "Trust governors' summary" : "Governors' summary";
  doc.setTitle(`${title}: ${report.name}, ${report.period.label}`);
  doc.setCreationDate(report.generatedAt);
  doc.setModificationDate(report.generatedAt);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const width = A4[0] - 2 * M;
  let page: PDFPage;
  let y = 0;
  const newPage = () => {
    page = doc.addPage([...A4]);
    y = A4[1] - M;
    const head = encodable(`${report.name}: ${title.toLowerCase()}, ${report.period.label}`, font);
    page.drawText(wrap(head, font, 8, width)[0] ?? "", { x: M, y: y - 8, size: 8, font, color: rgb(0.3, 0.3, 0.3) });
    y -= 20;
  };
  newPage();
  const ensure = (h: number) => {
    if (y - h < M) newPage();
  };
  const para = (text: string, opts: { f?: PDFFont; size?: number; gap?: number; x?: number; w?: number } = {}) => {
    const f = opts.f ?? font;
    const size = opts.size ?? 10;
    for (const line of wrap(encodable(text, f), f, size, opts.w ?? width)) {
      ensure(size + 4);
      page.drawText(line, { x: opts.x ?? M, y: y - size, size, font: f, color: rgb(0, 0, 0) });
      y -= size + 4;
    }
    y -= opts.gap ?? 2;
  };
  const table = (t: Table) => {
    para(t.caption, { f: bold, gap: 2 });
    if (t.rows.length === 0) return para("Nothing to show for this period.", { gap: 8 });
    const n = t.head.length;
    // The first column names the row and gets more room.
    const first = n > 2 ? Math.min(0.34, 1.6 / (n + 0.6)) : 0.6;
    const cols = [first * width, ...Array.from({ length: n - 1 }, () => ((1 - first) * width) / (n - 1))];
    const row = (cells: string[], f: PDFFont) => {
      const size = n > 6 ? 7 : 8.5;
      const lines = cells.map((c, i) => wrap(encodable(c, f), f, size, cols[i] - 4));
      const h = Math.max(1, ...lines.map((l) => l.length)) * (size + 2) + 3;
      ensure(h);
      let x = M;
      lines.forEach((ls, i) => {
        ls.forEach((l, j) => page.drawText(l, { x, y: y - size - j * (size + 2), size, font: f, color: rgb(0, 0, 0) }));
        x += cols[i];
      });
      y -= h;
      page.drawLine({ start: { x: M, y: y + 1 }, end: { x: M + width, y: y + 1 }, thickness: 0.3, color: rgb(0.7, 0.7, 0.7) });
    };
    row(t.head, bold);
    for (const r of t.rows) row(r, font);
    y -= 8;
  };

  para(report.name, { f: bold, size: 13 });
  para(title, { f: bold, size: 18, gap: 6 });
  para(`Period: ${report.period.label}`, { f: bold, size: 11 });
  para(`Figures as at ${formatDateTime(report.generatedAt)} (London time).`, { size: 10 });
  para("Counts only: no names, descriptions or outcomes of any case. Counts of incidents under 3 are shown as \"fewer than 3\".", { size: 9, gap: 12 });

  for (const s of report.sections) {
    ensure(60);
    para(s.title, { f: bold, size: 13, gap: 4 });
    if (s.note) para(s.note, { size: 9 });
    for (const [label, value] of s.facts) para(`${label}: ${value}`, { size: 10, gap: 0 });
    y -= 6;
    for (const b of s.blocks) table(b.table);
    y -= 6;
  }
  return doc.save({ useObjectStreams: false });
}
