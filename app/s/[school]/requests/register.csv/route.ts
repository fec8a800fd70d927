import { memberOrStatus, inSchoolScope } from "@/lib/authz/require";
import { toCsv } from "@/lib/declarations/csv";
import { contentDisposition } from "@/lib/pdf/download";
import { londonDateString } from "@/lib/dates";
import { registerKinds, registerRows, registerCsv } from "@/lib/requests/queries";
import { registerFilterSchema } from "@/lib/requests/schemas";

// GET /s/[school]/requests/register.csv[?kind=…&status=…]: the register of the kinds this person reads
// (every kind with request:register; an approver, the kinds they decide), as a spreadsheet.
export async function GET(request: Request, { params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  // Members and the organisation's roles reach the school; which kinds they read is decided below.
  const ctx = await memberOrStatus(school, "school:view");
  if (ctx instanceof Response) return ctx;
  return inSchoolScope(ctx, async () => {
    if (registerKinds(ctx).length === 0) return new Response("You do not have permission to do this.", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
    const filter = registerFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const body = toCsv(registerCsv(await registerRows(ctx, filter), filter.kind));
    return new Response(body, {
      status: 200,
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": contentDisposition(`requests-register-${ctx.school.slug}${filter.kind ? `-${filter.kind.toLowerCase()}` : ""}-${londonDateString(new Date())}.csv`),
        "cache-control": "private, no-store",
      },
    });
  });
}
