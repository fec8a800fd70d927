import { describe, it, expect, beforeAll } from "vitest";
import { db } from "../support/owner-db";
import type { IncidentCategory } from "@/generated/prisma/enums";
import * as queries from "@/lib/incidents/queries";
import { inScopeOf } from "../support/school-scope";
import { runInScope } from "@/lib/db/context";
import { db as appDb } from "@/lib/db";
import { incidentCountsInScope } from "@/lib/governance/sections/incidents";
import { londonDateString } from "@/lib/dates";
import { incidentWorld, ctxOf, report, mailedAbout, EVERYONE_IN_A, type IncidentWorld, type Who } from "./incident-world";

// The pages' queries, in the scope requireMember gives them.
const [listIncidents, getIncident, urgentForViewer, breachRegister, isIncidentHandler, listMyReports] = [
  inScopeOf(queries.listIncidents), inScopeOf(queries.getIncident), inScopeOf(queries.urgentForViewer), inScopeOf(queries.breachRegister),
  inScopeOf(queries.isIncidentHandler), inScopeOf(queries.listMyReports),
] as const;
// The governors' figures as the governance summary reads them: as ict_web, in one transaction in the school's
// scope with the reader set (decision 0029).
const openCountFor = async (schoolId: string, readerId: string, from: Date, to: Date) => {
  const counts = await runInScope({ schoolId, personId: readerId }, () => appDb.$transaction((tx) => incidentCountsInScope(tx, [schoolId], from, to)));
  return counts.get(schoolId)?.totals?.open ?? 0;
};

// Acceptance points 3, 4 and 10: each category reaches exactly its handlers, and a subject never sees,
// is listed, counted, filtered to, opened by URL, bannered or emailed about a report that concerns them.

async function sees(w: IncidentWorld, who: Who, incidentId: string) {
  const ctx = await ctxOf(w.people[who], w.a.slug);
  const [list, view, urgent] = await Promise.all([listIncidents(ctx, {}), getIncident(ctx, incidentId), urgentForViewer(ctx)]);
  return {
    listed: list.rows.some((r) => r.id === incidentId),
    counted: list.counts.total,
    view: view?.view ?? null,
    urgent: urgent.some((u) => u.id === incidentId),
  };
}

const EXPECTED: Record<IncidentCategory, Who[]> = {
  ACCIDENTAL_ACCESS: ["head", "dsl"],
  INAPPROPRIATE_MESSAGE: ["head", "ict"],
  CYBERBULLYING: ["head", "dsl"],
  COLLEAGUE_MISUSE: ["head", "dsl"],
  ALLEGATION_AGAINST_STAFF: ["dsl", "head"],
  CONCERN_ABOUT_HEAD: ["chair"],
  SAFEGUARDING: ["dsl", "ddsl"],
  ONLINE_SAFETY_PUPIL: ["dsl", "ddsl"],
  DATA_BREACH: ["dpo", "head", "trustDpo"],
  ACCOUNT_COMPROMISE: ["head", "bm", "ict"],
  SECURITY_CONCERN: ["ict", "head"],
  FILTER_BYPASS: ["dsl", "ddsl", "ict"],
  POLICE_INDECENT_IMAGES: ["dsl", "ddsl", "head"],
  POLICE_GROOMING: ["dsl", "ddsl", "head"],
  POLICE_OBSCENE_TO_CHILD: ["dsl", "ddsl", "head"],
};
const URGENT = new Set<IncidentCategory>(["ALLEGATION_AGAINST_STAFF", "CONCERN_ABOUT_HEAD", "POLICE_INDECENT_IMAGES", "POLICE_GROOMING", "POLICE_OBSCENE_TO_CHILD"]);

describe("each category reaches exactly its handlers", () => {
  let w: IncidentWorld;
  const ids = {} as Record<IncidentCategory, string>;
  beforeAll(async () => {
    w = await incidentWorld();
    for (const category of Object.keys(EXPECTED) as IncidentCategory[]) ids[category] = await report(w.people.teacher, w.a.slug, category);
  });

  it.each(Object.entries(EXPECTED))("%s: listed, opened, bannered and emailed for exactly its handlers", async (category, handlers) => {
    const id = ids[category as IncidentCategory];
    for (const who of EVERYONE_IN_A(w)) {
      const s = await sees(w, who, id);
      const handles = handlers.includes(who);
      expect({ who, listed: s.listed, urgent: s.urgent }).toEqual({ who, listed: handles, urgent: handles && URGENT.has(category as IncidentCategory) });
      expect({ who, view: s.view }).toEqual({ who, view: handles ? "handler" : who === "teacher" ? "reporter" : null });
    }
    const emails = handlers.map((h) => w.people[h].email).sort();
    expect(await mailedAbout(id)).toEqual(emails);
  });

  it("counts each person's register as the reports they handle, and nothing for the reporter", async () => {
    for (const who of EVERYONE_IN_A(w)) {
      const expected = Object.values(EXPECTED).filter((h) => h.includes(who)).length;
      const ctx = await ctxOf(w.people[who], w.a.slug);
      expect({ who, total: (await listIncidents(ctx)).counts.total }).toEqual({ who, total: expected });
    }
    const reporter = await ctxOf(w.people.teacher, w.a.slug);
    expect(await isIncidentHandler(reporter)).toBe(false);
    expect((await listMyReports(reporter)).map((r) => r.id).sort()).toEqual(Object.values(ids).sort());
  });

  it("shows nothing of school A in another school, even to that school's Head and DSL", async () => {
    for (const p of [w.headB, w.dslB]) {
      const ctx = await ctxOf(p, w.b.slug);
      expect((await listIncidents(ctx)).counts.total).toBe(0);
      for (const id of Object.values(ids)) expect(await getIncident(ctx, id)).toBeNull();
    }
    // The Head of a sibling school in the same trust sees nothing of A either.
    const a2 = await ctxOf(w.headA2, w.a2.slug);
    expect((await listIncidents(a2)).counts.total).toBe(0);
    expect(await getIncident(a2, ids.SECURITY_CONCERN)).toBeNull();
  });
});

