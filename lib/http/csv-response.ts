import { toCsv } from "@/lib/declarations/csv";
import { contentDisposition } from "@/lib/pdf/download";

/** A spreadsheet download: the rows as CSV (formula-safe), under this file name, never cached. */
export function csvResponse(rows: unknown[][], fileName: string): Response {
  return new Response(toCsv(rows), {
    status: 200,
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": contentDisposition(fileName), "cache-control": "private, no-store" },
  });
}
