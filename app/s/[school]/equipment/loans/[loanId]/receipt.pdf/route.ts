import { memberOrStatus, inSchoolScope } from "@/lib/authz/require";
import { plainText } from "@/lib/http/plain-text";
import { contentDisposition } from "@/lib/pdf/download";
import { loanReceiptPdf } from "@/lib/equipment/exports";

// GET /s/[school]/equipment/loans/[loanId]/receipt.pdf: the borrower's own receipt, or any receipt of the
// school for those who issue its kinds. Another school's loan, or someone else's, is "not found".
export async function GET(_request: Request, { params }: { params: Promise<{ school: string; loanId: string }> }) {
  const { school, loanId } = await params;
  const ctx = await memberOrStatus(school, "equipment:hold");
  if (ctx instanceof Response) return ctx;
  return inSchoolScope(ctx, async () => {
    const pdf = await loanReceiptPdf(ctx, loanId);
    if (!pdf) return plainText("Not found.", 404);
    return new Response(Buffer.from(pdf.bytes), {
      status: 200,
      headers: {
        "content-type": "application/pdf",
        "content-disposition": contentDisposition(pdf.fileName),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  });
}
