import { memberOrStatus, inSchoolScope } from "@/lib/authz/require";
import { breachRegisterCsv } from "@/lib/incidents/queries";
import { contentDisposition } from "@/lib/pdf/download";
import { londonDateString } from "@/lib/dates";

// GET /s/[school]/incidents/breaches.csv: the breach register for an auditor or the ICO
// (incident:breach-register: Headteacher, DPO, trust DPO and administrator).

export async function GET(_request: Request, { params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await memberOrStatus(school, "incident:breach-register");
  if (ctx instanceof Response) return ctx;
  return inSchoolScope(ctx, async () => {
    const body = await breachRegisterCsv(ctx);
    return new Response(body, {
      status: 200,
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": contentDisposition(`Breach register ${ctx.school.name} ${londonDateString(new Date())}.csv`),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  });
}
