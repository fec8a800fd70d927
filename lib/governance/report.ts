import { STAFF_GROUP_LABELS } from "@/lib/authz/labels";
import { INCIDENT_CATEGORIES } from "@/lib/incidents/categories";
import { formatPence } from "@/lib/equipment/kinds";
import { formatDate, formatDateTime } from "@/lib/dates";
import type { StaffGroup, IncidentCategory, PermissionRequestStatus } from "@/generated/prisma/enums";
import { kindOf } from "@/lib/requests/kinds";
import { STATUS_LABELS } from "@/lib/requests/rules";
import type { Figures } from "./summary";
import type { Period } from "./period";
import { shown, suppressGroup, THRESHOLD, FEWER, type Shown } from "./suppress";
import { ragFor, RAG_LABELS, type Headline, type Rag } from "./thresholds";

// One model of a summary, drawn three ways (page, PDF, CSV), so the three can never say different things
// and nothing reaches any of them that is not a figure: the model is built from counts only, and incident
// counts under 3 are already words here ("fewer than 3").

export type Table = { caption: string; head: string[]; rows: string[][]; numeric: boolean[] };
export type Bar = { label: string; value: number | null; text: string };
export type Chart = { title: string; desc: string; bars: Bar[]; max: number; unit: "percent" | "count" };
export type Block = { table: Table; chart?: Chart };
export type Section = { id: string; title: string; facts: [string, string][]; blocks: Block[]; note?: string };
export type Report = { kind: "school" | "trust"; name: string; period: Period; generatedAt: Date; sections: Section[] };

// The formatters made once: `toLocaleString("en-GB")` and `localeCompare(x, "en-GB")` build their
// formatter anew on every call, which was most of a 50-school roll-up's report time (same output).
const NUMBER = new Intl.NumberFormat("en-GB");
const COLLATOR = new Intl.Collator("en-GB");
const compareText = (a: string, b: string) => COLLATOR.compare(a, b);

/** A date formatter that formats each instant once: a trust's rows repeat the same few dates. */
function memo(format: (d: Date | null) => string): (d: Date | null) => string {
  const seen = new Map<number, string>();
  return (d) => {
    if (!d) return format(d);
    let text = seen.get(d.getTime());
    if (text === undefined) seen.set(d.getTime(), (text = format(d)));
    return text;
  };
}

const pct = (signed: number, total: number) => (total === 0 ? null : Math.floor((signed / total) * 1000) / 10);
const pctText = (p: number | null) => (p === null ? "nobody has to sign" : `${NUMBER.format(p)}%`);
const sum = <T>(rows: readonly T[], f: (r: T) => number) => rows.reduce((n, r) => n + f(r), 0);

type Counts = { signed: number; outstanding: number; overdue: number; total: number };

function declarationTotals(rows: Figures["declarations"]) {
  // One pass: a trust's rows are schools × policies × staff groups (1,600 for 50 schools).
  const c: Counts = { signed: 0, outstanding: 0, overdue: 0, total: 0 };
  let starters = 0;
  let startersSignedByDue = 0;
  for (const r of rows) {
    c.signed += r.signed;
    c.outstanding += r.outstanding;
    c.overdue += r.overdue;
    c.total += r.total;
    starters += r.starters;
    startersSignedByDue += r.startersSignedByDue;
  }
  return { ...c, percent: pct(c.signed, c.total), starters, startersSignedByDue };
}

type Tally = Counts & { policyId: string; title: string; staffGroup: StaffGroup };
type Tallied = Counts & Pick<Tally, "policyId" | "title" | "staffGroup">;

/** Adds up the section's rows by a key (a trust policy is one row across its schools, not one per school). */
function tally(rows: readonly Tallied[], key: (r: Tallied) => string): Tally[] {
  const out = new Map<string, Tally>();
  for (const r of rows) {
    const k = key(r);
    let c = out.get(k);
    if (!c) out.set(k, (c = { policyId: r.policyId, title: r.title, staffGroup: r.staffGroup, signed: 0, outstanding: 0, overdue: 0, total: 0 }));
    c.signed += r.signed;
    c.outstanding += r.outstanding;
    c.overdue += r.overdue;
    c.total += r.total;
  }
  return [...out.values()];
}

