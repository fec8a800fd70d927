import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage, type PDFImage } from "pdf-lib";
import { markdownBlocks } from "@/lib/markdown/render";
import type { PolicySection } from "@/lib/policies/content";
import { LONDON, formatDate } from "@/lib/dates";
import { encodable, isFullyEncodable, wrap, asciiEscaped } from "./text";

// A declaration as a PDF, built only from the stored records (the declaration row and its immutable
// policy version), so that the same declaration always gives the same document. Two variants, as in
// seed 003's Appendix 2: Part 1 is the member of staff's own copy, Part 2 goes on the personnel file.

export type DeclarationPart = 1 | 2;

export type DeclarationPdfData = {
  part: DeclarationPart;
  school: { name: string; organisation?: string | null };
  version: {
    title: string;
    number: number;
    sections: PolicySection[];
    statements: string[];
    approvedBy: string | null;
    approvedOn: Date | null;
    reviewDue: Date | null;
    publishedAt: Date | null;
  };
  declaration: {
    id: string;
    typedName: string;
    consentWording: string;
    signedAt: Date;
    contentHash: string;
    policyVersionId: string;
    ip: string | null;
    userAgent: string | null;
    authMethod: string;
    signaturePng: Uint8Array | null;
  };
  /** The seal this document will carry (lib/seal), printed so that a reader on paper can check it. */
  seal?: SealPrint;
};

export type SealPrint = {
  /** Printed on every page; typed on /verify. */
  reference: string;
  /** Where /verify is, e.g. "https://ict.example.org/verify". */
  verifyUrl: string;
  certificate: { subject: string; issuer: string; fingerprint: string; selfSigned: boolean };
  /** The declaration's event in the school's audit chain. */
  auditEvent: { chain: string; seq: number; hash: string } | null;
};

export const PART_HEADINGS: Record<DeclarationPart, { heading: string; note: string }> = {
  1: {
    heading: "Part 1: to be kept by the member of staff",
    note: "This is your own copy of your declaration. A second copy (Part 2) is kept on your personnel file.",
  },
  2: {
    heading: "Part 2: for the personnel file",
    note: "This copy is kept on the member of staff's personnel file. They have their own copy (Part 1).",
  },
};

const AUTH_METHODS: Record<string, string> = {
  password: "Email address and password",
  "magic-link": "One-time sign-in link sent by email",
  magic_link: "One-time sign-in link sent by email",
  "azure-ad": "Microsoft 365 / Entra ID single sign-on",
  "azure-ad-b2c": "Microsoft single sign-on",
  google: "Google Workspace single sign-on",
};

// The second factor, when the session gave one ("password+totp"): the evidence says MFA was used.
const SECOND_FACTORS: Record<string, string> = {
  totp: "a code from an authenticator app (multi-factor authentication)",
  "recovery-code": "a one-use recovery code (multi-factor authentication)",
  provider: "the identity provider's own multi-factor authentication",
};

export function describeAuthMethod(method: string): string {
  const [first, second] = method.split("+");
  const base = AUTH_METHODS[first];
  if (!base || (second && !SECOND_FACTORS[second])) return method;
  return second ? `${base}, then ${SECOND_FACTORS[second]} (${method})` : `${base} (${method})`;
}

/** "5 September 2026": the London calendar day of an instant. */
export function londonDate(instant: Date): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, day: "numeric", month: "long", year: "numeric" }).format(instant);
}

/** "5 September 2026, 14:03:07 BST". */
export function londonDateTime(instant: Date): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: LONDON,
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
    timeZoneName: "short",
  }).format(instant);
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const FOOTER = 36;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.38, 0.38, 0.42);
const RULE = rgb(0.75, 0.75, 0.78);

type Style = { font?: PDFFont; size?: number; color?: ReturnType<typeof rgb>; indent?: number; hanging?: string; gapAfter?: number };

/** Top-to-bottom layout over as many A4 pages as the text needs. */
class Layout {
  page!: PDFPage;
  y = 0;
  readonly width = A4[0] - 2 * MARGIN;

  constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  newPage() {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  ensure(height: number) {
    if (this.y - height < MARGIN + FOOTER) this.newPage();
  }

  gap(points: number) {
    this.y -= points;
  }

  /** Wrapped text; `hanging` (a bullet or "3.") is drawn in the indent of the first line. */
  text(raw: string, style: Style = {}) {
    const font = style.font ?? this.regular;
    const size = style.size ?? 10;
    const indent = style.indent ?? 0;
    const leading = size * 1.35;
    const safe = encodable(raw, font);
    const lines = wrap(safe, font, size, this.width - indent);
    lines.forEach((line, i) => {
      this.ensure(leading);
      this.y -= leading;
      if (i === 0 && style.hanging) {
        const marker = encodable(style.hanging, font);
        this.page.drawText(marker, { x: MARGIN + indent - font.widthOfTextAtSize(marker, size) - 4, y: this.y, size, font, color: style.color ?? INK });
      }
      if (line) this.page.drawText(line, { x: MARGIN + indent, y: this.y, size, font, color: style.color ?? INK });
    });
    this.gap(style.gapAfter ?? 0);
  }

  heading(raw: string, size = 13) {
    this.ensure(size * 3);
    this.gap(size * 0.6);
    this.text(raw, { font: this.bold, size, gapAfter: size * 0.35 });
  }

  rule() {
    this.ensure(12);
    this.gap(6);
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + this.width, y: this.y }, thickness: 0.5, color: RULE });
    this.gap(6);
  }

  /** A label and its value on one line (value wrapped under itself). */
  field(label: string, value: string, labelWidth = 130) {
    const size = 10;
    const leading = size * 1.35;
    const safe = encodable(value, this.regular);
    const lines = wrap(safe, this.regular, size, this.width - labelWidth);
    lines.forEach((line, i) => {
      this.ensure(leading);
      this.y -= leading;
      if (i === 0) this.page.drawText(encodable(label, this.bold), { x: MARGIN, y: this.y, size, font: this.bold, color: INK });
      if (line) this.page.drawText(line, { x: MARGIN + labelWidth, y: this.y, size, font: this.regular, color: INK });
    });
    this.gap(3);
  }

  image(img: PDFImage, maxWidth: number, maxHeight: number) {
    const scale = Math.min(maxWidth / img.width, maxHeight / img.height, 1);
    const w = img.width * scale;
    const h = img.height * scale;
    this.ensure(h + 8);
    this.y -= h + 4;
    this.page.drawRectangle({ x: MARGIN - 2, y: this.y - 2, width: maxWidth + 4, height: h + 4, borderColor: RULE, borderWidth: 0.5 });
    this.page.drawImage(img, { x: MARGIN, y: this.y, width: w, height: h });
    this.gap(6);
  }
}

