import { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach, vi } from "vitest";
import pg from "pg";
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import { db } from "../support/owner-db";
import { record } from "@/lib/audit/record";
import { searchAuditEvents } from "@/lib/audit/queries";
import { parseAuditQuery, londonDayStart } from "@/lib/audit/schemas";
import { GET as exportCsv } from "@/app/s/[school]/audit/export.csv/route";
import AuditPage from "@/app/s/[school]/audit/page";
import { makeOrganisation, makeSchool, makeMember, makeOrgRole } from "../support/fixtures";
import { signInAs, signOut } from "../support/session";
import { runInScope } from "@/lib/db/context";
import { pageRequest } from "../support/page-request";

// The page keeps its school's scope in React's per-request cache, as under Next (tests/support/page-request.ts).
vi.mock("react", async (original) => ({
  ...(await original<typeof import("react")>()),
  cache: (await import("../support/page-request")).cachePerRequest,
}));

// Issue 11 point 3: the audit log filtered and paged in the database, its CSV, and who may see them.

let raw: pg.Client;
beforeAll(async () => {
  raw = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL });
  await raw.connect();
});
afterAll(async () => {
  await raw.end();
});

/** Inserts events with chosen times straight into the chain (record() always stamps "now"). */
async function at(schoolId: string, organisationId: string, when: string, input: { actorId?: string; action: string; entityType?: string; entityId?: string; data?: Record<string, unknown> }) {
  vi.setSystemTime(new Date(when));
  try {
    return await db.$transaction((tx) => record(tx, { schoolId, organisationId, ...input }));
  } finally {
    vi.useRealTimers();
  }
}

async function world() {
  const org = await makeOrganisation();
  const school = await makeSchool(org.id);
  const other = await makeSchool(org.id);
  const head = await makeMember(school.id, { roles: ["HEADTEACHER"], name: "Helen Marsh" });
  const teacher = await makeMember(school.id, { roles: ["STAFF"], name: "Laura Pemberton" });
  const dsl = await makeMember(school.id, { roles: ["DSL"], name: "Dina Safeguard" });
  const formula = await makeMember(school.id, { roles: ["STAFF"], name: '=HYPERLINK("http://evil.example","Click")' });
  const otherHead = await makeMember(other.id, { roles: ["HEADTEACHER"], name: "Oscar Other" });
  const trustAdmin = await makeOrgRole(org.id, "TRUST_ADMIN");
  const s = { id: school.id, organisationId: org.id };
  // Winter (GMT) and summer (BST) days, to test the London day boundaries.
  await at(school.id, org.id, "2026-01-10T09:00:00Z", { actorId: head.person.id, action: "person.added", entityType: "Person", entityId: teacher.person.id });
  await at(school.id, org.id, "2026-01-10T23:59:00Z", { actorId: head.person.id, action: "person.roles_changed", entityType: "Person", entityId: dsl.person.id });
  await at(school.id, org.id, "2026-06-30T23:30:00Z", { actorId: teacher.person.id, action: "declaration.signed", entityType: "Declaration", entityId: "d1" }); // 1 July in London
  await at(school.id, org.id, "2026-07-01T22:59:00Z", { actorId: formula.person.id, action: "declaration.signed", entityType: "Declaration", entityId: "d2", data: { typedName: "=1+2", note: "@SUM(A1)" } });
  await at(school.id, org.id, "2026-07-01T23:00:00Z", { actorId: head.person.id, action: "policy.reminder_sent", entityType: "PolicyReminder", entityId: "r1" }); // 2 July in London
  await at(other.id, org.id, "2026-07-01T12:00:00Z", { actorId: otherHead.person.id, action: "declaration.signed", entityType: "Declaration", entityId: "other-d" });
  return { org, school, other, head, teacher, dsl, formula, otherHead, trustAdmin, s };
}
type World = Awaited<ReturnType<typeof world>>;
let w: World;
beforeEach(async () => {
  w = await world();
});

const search = (params: Record<string, string>) => {
  const q = parseAuditQuery(params);
  expect(q.errors).toEqual({});
  // The audit page's query, in the scope requireMember gives it (the Head reading their school's log).
  return runInScope({ schoolId: w.s.id, personId: w.head.person.id }, () => searchAuditEvents(w.s, q.filters, q.cursor));
};
const ids = (p: Awaited<ReturnType<typeof search>>) => p.events.map((e) => e.entityId);