const byTitle = (a: Tally, b: Tally) => compareText(a.title, b.title);
const byGroup = (a: Tally, b: Tally) => compareText(STAFF_GROUP_LABELS[a.staffGroup], STAFF_GROUP_LABELS[b.staffGroup]);

function declarationsSection(f: Figures): Section {
  const t = declarationTotals(f.declarations);
  // The schools' rows are added up once, by policy and group; the two coarser tallies add up those few
  // (same first-seen order, so the same order after the sort).
  const pairs = tally(f.declarations, (r) => `${r.policyId}|${r.staffGroup}`);
  const policies = tally(pairs, (r) => r.policyId).sort(byTitle);
  const groups = tally(pairs, (r) => r.staffGroup).sort(byGroup);
  const both = [...pairs].sort((a, b) => byTitle(a, b) || byGroup(a, b));
  const head = ["Signed", "Outstanding", "Overdue", "Must sign", "Signed (%)"];
  const cells = (c: Counts) => [String(c.signed), String(c.outstanding), String(c.overdue), String(c.total), pctText(pct(c.signed, c.total))];
  return {
    id: "declarations",
    title: "Policy declarations",
   
    facts: [
      ["Signed, of everyone who must sign the current versions", `${pctText(t.percent)} (${t.signed} of ${t.total})`],
      ["Overdue", String(t.overdue)],
      ["Still within their due days", String(t.outstanding)],
      // One per starter and induction policy: a starter owing two induction policies counts twice.
      ["Induction declarations of staff who joined in the period", `${t.starters} owed; ${t.startersSignedByDue} signed by their due date`],
    ],
    blocks: [
      {
        table: { caption: "Declarations by policy", head: ["Policy", ...head], rows: policies.map((p) => [p.title, ...cells(p)]), numeric: [false, true, true, true, true, true] },
        chart: {
          title: "Declarations signed, by policy",
          desc: `Percentage of the people who must sign each policy's current version who have signed it. ${policies.map((p) => `${p.title}: ${pctText(pct(p.signed, p.total))}`).join("; ")}.`,
          unit: "percent",
          max: 100,
          bars: policies.map((p) => ({ label: p.title, value: pct(p.signed, p.total), text: pctText(pct(p.signed, p.total)) })),
        },
      },
      { table: { caption: "Declarations by staff group (every policy)", head: ["Staff group", ...head], rows: groups.map((g) => [STAFF_GROUP_LABELS[g.staffGroup], ...cells(g)]), numeric: [false, true, true, true, true, true] } },
      { table: { caption: "Declarations by policy and staff group", head: ["Policy", "Staff group", ...head], rows: both.map((r) => [r.title, STAFF_GROUP_LABELS[r.staffGroup], ...cells(r)]), numeric: [false, false, true, true, true, true, true] } },
    ],
  };
}

const REVIEW_LABEL = { overdue: "Review overdue", due: "Review due soon", ok: "In date", none: "No review date" } as const;

function policiesSection(f: Figures, schoolName: (id: string) => string, trust: boolean): Section {
  const rows = f.policies;
  // A trust's policy rows repeat the same few dates once per school.
  const date = memo((d: Date | null) => formatDate(d));
  return {
    id: "policies",
    title: "Policies and their reviews",
   
    facts: [
      ["Review overdue", String(rows.filter((r) => r.review === "overdue").length)],
      ["Review due within 60 days", String(rows.filter((r) => r.review === "due").length)],
    ],
    blocks: [
      {
        table: {
          caption: "Policies in force",
          head: [...(trust ? ["School"] : []), "Policy", "Whose", "Approved by", "Approved on", "Review due", "Review"],
          rows: rows.map((r) => [
            ...(trust ? [schoolName(r.schoolId)] : []),
            r.title, r.scope === "organisation" ? "Trust-wide" : "School", r.approvedBy ?? "Not recorded", date(r.approvedOn) || "Not recorded",
            date(r.reviewDue) || "None", REVIEW_LABEL[r.review],
          ]),
          numeric: [],
        },
      },
    ],
  };
}

