import { memberOrStatus, inSchoolScope } from "@/lib/authz/require";
import { packResponse } from "@/lib/governance/pack";

// GET /s/[school]/governance/pack.csv?period=…[&scope=trust] (governance:view; the trust's pack governance:trust).
export async function GET(request: Request, { params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await memberOrStatus(school, "governance:view");
  if (ctx instanceof Response) return ctx;
  return inSchoolScope(ctx, async () => {
    return packResponse(ctx, new URL(request.url).searchParams, "csv");
  });
}