export async function buildDeclarationPdf(data: DeclarationPdfData): Promise<Uint8Array> {
  const { part, school, version: v, declaration: d } = data;
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const L = new Layout(doc, regular, bold);
  const partText = PART_HEADINGS[part];

  // Deterministic metadata: the same record always gives the same document.
  doc.setTitle(encodable(`${v.title} (version ${v.number}): declaration, Part ${part}`, regular));
  doc.setSubject(`Declaration ${d.id}`);
  doc.setCreator("School ICT governance");
  doc.setProducer("School ICT governance (pdf-lib)");
  doc.setCreationDate(d.signedAt);
  doc.setModificationDate(d.signedAt);

  // Title block.
  L.text(partText.heading, { font: bold, size: 11, color: MUTED, gapAfter: 6 });
  L.text(school.name, { font: bold, size: 12 });
  if (school.organisation && school.organisation !== school.name) L.text(school.organisation, { size: 10, color: MUTED });
  L.gap(8);
  L.text(v.title, { font: bold, size: 18, gapAfter: 2 });
  L.text(`Version ${v.number}`, { size: 11, color: MUTED, gapAfter: 6 });
  if (v.approvedBy || v.approvedOn)
    L.field("Approved by", [v.approvedBy, v.approvedOn ? `on ${formatDate(v.approvedOn)}` : null].filter(Boolean).join(" "));
  if (v.reviewDue) L.field("Review due", formatDate(v.reviewDue));
  L.text(partText.note, { size: 9.5, color: MUTED, gapAfter: 4 });
  L.rule();

  // The full text, as it was published.
  for (const section of v.sections) {
    L.heading(section.heading, 12.5);
    for (const block of markdownBlocks(section.body)) {
      if (block.kind === "heading") L.text(block.text, { font: bold, size: 10.5, gapAfter: 3 });
      else if (block.kind === "item") L.text(block.text, { indent: 16 + 14 * block.depth, hanging: block.marker || undefined, gapAfter: 2 });
      else if (block.kind === "code") L.text(block.text, { indent: 12, size: 9, color: MUTED, gapAfter: 5 });
      else L.text(block.text, { gapAfter: 5 });
    }
  }

  if (v.statements.length > 0) {
    L.heading("Code of conduct", 12.5);
    v.statements.forEach((s, i) => L.text(s, { indent: 22, hanging: `${i + 1}.`, gapAfter: 3 }));
  }

  // The declaration itself, on its own page so that it can be read (and filed) as one sheet.
  L.newPage();
  L.text(partText.heading, { font: bold, size: 11, color: MUTED, gapAfter: 4 });
  L.heading("Declaration", 14);
  L.text(`${v.title}, version ${v.number}. ${school.name}.`, { size: 10, color: MUTED, gapAfter: 6 });
  L.text(d.consentWording, { size: 11, gapAfter: 10 });
  L.field("Name (as typed)", d.typedName);
  if (d.signaturePng) {
    L.field("Signed", "");
    const img = await doc.embedPng(d.signaturePng);
    L.image(img, 220, 80);
  } else {
    L.field("Signed", "Signed electronically by typing their name (no drawn signature).");
  }
  L.field("Date signed", londonDate(d.signedAt));
  if (data.seal) L.field("Reference", data.seal.reference);
  L.rule();
  L.text("This declaration was made online. The evidence page that follows records how, when and from where.", { size: 9, color: MUTED });

  // Evidence.
  L.newPage();
  L.heading("Evidence of this declaration", 14);
  L.field("Declaration id", d.id);
  L.field("Policy version id", d.policyVersionId);
  L.field("Content hash (SHA-256)", "");
  L.text(d.contentHash, { size: 9.5, indent: 0, gapAfter: 4 });
  L.field("Signed at (UTC)", d.signedAt.toISOString());
  L.field("Signed at (London)", londonDateTime(d.signedAt));
  L.field("IP address", d.ip ?? "Not recorded");
  L.field("Browser (user agent)", d.userAgent ?? "Not recorded");
  L.field("Signed in with", describeAuthMethod(d.authMethod));
  L.field("Drawn signature", d.signaturePng ? `Yes (PNG, ${d.signaturePng.length} bytes)` : "No");
  if (v.publishedAt) L.field("Version published", `${v.publishedAt.toISOString()} (UTC)`);
  if (!isFullyEncodable(d.typedName, regular)) L.field("Name (exact characters)", asciiEscaped(d.typedName));
  L.rule();
  L.text(
    "The content hash is the SHA-256 of the published policy version (its title, sections, statements, declaration wording, audience and approval details, in canonical form). The school can recompute it from its records to show that the text above is the text that was agreed to.",
    { size: 9, color: MUTED },
  );

  if (data.seal) {
    const s = data.seal;
    L.heading("Seal and how to check this document", 12.5);
    L.field("Reference", s.reference);
    L.field("Check it at", s.verifyUrl);
    if (s.auditEvent) {
      L.field("Audit event", `${s.auditEvent.chain === "platform" ? "platform" : "school"} chain, event ${s.auditEvent.seq}`);
      L.field("Audit event hash", "");
      L.text(s.auditEvent.hash, { size: 9.5, gapAfter: 4 });
    }
    L.field("Sealed by", s.certificate.subject);
    L.field("Certificate issuer", s.certificate.selfSigned ? "Self-signed (issued by this installation to itself)" : s.certificate.issuer);
    L.field("Certificate (SHA-256)", "");
    L.text(s.certificate.fingerprint, { size: 9.5, gapAfter: 4 });
    L.text(
      s.certificate.selfSigned
        ? "This PDF carries a digital seal (PAdES) made with this installation's own self-signed certificate. The seal shows that the file has not been changed since it was sealed; being self-signed, it does not by itself prove who sealed it: compare the certificate fingerprint above with the one the school holds, or check the file at the address above."
        : "This PDF carries a digital seal (PAdES) made with the certificate named above. The seal shows that the file has not been changed since it was sealed. The file can also be checked at the address above.",
      { size: 9, color: MUTED },
    );
  }

  // Footers, now that the number of pages is known.
  const pages = doc.getPages();
  // The reference comes first: a long school name or title is cut at the end of the line, never it.
  const ref = data.seal ? `Ref ${data.seal.reference} | ` : "";
  const footer = encodable(`${ref}${school.name} | ${v.title}, version ${v.number} | Part ${part}`, regular);
  pages.forEach((page, i) => {
    const label = `Page ${i + 1} of ${pages.length}`;
    const size = 8;
    const room = A4[0] - 2 * MARGIN - regular.widthOfTextAtSize(label, size) - 16;
    const left = wrap(footer, regular, size, room)[0] ?? "";
    page.drawText(left, { x: MARGIN, y: MARGIN - 20, size, font: regular, color: MUTED });
    page.drawText(label, { x: A4[0] - MARGIN - regular.widthOfTextAtSize(label, size), y: MARGIN - 20, size, font: regular, color: MUTED });
  });

  return doc.save({ useObjectStreams: false });
}
