import { memberOrStatus } from "@/lib/authz/require";
import { toCsv } from "@/lib/declarations/csv";
import { contentDisposition } from "@/lib/pdf/download";
import { londonDateString } from "@/lib/dates";
import { LOG_HEADER, logRows } from "@/lib/filtering/csv";

// GET /s/[school]/filtering/log.csv (filtering:read): the change log as a spreadsheet, seed 004's columns.
export async function GET(_request: Request, { params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await memberOrStatus(school, "filtering:read");
  if (ctx instanceof Response) return ctx;
  const body = toCsv([LOG_HEADER, ...(await logRows(ctx))]);
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": contentDisposition(`filtering-log-${ctx.school.slug}-${londonDateString(new Date())}.csv`),
      "cache-control": "private, no-store",
    },
  });
}