/** Months of the period, "YYYY-MM", so a month with no reports still shows (as "fewer than 3"). */
function monthsOf(p: Period): string[] {
  const out: string[] = [];
  const d = new Date(Date.UTC(p.from.getUTCFullYear(), p.from.getUTCMonth(), 1));
  while (d < p.to && out.length < 72) {
    out.push(d.toISOString().slice(0, 7));
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}
const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const monthLabel = (m: string) => MONTH.format(new Date(`${m}-01T00:00:00Z`));

/** The incidents of all the schools in `f` (the null-school row), counts hidden below 3. */
export function incidentFigures(f: Figures) {
  const t = f.incidents.totals.find((r) => r.schoolId === null) ?? { reports: 0, open: 0, closed: 0, medianDaysToClose: null, breaches: 0, breachesDecidedWithin72h: 0 };
  const all = f.incidents.months.filter((r) => r.schoolId === null);
  const reports = shown(t.reports);
  const totalShown = reports.value !== null;
  const months = monthsOf(f.period);
  const monthCounts = suppressGroup(months.map((m) => sum(all.filter((r) => r.month === m), (r) => r.count)), totalShown);
  const categories = [...new Set(all.map((r) => r.category))].sort((a, b) => compareText(INCIDENT_CATEGORIES[a].label, INCIDENT_CATEGORIES[b].label));
  const categoryCounts = suppressGroup(categories.map((c) => sum(all.filter((r) => r.category === c), (r) => r.count)), totalShown);
  const [open, closed] = suppressGroup([t.open, t.closed], totalShown);
  const breaches = shown(t.breaches);
  const [within, notWithin] = suppressGroup([t.breachesDecidedWithin72h, t.breaches - t.breachesDecidedWithin72h], breaches.value !== null);
  // A median of one or two closed cases would be those cases' own durations.
  const median = t.closed >= THRESHOLD && t.medianDaysToClose !== null ? `${NUMBER.format(Math.round(t.medianDaysToClose * 10) / 10)} days` : `not shown (${FEWER} closed)`;
  return { reports, months: months.map((m, i) => ({ month: m, count: monthCounts[i] })), categories: categories.map((c: IncidentCategory, i) => ({ category: c, count: categoryCounts[i] })), open, closed, median, breaches, within, notWithin };
}

function incidentsSection(f: Figures): Section {
  const i = incidentFigures(f);
  const bars = (xs: { label: string; count: Shown }[]) => xs.map((x) => ({ label: x.label, value: x.count.value, text: x.count.text }));
  const monthBars = bars(i.months.map((m) => ({ label: monthLabel(m.month), count: m.count })));
  return {
    id: "incidents",
    title: "Incidents and concerns",
   
    note: `Counts only: no names, descriptions or outcomes. Any count under ${THRESHOLD} is shown as "${FEWER}". Reports about you are not counted.`,
    facts: [
      ["Reports in the period", i.reports.text],
      ["Open", i.open.text],
      ["Closed", i.closed.text],
      ["Median time to close", i.median],
      ["Data breaches", i.breaches.text],
      ["Breaches decided within 72 hours", i.within.text],
      ["Breaches not decided within 72 hours", i.notWithin.text],
    ],
    blocks: [
      {
        table: { caption: "Reports by month", head: ["Month", "Reports"], rows: monthBars.map((b) => [b.label, b.text]), numeric: [false, true] },
        chart: {
          title: "Reports by month",
          desc: `Incident reports made each month of the period. ${monthBars.map((b) => `${b.label}: ${b.text}`).join("; ")}.`,
          unit: "count",
          max: Math.max(THRESHOLD, ...monthBars.map((b) => b.value ?? 0)),
          bars: monthBars,
        },
      },
      { table: { caption: "Reports by category", head: ["Category", "Reports"], rows: i.categories.map((c) => [INCIDENT_CATEGORIES[c.category].label, c.count.text]), numeric: [false, true] } },
    ],
  };
}

function equipmentTotals(rows: Figures["equipment"]) {
  const keys = ["onLoan", "awaitingSignature", "overdue", "lost", "stolen", "chargedPence", "owedCount", "owedPence", "leaversWithKit", "checksOverdue"] as const;
  return Object.fromEntries(keys.map((k) => [k, sum(rows, (r) => r[k])])) as Record<(typeof keys)[number], number>;
}

function equipmentSection(f: Figures): Section {
  const e = equipmentTotals(f.equipment);
  const status: [string, number][] = [
    ["On loan", e.onLoan],
    ["Awaiting the borrower's signature", e.awaitingSignature],
    ["Overdue back", e.overdue],
    ["Lost in the period", e.lost],
    ["Stolen in the period", e.stolen],
  ];
  return {
    id: "equipment",
    title: "Equipment on loan",
   
    facts: [
      ...status.map(([k, v]): [string, string] => [k, String(v)]),
      ["Charges raised in the period", formatPence(e.chargedPence)],
      ["Charges still owed", `${e.owedCount} (${formatPence(e.owedPence)})`],
      ["Checks overdue", String(e.checksOverdue)],
      ["Leavers still holding kit", String(e.leaversWithKit)],
    ],
    blocks: [
      {
        table: { caption: "Equipment status", head: ["Status", "Items"], rows: status.map(([k, v]) => [k, String(v)]), numeric: [false, true] },
        chart: {
          title: "Equipment status",
          desc: `Items of equipment by status. ${status.map(([k, v]) => `${k}: ${v}`).join("; ")}.`,
          unit: "count",
          max: Math.max(1, ...status.map(([, v]) => v)),
          bars: status.map(([k, v]) => ({ label: k, value: v, text: String(v) })),
        },
      },
    ],
  };
}

function auditState(r: Figures["audit"][number] | undefined, when: (d: Date | null) => string = formatDateTime): { intact: boolean; text: string } {
  if (!r || r.lastSeq === 0) return { intact: true, text: "No events recorded yet." };
  if (r.brokenSeq !== null) return { intact: false, text: `Altered: event ${r.brokenSeq} no longer matches the chain. Tell the DPO.` };
  if (r.checkpointSeq === 0) return { intact: true, text: `Not checked yet: ${r.lastSeq} events await the nightly check.` };
  const newer = r.lastSeq - r.checkpointSeq;
  return {
    intact: true,
    text: `Intact: events 1 to ${r.checkpointSeq} verified ${when(r.verifiedAt)}${newer > 0 ? `; ${newer} newer event${newer === 1 ? "" : "s"} await the next check` : ""}.`,
  };
}

function auditSection(f: Figures, schoolName: (id: string) => string, trust: boolean): Section {
  const audit = new Map(f.audit.map((r) => [r.schoolId, r]));
  const when = memo((d: Date | null) => formatDateTime(d));
  const states = f.schools.map((s) => ({ s, st: auditState(audit.get(s.id), when) }));
  return {
    id: "audit",
    title: "Audit log",
   
    facts: trust
      ? [["Schools whose audit log is intact", `${states.filter((x) => x.st.intact).length} of ${states.length}`]]
      : [["The audit log's hash chain", states[0]?.st.text ?? "No events recorded yet."]],
    blocks: trust ? [{ table: { caption: "Audit log by school", head: ["School", "State"], rows: states.map((x) => [schoolName(x.s.id), x.st.text]), numeric: [] } }] : [],
  };
}

function laterSections(f: Figures, schoolName: (id: string) => string): Section[] {
  const requests = f.requests;
  const filtering = f.filtering;
  const monitoring = f.monitoring;
  return [
    {
      id: "requests", title: "Permission requests", facts: [],
      blocks: [{ table: { caption: "Permission requests by kind and decision", head: ["Kind", "Decision", "Requests"], rows: requests.map((r) => [kindOf(r.kind)?.label ?? r.kind, STATUS_LABELS[r.status as PermissionRequestStatus] ?? r.status, String(r.count)]), numeric: [false, false, true] } }],
    },
    {
      id: "filtering", title: "Filtering changes and reviews", blocks: [],
      facts: [["Changes", String(sum(filtering, (r) => r.changes))], ["Awaiting confirmation", String(sum(filtering, (r) => r.awaitingConfirmation))], ["Reviews due", String(sum(filtering, (r) => r.reviewsDue))], ["Reviews overdue", String(sum(filtering, (r) => r.reviewsOverdue))]],
    },
    {
      id: "monitoring", title: "Monitoring authorisations", blocks: [],
      facts: [["Authorisations in the period", shown(sum(monitoring, (r) => r.authorisations)).text]],
    },
    {
      id: "annual-review", title: "Annual filtering and monitoring review", blocks: [],
      facts: filtering.map((r): [string, string] => [`Last review${f.schools.length > 1 ? ` (${schoolName(r.schoolId)})` : ""}`, `${formatDate(r.lastAnnualReview) || "None recorded"}; next due ${formatDate(r.nextAnnualReviewDue) || "now"}`]),
    },
  ];
}

/** Each school's name by id, looked up once: not a search of the list per row (rows grow with the schools too). */
function namesOf(f: Figures): (id: string) => string {
  const names = new Map(f.schools.map((s) => [s.id, s.name]));
  return (id) => names.get(id) ?? "";
}

export function schoolReport(f: Figures): Report {
  const name = namesOf(f);
  return {
    kind: "school",
    name: f.schools[0].name,
    period: f.period,
    generatedAt: f.generatedAt,
    sections: [declarationsSection(f), policiesSection(f, name, false), incidentsSection(f), equipmentSection(f), ...laterSections(f, name), auditSection(f, name, false)],
  };
}

// ---------- The trust roll-up ----------

export type RollupRow = { school: { id: string; name: string; slug: string }; headline: Headline; incidents: Shown; rag: Rag; reasons: string[] };

/** Rows by school, once: a roll-up looking each school's rows up in all of them grew as schools × rows. */
function bySchool<R extends { schoolId: string | null }>(rows: readonly R[]): (schoolId: string) => R[] {
  const out = new Map<string | null, R[]>();
  for (const r of rows) {
    const list = out.get(r.schoolId);
    if (list) list.push(r);
    else out.set(r.schoolId, [r]);
  }
  return (schoolId) => out.get(schoolId) ?? [];
}

export function rollupRows(f: Figures): RollupRow[] {
  const [declarations, equipment, policies, incidents, audit] = [bySchool(f.declarations), bySchool(f.equipment), bySchool(f.policies), bySchool(f.incidents.totals), bySchool(f.audit)];
  return f.schools.map((s) => {
    const d = declarationTotals(declarations(s.id));
    const e = equipmentTotals(equipment(s.id));
    const headline: Headline = {
      coveragePercent: d.percent,
      overdueDeclarations: d.overdue,
      policiesOverdueReview: policies(s.id).filter((p) => p.review === "overdue").length,
      equipmentOverdue: e.overdue,
      checksOverdue: e.checksOverdue,
      leaversWithKit: e.leaversWithKit,
      // Only whether it is intact: the text (and its date formatting, 50 times over) is not needed here.
      auditBroken: auditState(audit(s.id)[0], () => "").intact ? 0 : 1,
    };
    const { state, reasons } = ragFor(headline);
    return { school: s, headline, incidents: shown(incidents(s.id)[0]?.reports ?? 0), rag: state, reasons };
  });
}

export function rollupTotal(f: Figures, rows: RollupRow[]): Omit<RollupRow, "school" | "rag" | "reasons"> {
  const d = declarationTotals(f.declarations);
  return {
    headline: {
      coveragePercent: d.percent,
      overdueDeclarations: d.overdue,
      policiesOverdueReview: sum(rows, (r) => r.headline.policiesOverdueReview),
      equipmentOverdue: sum(rows, (r) => r.headline.equipmentOverdue),
      checksOverdue: sum(rows, (r) => r.headline.checksOverdue),
      leaversWithKit: sum(rows, (r) => r.headline.leaversWithKit),
      auditBroken: sum(rows, (r) => r.headline.auditBroken),
    },
    incidents: shown(f.incidents.totals.find((t) => t.schoolId === null)?.reports ?? 0),
  };
}

export const ROLLUP_COLUMNS = [
  { key: "school", header: "School" },
  { key: "rag", header: "State" },
  { key: "coveragePercent", header: "Declarations signed (%)" },
  { key: "overdueDeclarations", header: "Declarations overdue" },
  { key: "policiesOverdueReview", header: "Policies past review" },
  { key: "incidents", header: "Incident reports" },
  { key: "equipmentOverdue", header: "Equipment overdue" },
  { key: "checksOverdue", header: "Checks overdue" },
  { key: "leaversWithKit", header: "Leavers with kit" },
  { key: "auditBroken", header: "Audit log" },
] as const;
export type RollupKey = (typeof ROLLUP_COLUMNS)[number]["key"];

const RAG_ORDER: Record<Rag, number> = { green: 0, amber: 1, red: 2 };

/** A roll-up row as text, in ROLLUP_COLUMNS order; the total row has no colour and counts altered logs. */
export function rollupCells(r: Omit<RollupRow, "school" | "rag" | "reasons"> & { rag?: Rag; reasons?: string[] }, schoolLabel: string): string[] {
  const h = r.headline;
  const audit = !h.auditBroken ? "Intact" : r.rag ? "Altered" : `${h.auditBroken} altered`;
  return [
    schoolLabel,
    r.rag ? `${RAG_LABELS[r.rag]}${r.reasons?.length ? ` (${r.reasons.join("; ")})` : ""}` : "",
    pctText(h.coveragePercent), String(h.overdueDeclarations), String(h.policiesOverdueReview), r.incidents.text,
    String(h.equipmentOverdue), String(h.checksOverdue), String(h.leaversWithKit), audit,
  ];
}

/** Sorts the roll-up by a column; hidden incident counts sort as the smallest. */
export function sortRollup(rows: RollupRow[], key: RollupKey, dir: "asc" | "desc"): RollupRow[] {
  const v = (r: RollupRow): number | string => {
    if (key === "school") return r.school.name;
    if (key === "rag") return RAG_ORDER[r.rag];
    if (key === "incidents") return r.incidents.value ?? 0;
    return r.headline[key] ?? -1;
  };
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = v(a);
    const y = v(b);
    const c = typeof x === "string" ? compareText(x, y as string) : x - (y as number);
    return sign * c || compareText(a.school.name, b.school.name);
  });
}

export function trustReport(organisation: string, f: Figures): Report & { rollup: RollupRow[]; total: ReturnType<typeof rollupTotal> } {
  const name = namesOf(f);
  const rollup = rollupRows(f);
  const total = rollupTotal(f, rollup);
  const table: Table = {
    caption: "Schools at a glance",
    head: ROLLUP_COLUMNS.map((c) => c.header),
    rows: [...rollup.map((r) => rollupCells(r, r.school.name)), rollupCells(total, "Trust total")],
    numeric: ROLLUP_COLUMNS.map((c) => c.key !== "school" && c.key !== "rag"),
  };
  return {
    kind: "trust",
    name: organisation,
    period: f.period,
    generatedAt: f.generatedAt,
    rollup,
    total,
    sections: [
      { id: "rollup", title: "Schools at a glance", facts: [], blocks: [{ table }], note: "Red, amber and green against the trust's thresholds (declarations signed, overdue, policy reviews, equipment, the audit log)." },
      declarationsSection(f), incidentsSection(f), equipmentSection(f), policiesSection(f, name, true), ...laterSections(f, name), auditSection(f, name, true),
    ],
  };
}