describe("searchAuditEvents", () => {
  it("lists only this school's events, newest first", async () => {
    expect(ids(await search({}))).toEqual(["r1", "d2", "d1", w.dsl.person.id, w.teacher.person.id]);
  });

  it("filters by action", async () => {
    expect(ids(await search({ action: "declaration.signed" }))).toEqual(["d2", "d1"]);
    expect(ids(await search({ action: "person.suspended" }))).toEqual([]);
  });

  it("filters by person: what they did and what was done to them, by part of a name or email", async () => {
    expect(ids(await search({ person: "pemberton" }))).toEqual(["d1", w.teacher.person.id]);
    expect(ids(await search({ person: w.dsl.person.email.slice(0, 12) }))).toEqual([w.dsl.person.id]);
    // Someone in another school of the trust is not found from this one, even by exact email.
    expect(ids(await search({ person: w.otherHead.person.email }))).toEqual([]);
    // LIKE wildcards are taken literally.
    expect(ids(await search({ person: "%" }))).toEqual([]);
  });

  it("filters by London calendar days, inclusive, across GMT and BST", async () => {
    expect(ids(await search({ from: "2026-01-10", to: "2026-01-10" }))).toEqual([w.dsl.person.id, w.teacher.person.id]);
    // 23:30 UTC on 30 June is 00:30 on 1 July in London; 23:00 UTC on 1 July is 2 July.
    expect(ids(await search({ from: "2026-07-01", to: "2026-07-01" }))).toEqual(["d2", "d1"]);
    expect(ids(await search({ from: "2026-07-02" }))).toEqual(["r1"]);
    expect(ids(await search({ to: "2026-06-30" }))).toEqual([w.dsl.person.id, w.teacher.person.id]);
    expect(londonDayStart("2026-07-01").toISOString()).toBe("2026-06-30T23:00:00.000Z");
    expect(londonDayStart("2026-01-10").toISOString()).toBe("2026-01-10T00:00:00.000Z");
  });

  it("combines filters", async () => {
    expect(ids(await search({ action: "declaration.signed", person: "HYPERLINK", from: "2026-07-01" }))).toEqual(["d2"]);
  });

  it("reports bad filter values next to their fields and ignores only those", () => {
    expect(parseAuditQuery({ from: "2026-02-30", to: "yesterday", action: "DROP TABLE", person: "x".repeat(121) }).errors).toEqual({
      from: expect.stringMatching(/real date/),
      to: expect.stringMatching(/real date/),
      action: expect.stringMatching(/from the list/),
      person: expect.stringMatching(/120/),
    });
    expect(parseAuditQuery({ from: "2026-03-02", to: "2026-03-01" })).toMatchObject({ filters: { from: "2026-03-02" }, errors: { to: expect.stringMatching(/on or after/) } });
    expect(parseAuditQuery({ before: "12abc", after: "-1" }).cursor).toEqual({});
  });

  it("pages 50 at a time with cursors both ways, every event exactly once", async () => {
    const school = await makeSchool();
    const s = { id: school.id, organisationId: school.organisationId };
    for (let i = 0; i < 120; i++)
      await db.$transaction((tx) => record(tx, { schoolId: school.id, action: i % 2 ? "test.odd" : "test.even", entityId: `e${i}` }));
    const page = (params: Record<string, string>) =>
      runInScope({ schoolId: s.id }, () => searchAuditEvents(s, parseAuditQuery(params).filters, parseAuditQuery(params).cursor));

    const p1 = await page({});
    expect(p1.events).toHaveLength(50);
    expect(p1.events[0].entityId).toBe("e119");
    expect(p1.newer).toBeNull();
    const p2 = await page({ before: String(p1.older) });
    const p3 = await page({ before: String(p2.older) });
    expect(p3.events).toHaveLength(20);
    expect(p3.older).toBeNull();
    const seen = [...p1.events, ...p2.events, ...p3.events].map((e) => e.entityId);
    expect(new Set(seen).size).toBe(120);
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => `e${119 - i}`));
    // Back again from page 3 to page 2.
    expect((await page({ after: String(p3.newer) })).events.map((e) => e.entityId)).toEqual(p2.events.map((e) => e.entityId));
    // Paging keeps the filter.
    const odd1 = await page({ action: "test.odd" });
    const odd2 = await page({ action: "test.odd", before: String(odd1.older) });
    expect([...odd1.events, ...odd2.events].map((e) => e.entityId)).toEqual(Array.from({ length: 60 }, (_, i) => `e${119 - 2 * i}`));
    expect(odd2.older).toBeNull();
  });
});

