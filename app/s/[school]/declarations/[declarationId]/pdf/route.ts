import { memberOrStatus, inSchoolScope, inductionRefusal } from "@/lib/authz/require";
import { plainText } from "@/lib/http/plain-text";
import { can } from "@/lib/authz/access";
import { findDeclaration, declarationFileName } from "@/lib/pdf/declaration-file";
import { sealedDeclarationPdf } from "@/lib/seal/service";
import { contentDisposition } from "@/lib/pdf/download";

// GET /s/[school]/declarations/[declarationId]/pdf?part=1|2
// The signer may download their own declaration; the Headteacher and Business Manager (declaration:read-any)
// any declaration of their school. Another school's declaration, or none, is "not found".

export async function GET(request: Request, { params }: { params: Promise<{ school: string; declarationId: string }> }) {
  const { school, declarationId } = await params;
  // A new starter held at induction may still download their own declarations.
  const ctx = await memberOrStatus(school, "school:view", { duringInduction: true });
  if (ctx instanceof Response) return ctx;
  return inSchoolScope(ctx, async () => {

    const partParam = new URL(request.url).searchParams.get("part") ?? "1";
    if (partParam !== "1" && partParam !== "2") return plainText("Choose part 1 or part 2.", 400);

    const found = await findDeclaration(ctx.school, declarationId);
    if (!found) return plainText("Not found.", 404);
    if (found.declaration.personId !== ctx.person.id) {
      if (!can(ctx, "declaration:read-any")) return plainText("You do not have permission to do this.", 403);
      const refusal = await inductionRefusal(ctx);
      if (refusal) return refusal;
    }

    const part = partParam === "1" ? 1 : 2;
    // The sealed copy, stored once: every download is the same bytes (sealed now if the worker has not yet).
    let sealed;
    try {
      sealed = await sealedDeclarationPdf(found, part);
    } catch (e) {
      console.error(`seal: could not seal declaration ${found.declaration.id} part ${part}`, e);
      return plainText("The sealed copy of this declaration could not be made just now. Please try again in a few minutes.", 503);
    }
    return new Response(Buffer.from(sealed.bytes), {
      status: 200,
      headers: {
        "content-type": "application/pdf",
        "content-disposition": contentDisposition(declarationFileName(found, part)),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  });
}
