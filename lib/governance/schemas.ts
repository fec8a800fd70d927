import { z } from "zod";
import { parseDateInput } from "@/lib/dates";
import { chosenRange, thisTerm, thisYear, type Period } from "./period";

// The period asked for in the query string (?period=term|year|range&from=YYYY-MM-DD&to=YYYY-MM-DD). A
// summary is a page people bookmark, so a bad range is reported next to its field and the page falls
// back to this term rather than failing.

const MAX_DAYS = 5 * 366;
const day = z.string().trim().refine((v) => parseDateInput(v) !== null, "Enter a date, for example 1 September 2026.");

export const periodQuerySchema = z
  .strictObject({
    period: z.enum(["term", "year", "range"]).default("term"),
    from: z.string().optional(),
    to: z.string().optional(),
    sort: z.string().optional(),
    dir: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.period !== "range") return;
    const from = day.safeParse(v.from ?? "");
    const to = day.safeParse(v.to ?? "");
    if (!from.success) ctx.addIssue({ code: "custom", path: ["from"], message: "Enter the first day, for example 1 September 2026." });
    if (!to.success) ctx.addIssue({ code: "custom", path: ["to"], message: "Enter the last day, for example 31 December 2026." });
    if (!from.success || !to.success) return;
    const f = parseDateInput(v.from!)!;
    const t = parseDateInput(v.to!)!;
    if (t < f) ctx.addIssue({ code: "custom", path: ["to"], message: "The last day must be on or after the first day." });
    else if ((t.getTime() - f.getTime()) / 86_400_000 > MAX_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: "Choose a range of five years or less." });
  });

export type PeriodChoice = { period: Period; errors: { from?: string; to?: string }; from: string; to: string };

/** The period for a page or a download; unknown parameters are ignored, a bad range falls back to this term. */
export function periodFromQuery(query: Record<string, string | string[] | undefined>, today?: Date): PeriodChoice {
  const one = (k: string) => (typeof query[k] === "string" ? (query[k] as string) : undefined);
  const raw = { period: one("period") ?? "term", from: one("from"), to: one("to") };
  const parsed = periodQuerySchema.safeParse({ ...raw, period: ["term", "year", "range"].includes(raw.period) ? raw.period : "term" });
  const echo = { from: raw.from ?? "", to: raw.to ?? "" };
  if (!parsed.success) {
    const errors: PeriodChoice["errors"] = {};
    for (const i of parsed.error.issues) if (i.path[0] === "from" || i.path[0] === "to") errors[i.path[0]] ??= i.message;
    return { period: thisTerm(today), errors, ...echo };
  }
  const v = parsed.data;
  const period = v.period === "year" ? thisYear(today) : v.period === "range" ? chosenRange(parseDateInput(v.from!)!, parseDateInput(v.to!)!) : thisTerm(today);
  return { period, errors: {}, ...echo };
}

/** The query string that asks for this period again (for download links and sort links). */
export function periodQueryString(p: Period): string {
  if (p.kind !== "range") return `period=${p.kind}`;
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return `period=range&from=${iso(p.from)}&to=${iso(new Date(p.to.getTime() - 86_400_000))}`;
}
