import { memberOrStatus, inSchoolScope } from "@/lib/authz/require";
import { plainText } from "@/lib/http/plain-text";
import { policyCoverage, trustPolicyCoverage } from "@/lib/declarations/coverage";
import { COVERAGE_HEADER, coverageRows, toCsv } from "@/lib/declarations/csv";
import { contentDisposition } from "@/lib/pdf/download";
import { londonDateString } from "@/lib/dates";

// GET /s/[school]/policies/[policyId]/coverage.csv             this school (policy:coverage)
// GET /s/[school]/policies/[policyId]/coverage.csv?scope=trust every school of the trust (trust roles only)

export async function GET(request: Request, { params }: { params: Promise<{ school: string; policyId: string }> }) {
  const { school, policyId } = await params;
  const ctx = await memberOrStatus(school, "policy:coverage");
  if (ctx instanceof Response) return ctx;
  return inSchoolScope(ctx, async () => {
    if (typeof policyId !== "string" || policyId.length > 64) return plainText("Not found.", 404);

    const scope = new URL(request.url).searchParams.get("scope") ?? "school";
    let rows: unknown[][];
    let title: string;
    let where: string;
    if (scope === "trust") {
      const perSchool = await trustPolicyCoverage(ctx, policyId);
      if (perSchool === null) return plainText("You do not have permission to do this.", 403);
      if (perSchool.length === 0) return plainText("Not found.", 404);
      rows = perSchool.flatMap((s) => coverageRows(s.school.name, s.coverage!));
      title = perSchool[0].coverage!.version.title;
      where = "all schools";
    } else if (scope === "school") {
      const coverage = await policyCoverage(ctx.school, policyId);
      if (!coverage) return plainText("Not found.", 404);
      rows = coverageRows(ctx.school.name, coverage);
      title = coverage.version.title;
      where = ctx.school.name;
    } else {
      return plainText("Choose scope=school or scope=trust.", 400);
    }

    const body = toCsv([COVERAGE_HEADER, ...rows]);
    return new Response(body, {
      status: 200,
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": contentDisposition(`${title} coverage ${where} ${londonDateString(new Date())}.csv`),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  });
}
