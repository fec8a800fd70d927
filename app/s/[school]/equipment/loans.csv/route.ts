import { memberOrStatus, inSchoolScope } from "@/lib/authz/require";
import { toCsv } from "@/lib/declarations/csv";
import { contentDisposition } from "@/lib/pdf/download";
import { londonDateString } from "@/lib/dates";
import { LOANS_HEADER, loanRows } from "@/lib/equipment/exports";

// GET /s/[school]/equipment/loans.csv (equipment:manage): the school's loans as a spreadsheet.
export async function GET(_request: Request, { params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await memberOrStatus(school, "equipment:manage");
  if (ctx instanceof Response) return ctx;
  return inSchoolScope(ctx, async () => {
    const body = toCsv([LOANS_HEADER, ...(await loanRows(ctx))]);
    return new Response(body, {
      status: 200,
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": contentDisposition(`equipment-loans-${ctx.school.slug}-${londonDateString(new Date())}.csv`),
        "cache-control": "private, no-store",
      },
    });
  });
}