type Exclusion = { name: string; category: IncidentCategory; subjects: Who[]; handlers: Who[]; setup?: (w: IncidentWorld) => Promise<void> };
const EXCLUSIONS: Exclusion[] = [
  { name: "the subject is the Head: the Chair of Governors receives it", category: "COLLEAGUE_MISUSE", subjects: ["head"], handlers: ["chair", "dsl"] },
  { name: "a concern about the Head, the Head not even named", category: "CONCERN_ABOUT_HEAD", subjects: [], handlers: ["chair"] },
  { name: "the subject is the DSL: the Head and the deputy DSL receive it", category: "ALLEGATION_AGAINST_STAFF", subjects: ["dsl"], handlers: ["head", "ddsl"] },
  { name: "the subjects are the Head and the DSL", category: "SAFEGUARDING", subjects: ["head", "dsl"], handlers: ["chair", "ddsl"] },
  { name: "the subject holds the handler role (ICT lead)", category: "ACCOUNT_COMPROMISE", subjects: ["ict"], handlers: ["head", "bm"] },
  { name: "a breach caused by the Head", category: "DATA_BREACH", subjects: ["head"], handlers: ["chair", "dpo", "trustDpo"] },
  { name: "a breach caused by the DPO", category: "DATA_BREACH", subjects: ["dpo"], handlers: ["head", "trustDpo"] },
  { name: "the Chair is the subject of a concern about the Head: the trust receives it", category: "CONCERN_ABOUT_HEAD", subjects: ["chair"], handlers: ["ceo", "trustAdmin"] },
  {
    name: "the Head who is also the DSL",
    category: "POLICE_GROOMING",
    subjects: ["head"],
    handlers: ["chair", "dsl", "ddsl"],
    setup: async (w) => {
      await db.membership.updateMany({ where: { personId: w.people.head.id, schoolId: w.a.id }, data: { roles: ["HEADTEACHER", "DSL"] } });
    },
  },
];

describe("subjects are excluded everywhere", () => {
  it.each(EXCLUSIONS)("$name", async (c) => {
    const w = await incidentWorld();
    await c.setup?.(w);
    const id = await report(w.people.teacher, w.a.slug, c.category, { subjectIds: c.subjects.map((s) => w.people[s].id) });
    const today = londonDateString(new Date());
    const implied: Who[] = c.category === "CONCERN_ABOUT_HEAD" ? ["head"] : [];
    for (const who of EVERYONE_IN_A(w)) {
      const s = await sees(w, who, id);
      const handles = c.handlers.includes(who);
      expect({ who, listed: s.listed, counted: s.counted, view: s.view }).toEqual({
        who, listed: handles, counted: handles ? 1 : 0, view: handles ? "handler" : who === "teacher" ? "reporter" : null,
      });
    }
    for (const subject of [...c.subjects, ...implied]) {
      const ctx = await ctxOf(w.people[subject], w.a.slug);
      // Filtered ("searched") to exactly this report's category, status and day: still nothing.
      for (const filters of [{ category: c.category }, { status: "NEW" as const }, { status: "OPEN" as const }, { from: today, to: today }]) {
        const list = await listIncidents(ctx, filters);
        expect(list.rows.map((r) => r.id)).not.toContain(id);
        expect(list.counts.byCategory[c.category] ?? 0).toBe(0);
      }
      expect(await urgentForViewer(ctx)).toEqual([]);
      expect(await breachRegister(ctx)).toEqual([]);
      expect(await isIncidentHandler(ctx)).toBe(subject !== "teacher" && ["head", "dsl", "ict", "dpo", "chair"].includes(subject));
      // The governors' summary never counts a report about the person asking.
      expect(await openCountFor(w.a.id, w.people[subject].id, new Date(Date.now() - 86_400_000), new Date(Date.now() + 60_000))).toBe(0);
    }
    expect(await openCountFor(w.a.id, w.people.teacher2.id, new Date(Date.now() - 86_400_000), new Date(Date.now() + 60_000))).toBe(1);
    expect(await mailedAbout(id)).toEqual(c.handlers.map((h) => w.people[h].email).sort());
    const subjectRows = await db.incidentSubject.findMany({ where: { incidentId: id }, select: { personId: true } });
    expect(subjectRows.map((s) => s.personId).sort()).toEqual([...c.subjects, ...implied].map((s) => w.people[s].id).sort());
  });

  it("a breach about the Head is in the DPO's breach register and not in the Head's", async () => {
    const w = await incidentWorld();
    const id = await report(w.people.teacher, w.a.slug, "DATA_BREACH", { subjectIds: [w.people.head.id] });
    expect((await breachRegister(await ctxOf(w.people.dpo, w.a.slug))).map((r) => r.id)).toEqual([id]);
    expect(await breachRegister(await ctxOf(w.people.head, w.a.slug))).toEqual([]);
  });
});
