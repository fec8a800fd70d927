import "server-only";
import type { SchoolContext } from "@/lib/authz/access";
import { can } from "@/lib/authz/access";
import { londonDateString } from "@/lib/dates";
import { plainText } from "@/lib/http/plain-text";
import { contentDisposition } from "@/lib/pdf/download";
import { periodFromQuery } from "./schemas";
import { schoolFigures, trustFigures } from "./summary";
import { schoolReport, trustReport } from "./report";
import { boardPackPdf } from "./pack-pdf";
import { boardPackCsv } from "./pack-csv";

/** The board pack download for a route handler that has already checked governance:view. */
export async function packResponse(ctx: SchoolContext, query: URLSearchParams, format: "pdf" | "csv"): Promise<Response> {
  const choice = periodFromQuery(Object.fromEntries(query));
  if (Object.keys(choice.errors).length) return plainText(`The period is not right: ${Object.values(choice.errors).join(" ")}`, 400);
  const trust = query.get("scope") === "trust";
  if (trust && !can(ctx, "governance:trust")) return plainText("You do not have permission to do this.", 403);
  let report;
  if (trust) {
    const t = await trustFigures(ctx, choice.period);
    if (!t) return plainText("You do not have permission to do this.", 403);
    report = trustReport(t.organisation, t.figures);
  } else {
    report = schoolReport(await schoolFigures(ctx, choice.period));
  }
  const name = `governors-summary-${trust ? "trust" : ctx.school.slug}-${londonDateString(report.generatedAt)}.${format}`;
  const headers = { "content-disposition": contentDisposition(name), "cache-control": "private, no-store" };
  if (format === "csv") return new Response(boardPackCsv(report), { status: 200, headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
  return new Response(Buffer.from(await boardPackPdf(report)), { status: 200, headers: { ...headers, "content-type": "application/pdf" } });
}
