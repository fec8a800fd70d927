import { describe, it, expect } from "vitest";
import { termOf, academicYearOf, thisTerm, thisYear, chosenRange, londonMidnight, instantsOf } from "@/lib/governance/period";
import { periodFromQuery, periodQueryString } from "@/lib/governance/schemas";
import { shown, suppressGroup, FEWER } from "@/lib/governance/suppress";
import { RAG_RULES, ragOf, ragFor, type Headline } from "@/lib/governance/thresholds";
import { sortRollup, type RollupRow } from "@/lib/governance/report";

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);
const iso = (x: Date) => x.toISOString().slice(0, 10);

describe("terms and the academic year (as data)", () => {
  it.each([
    ["2026-09-01", "Autumn term 2026", "2026-09-01", "2027-01-01"],
    ["2026-12-31", "Autumn term 2026", "2026-09-01", "2027-01-01"],
    ["2027-01-01", "Spring term 2027", "2027-01-01", "2027-04-01"],
    ["2027-03-31", "Spring term 2027", "2027-01-01", "2027-04-01"],
    ["2027-04-01", "Summer term 2027", "2027-04-01", "2027-09-01"],
    ["2027-08-31", "Summer term 2027", "2027-04-01", "2027-09-01"],
  ])("%s is in the %s", (day, name, from, to) => {
    const t = termOf(d(day));
    expect([t.name, iso(t.from), iso(t.to)]).toEqual([name, from, to]);
  });

  it.each([
    ["2026-09-01", "2026-09-01", "2027-09-01"],
    ["2026-08-31", "2025-09-01", "2026-09-01"],
    ["2027-02-14", "2026-09-01", "2027-09-01"],
  ])("%s is in the academic year from %s", (day, from, to) => {
    const y = academicYearOf(d(day));
    expect([iso(y.from), iso(y.to)]).toEqual([from, to]);
  });

  it("labels periods in UK dates, last day included", () => {
    expect(thisTerm(d("2026-12-02")).label).toBe("Autumn term 2026 (1 September 2026 to 31 December 2026)");
    expect(thisYear(d("2026-12-02")).label).toBe("Academic year 2026 to 2027 (1 September 2026 to 31 August 2027)");
    const r = chosenRange(d("2026-10-01"), d("2026-10-31"));
    expect([iso(r.from), iso(r.to), r.label]).toEqual(["2026-10-01", "2026-11-01", "1 October 2026 to 31 October 2026"]);
  });

  it("turns London days into instants (BST is an hour ahead of UTC)", () => {
    expect(londonMidnight(d("2026-07-01")).toISOString()).toBe("2026-06-30T23:00:00.000Z");
    expect(londonMidnight(d("2026-12-01")).toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(instantsOf(chosenRange(d("2026-06-01"), d("2026-11-30"))).to.toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });
});

describe("the period from the address", () => {
  const today = d("2026-12-02");
  it.each([
    [{}, "term", "2026-09-01", {}],
    [{ period: "year" }, "year", "2026-09-01", {}],
    [{ period: "range", from: "2026-10-01", to: "2026-10-31" }, "range", "2026-10-01", {}],
    [{ period: "nonsense" }, "term", "2026-09-01", {}],
    [{ period: "range", from: "2026-10-31", to: "2026-10-01" }, "term", "2026-09-01", { to: "The last day must be on or after the first day." }],
    [{ period: "range", from: "31/10/2026", to: "2026-11-01" }, "term", "2026-09-01", { from: "Enter the first day, for example 1 September 2026." }],
    [{ period: "range", from: "2020-01-01", to: "2026-11-01" }, "term", "2026-09-01", { to: "Choose a range of five years or less." }],
  ])("%j → %s from %s", (query, kind, from, errors) => {
    const c = periodFromQuery(query as Record<string, string>, today);
    expect([c.period.kind, iso(c.period.from), c.errors]).toEqual([kind, from, errors]);
  });

  it("asks for the same period again in a link", () => {
    expect(periodQueryString(chosenRange(d("2026-10-01"), d("2026-10-31")))).toBe("period=range&from=2026-10-01&to=2026-10-31");
    expect(periodQueryString(thisYear(today))).toBe("period=year");
  });
});

describe("small numbers", () => {
  it.each([[0, FEWER], [1, FEWER], [2, FEWER], [3, "3"], [40, "40"]])("%i is shown as %s", (n, text) => {
    expect(shown(n).text).toBe(text);
  });

  it.each([
    // counts, total shown elsewhere, expected
    [[5, 0], true, [FEWER, FEWER]],
    [[5, 0], false, ["5", FEWER]],
    [[7, 4, 1], true, ["7", FEWER, FEWER]],
    [[7, 4, 1, 2], true, ["7", "4", FEWER, FEWER]],
    [[7, 4, 9], true, ["7", "4", "9"]],
    [[1], true, [FEWER]],
  ] as const)("%j (total shown: %s) → %j", (counts, total, expected) => {
    expect(suppressGroup(counts, total).map((c) => c.text)).toEqual(expected);
  });
});

describe("red, amber and green", () => {
  const base: Headline = { coveragePercent: 100, overdueDeclarations: 0, policiesOverdueReview: 0, equipmentOverdue: 0, checksOverdue: 0, leaversWithKit: 0, auditBroken: 0 };
  const rule = (k: keyof Headline) => RAG_RULES.find((r) => r.key === k)!;
  it.each([
    ["coveragePercent", 95, "green"], ["coveragePercent", 94.9, "amber"], ["coveragePercent", 85, "amber"], ["coveragePercent", 84.9, "red"], ["coveragePercent", null, "green"],
    ["overdueDeclarations", 0, "green"], ["overdueDeclarations", 10, "amber"], ["overdueDeclarations", 11, "red"],
    ["policiesOverdueReview", 0, "green"], ["policiesOverdueReview", 1, "red"],
    ["equipmentOverdue", 3, "amber"], ["equipmentOverdue", 4, "red"],
    ["checksOverdue", 5, "amber"], ["checksOverdue", 6, "red"],
    ["leaversWithKit", 1, "amber"], ["leaversWithKit", 2, "red"],
    ["auditBroken", 0, "green"], ["auditBroken", 1, "red"],
  ] as const)("%s at %s is %s", (key, value, rag) => {
    expect(ragOf(rule(key), value)).toBe(rag);
  });

  it("a school is its worst figure, with the reasons in words", () => {
    expect(ragFor(base)).toEqual({ state: "green", reasons: [] });
    expect(ragFor({ ...base, coveragePercent: 90, leaversWithKit: 1 })).toEqual({ state: "amber", reasons: ["Declarations signed: amber", "Leavers still holding kit: amber"] });
    expect(ragFor({ ...base, coveragePercent: 90, auditBroken: 1 }).state).toBe("red");
  });
});

describe("sorting the roll-up", () => {
  const row = (name: string, rag: "green" | "amber" | "red", coveragePercent: number | null, incidents: number): RollupRow => ({
    school: { id: name, name, slug: name },
    headline: { coveragePercent, overdueDeclarations: 0, policiesOverdueReview: 0, equipmentOverdue: 0, checksOverdue: 0, leaversWithKit: 0, auditBroken: 0 },
    incidents: shown(incidents),
    rag,
    reasons: [],
  });
  const rows = [row("Birch", "amber", 90, 5), row("Ash", "red", 70, 1), row("Cedar", "green", 99, 12), row("Alder", "green", null, 0)];
  const names = (r: RollupRow[]) => r.map((x) => x.school.name);
  it.each([
    ["school", "asc", ["Alder", "Ash", "Birch", "Cedar"]],
    ["school", "desc", ["Cedar", "Birch", "Ash", "Alder"]],
    ["rag", "desc", ["Ash", "Birch", "Alder", "Cedar"]],
    ["coveragePercent", "asc", ["Alder", "Ash", "Birch", "Cedar"]],
    // Hidden counts ("fewer than 3") sort together as the smallest, then by name: the order gives nothing away.
    ["incidents", "desc", ["Cedar", "Birch", "Alder", "Ash"]],
  ] as const)("by %s, %s", (key, dir, expected) => {
    expect(names(sortRollup(rows, key, dir))).toEqual(expected);
  });
});
