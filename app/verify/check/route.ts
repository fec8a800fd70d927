import { clientIpFrom } from "@/lib/http/client-ip";
import { plainText } from "@/lib/http/plain-text";
import { MAX_UPLOAD_BYTES, RATE_LIMIT_MESSAGE, allowCheck, checkReference, checkUpload, refuse, tooLarge, type CheckResult } from "@/lib/seal/verify";
import { describeCheck } from "@/lib/seal/describe";

// POST /verify/check: no sign-in. A multipart form with `file` (a PDF) or `reference` (typed). The page
// (/verify) asks for JSON; a browser without JavaScript posts the form and gets the answer as plain text.
// The body is read up to a limit and the file is only hashed, never parsed.

const BODY_LIMIT = MAX_UPLOAD_BYTES + 64 * 1024; // the file plus the form's own overhead

function answer(request: Request, result: CheckResult): Response {
  const status = result.outcome === "bad-input" ? (result.message.includes("larger than") ? 413 : 400) : 200;
  if ((request.headers.get("accept") ?? "").includes("application/json")) {
    return new Response(JSON.stringify(result), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });
  }
  return plainText(describeCheck(result), status);
}

/** The request body, or null once it passes the limit (read no further). */
async function readCapped(request: Request, limit: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function POST(request: Request) {
  const ip = clientIpFrom(request.headers.get("x-forwarded-for"));
  if (!(await allowCheck(ip))) return plainText(RATE_LIMIT_MESSAGE, 429);

  // The multipart boundary is case-sensitive: compare the media type lower-cased, parse with the original.
  const type = request.headers.get("content-type") ?? "";
  const media = type.toLowerCase();
  if (!media.startsWith("multipart/form-data") && !media.startsWith("application/x-www-form-urlencoded")) {
    return answer(request, await refuse(ip, "Send the PDF (or the reference) with the form on the verify page.", "not-a-form"));
  }
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > BODY_LIMIT) return answer(request, await tooLarge(ip, declared));
  const body = await readCapped(request, BODY_LIMIT);
  if (!body) return answer(request, await tooLarge(ip, null));

  let form: FormData;
  try {
    form = await new Response(new Blob([Buffer.from(body)]), { headers: { "content-type": type } }).formData();
  } catch {
    return answer(request, await refuse(ip, "The form could not be read. Choose the PDF again and check it.", "unreadable-form"));
  }
  const reference = form.get("reference");
  const file = form.get("file");
  if (typeof reference === "string" && reference.trim() !== "") return answer(request, await checkReference(reference, ip));
  if (file && typeof file !== "string") return answer(request, await checkUpload(new Uint8Array(await file.arrayBuffer()), ip, file.type));
  return answer(request, await checkUpload(new Uint8Array(), ip));
}
