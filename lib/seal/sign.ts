import { PDFDocument } from "pdf-lib";
import { pdflibAddPlaceholder } from "@signpdf/placeholder-pdf-lib";
import { SignPdf } from "@signpdf/signpdf";
import { sealKey, type SealIdentity } from "./certificate";
import { SealSigner } from "./signer";

// Seals finished PDF bytes with the installation's certificate: a PAdES baseline signature
// (SubFilter ETSI.CAdES.detached, SHA-256) over the whole file but its own /Contents.

// Room for the CMS signature: the certificate (or a short chain) and a 2048/4096-bit signature.
const SIGNATURE_LENGTH = 16_384;

export async function sealPdf(unsealed: Uint8Array, identity: SealIdentity, opts: { sealedAt: Date; reason: string; location: string }): Promise<Buffer> {
  const doc = await PDFDocument.load(unsealed, { updateMetadata: false });
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: opts.reason,
    contactInfo: "",
    name: identity.subject,
    location: opts.location,
    signingTime: opts.sealedAt,
    signatureLength: SIGNATURE_LENGTH,
    subFilter: "ETSI.CAdES.detached",
    appName: "School ICT governance",
  });
  const withPlaceholder = Buffer.from(await doc.save({ useObjectStreams: false }));
  return new SignPdf().sign(withPlaceholder, new SealSigner(sealKey(identity)), opts.sealedAt);
}