const csv = (slug: string, query = "") =>
  exportCsv(new Request(`http://localhost/s/${slug}/audit/export.csv${query}`), { params: Promise.resolve({ school: slug }) });

describe("audit export.csv", () => {
  it("exports the filtered events with formula cells defused", async () => {
    signInAs(w.head.person);
    const res = await csv(w.school.slug, "?from=2026-07-01");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="Audit-log-/);
    const text = await res.text();
    const lines = text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Seq,When (London),When (UTC),Who,Who (id),What,Action,Record,Record id,Details,Hash");
    expect(lines).toHaveLength(1 + 3);
    expect(lines[1]).toContain(",policy.reminder_sent,PolicyReminder,r1,");
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(text).not.toMatch(/(^|,)"?=/m);
    expect(text).not.toMatch(/(^|,)"?[@+]/m);
    expect(text).not.toContain("other-d");
  });

  it("answers a bad filter with a plain 400", async () => {
    signInAs(w.head.person);
    const res = await csv(w.school.slug, "?from=not-a-date");
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/real date/);
  });

  const REFUSED: [string, (w: World) => { id: string } | null, number][] = [
    ["a teacher", (w) => w.teacher.person, 403],
    ["the DSL (no audit:read)", (w) => w.dsl.person, 403],
    ["the head of another school of the same trust", (w) => w.otherHead.person, 404],
    ["nobody signed in", () => null, 401],
  ];
  it.each(REFUSED)("is refused to %s, with nothing in the body", async (_who, pick, status) => {
    const who = pick(w);
    if (who) signInAs(who);
    else signOut();
    const res = await csv(w.school.slug);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const body = await res.text();
    expect(body).not.toContain("declaration.signed");
    expect(body).not.toContain("Pemberton");
  });

  it("the trust admin (audit:read from the organisation) may export", async () => {
    signInAs(w.trustAdmin);
    expect((await csv(w.school.slug)).status).toBe(200);
  });
});

describe("the audit page", () => {
  beforeEach(() => vi.stubEnv("__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS", "true"));
  afterEach(() => vi.unstubAllEnvs());

  const render = async (slug: string, searchParams: Record<string, string> = {}) =>
    pageRequest(async () =>
      renderToStaticMarkup((await AuditPage({ params: Promise.resolve({ school: slug }), searchParams: Promise.resolve(searchParams) })) as ReactElement));
  const digestOf = async (p: Promise<unknown>) => {
    try {
      await p;
      return "no error";
    } catch (e) {
      return String((e as { digest?: string }).digest);
    }
  };

  it("shows this school's events under the filters, with the integrity line", async () => {
    signInAs(w.head.person);
    const html = await render(w.school.slug, { action: "declaration.signed" });
    expect(html).toContain("Laura Pemberton");
    expect(html).not.toContain("Sent a signing reminder</td>");
    expect(html).not.toContain("Oscar Other");
    expect(html).toMatch(/Integrity check passed/);
    expect(html).toContain(`/s/${w.school.slug}/audit/export.csv?action=declaration.signed`);
  });

  it("shows a bad date next to its field", async () => {
    signInAs(w.head.person);
    const html = await render(w.school.slug, { from: "2026-13-01" });
    expect(html).toMatch(/id="from-error"[^>]*>.*Enter the start date as a real date/);
  });

  const REFUSED: [string, (w: World) => { id: string } | null, RegExp][] = [
    ["a teacher", (w) => w.teacher.person, /^NEXT_HTTP_ERROR_FALLBACK;403$/],
    ["the DSL (no audit:read)", (w) => w.dsl.person, /^NEXT_HTTP_ERROR_FALLBACK;403$/],
    ["the head of another school of the same trust", (w) => w.otherHead.person, /^NEXT_HTTP_ERROR_FALLBACK;404$/],
    ["nobody signed in", () => null, /^NEXT_REDIRECT;.*\/signin/],
  ];
  it.each(REFUSED)("is refused to %s", async (_who, pick, digest) => {
    const who = pick(w);
    if (who) signInAs(who);
    else signOut();
    const before = await db.auditCheckpoint.findUnique({ where: { chain: w.school.id } });
    expect(await digestOf(render(w.school.slug))).toMatch(digest);
    expect(await db.auditCheckpoint.findUnique({ where: { chain: w.school.id } })).toEqual(before);
  });
});
