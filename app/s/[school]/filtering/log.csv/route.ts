import { memberOrStatus, inSchoolScope } from "@/lib/authz/require";
import { csvResponse } from "@/lib/http/csv-response";
import { londonDateString } from "@/lib/dates";
import { LOG_HEADER, logRows } from "@/lib/filtering/csv";

// GET /s/[school]/filtering/log.csv (filtering:read): the change log as a spreadsheet, seed 004's columns.
export async function GET(_request: Request, { params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await memberOrStatus(school, "filtering:read");
  if (ctx instanceof Response) return ctx;
  return inSchoolScope(ctx, async () => {
    return csvResponse([LOG_HEADER, ...(await logRows(ctx))], `filtering-log-${ctx.school.slug}-${londonDateString(new Date())}.csv`);
  });
}
