import { memberOrStatus, inSchoolScope } from "@/lib/authz/require";
import { plainText } from "@/lib/http/plain-text";
import { auditEventBatches } from "@/lib/audit/queries";
import { auditReaderFor } from "@/lib/audit/reader";
import { parseAuditQuery } from "@/lib/audit/schemas";
import { AUDIT_CSV_HEADER, auditCsvLine, auditCsvRow } from "@/lib/audit/csv";
import { contentDisposition } from "@/lib/pdf/download";
import { londonDateString } from "@/lib/dates";

// GET /s/[school]/audit/export.csv?action=…&person=…&from=…&to=…  (audit:read)
// The events the audit page shows under the same filters, all of them, newest first. Streamed a batch at a
// time from the database, so a long log never sits in memory at once.

export async function GET(request: Request, { params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await memberOrStatus(school, "audit:read");
  if (ctx instanceof Response) return ctx;
  return inSchoolScope(ctx, async () => {
    const query = parseAuditQuery(Object.fromEntries(new URL(request.url).searchParams));
    const problems = Object.values(query.errors);
    if (problems.length > 0) return plainText(problems.join(". ") + ".", 400);

    const batches = auditEventBatches(ctx.school, query.filters, 2000, await auditReaderFor(ctx));
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        // The byte-order mark makes Excel read the file as UTF-8.
        controller.enqueue(encoder.encode("\uFEFF" + auditCsvLine(AUDIT_CSV_HEADER)));
      },
      async pull(controller) {
        try {
          // The stream is read after this handler returns: its reads carry the school's scope themselves.
          const next = await inSchoolScope(ctx, () => batches.next());
          if (next.done) return controller.close();
          controller.enqueue(encoder.encode(next.value.events.map((e) => auditCsvLine(auditCsvRow(e, next.value.names))).join("")));
        } catch (e) {
          console.error("audit export failed", e);
          controller.error(new Error("The export could not be completed."));
        }
      },
    });
    return new Response(body, {
      status: 200,
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": contentDisposition(`Audit log ${ctx.school.name} ${londonDateString(new Date())}.csv`),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  });
}
