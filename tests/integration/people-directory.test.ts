import { describe, it, expect, beforeAll } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "../support/owner-db";
import { searchPeople } from "@/lib/people/directory";
import { runInScope } from "@/lib/db/context";
import { parseDirectoryQuery, directoryQueryString } from "@/lib/people/directory-query";
import { makeSchool, makeOrganisation } from "../support/fixtures";

// One school of 120 members (and a neighbour whose people must never show), searched and paged in the
// database, 50 a page.
let school: { id: string; organisationId: string };
let other: { id: string };
let tag: string;
const GROUPS = ["TEACHER", "TEACHING_ASSISTANT", "OFFICE"] as const;

beforeAll(async () => {
  tag = randomUUID().slice(0, 6);
  const trust = await makeOrganisation("TRUST");
  const s = await makeSchool(trust.id);
  school = { id: s.id, organisationId: trust.id };
  other = await makeSchool(trust.id);
  const people = Array.from({ length: 120 }, (_, i) => ({
    id: `dir-${tag}-${i}`,
    name: `${i === 7 ? "Zoë Okafor" : `Person ${String(i).padStart(3, "0")}`} ${tag}`,
    email: `dir.${i}.${tag}@example.org.uk`,
    status: i === 11 ? ("SUSPENDED" as const) : ("ACTIVE" as const),
  }));
  await db.person.createMany({ data: [...people, { id: `dir-${tag}-other`, name: `Okafor Elsewhere ${tag}`, email: `other.${tag}@example.org.uk` }] });
  await db.membership.createMany({
    data: [
      ...people.map((p, i) => ({
        schoolId: s.id,
        personId: p.id,
        staffGroup: GROUPS[i % 3],
        roles: i === 5 ? (["DSL", "STAFF"] as const).slice() : (["STAFF"] as const).slice(),
        startDate: new Date("2020-09-01"),
        endDate: i >= 110 ? new Date("2021-07-31") : i === 100 ? new Date("2099-07-31") : null,
      })),
      { schoolId: other.id, personId: `dir-${tag}-other`, staffGroup: "TEACHER", roles: ["STAFF"], startDate: new Date("2020-09-01") },
    ],
  });
});

// The people page's query, in the school's scope as the page has it (requireMember).
const search = (params: Record<string, string>) => runInScope({ schoolId: school.id }, () => searchPeople(school, parseDirectoryQuery(params)));

describe("people directory", () => {
  it("pages the people working here now, 50 at a time, in name order, with the total", async () => {
    const p1 = await search({});
    expect({ total: p1.total, pages: p1.pages, n: p1.people.length }).toEqual({ total: 110, pages: 3, n: 50 });
    expect(p1.people[0].person.name).toBe(`Person 000 ${tag}`);
    const p3 = await search({ page: "3" });
    expect(p3.people.map((m) => m.person.name)).toHaveLength(10);
    expect(p3.people.at(-1)!.person.name).toBe(`Zoë Okafor ${tag}`);
    const all = [...p1.people, ...(await search({ page: "2" })).people, ...p3.people].map((m) => m.id);
    expect(new Set(all).size).toBe(110);
  });

  it("searches name or email, any case, and never shows another school's people", async () => {
    expect((await search({ q: "OKAFOR" })).people.map((m) => m.person.name)).toEqual([`Zoë Okafor ${tag}`]);
    expect((await search({ q: `dir.42.${tag}` })).people.map((m) => m.person.email)).toEqual([`dir.42.${tag}@example.org.uk`]);
    expect((await search({ q: "nobody-like-this" })).total).toBe(0);
  });

  it("filters by staff group, role and status", async () => {
    expect((await search({ group: "OFFICE" })).total).toBe(36); // i % 3 === 2 among the 110 current (2 … 107)
    expect((await search({ role: "DSL" })).people.map((m) => m.personId)).toEqual([`dir-${tag}-5`]);
    expect((await search({ status: "left" })).total).toBe(10);
    expect((await search({ status: "leaving" })).people.map((m) => m.personId)).toEqual([`dir-${tag}-100`]);
    expect((await search({ status: "all" })).total).toBe(120);
    expect((await search({ leavers: "1" })).total).toBe(120);
    const suspended = await search({ status: "suspended" });
    expect(suspended.people.map((m) => [m.personId, m.statusHere])).toEqual([[`dir-${tag}-11`, "SUSPENDED"]]);
    expect((await search({ status: "active" })).total).toBe(109);
    // Shown as suspended on an ordinary page too.
    expect((await search({ q: `dir.11.${tag}` })).people[0].statusHere).toBe("SUSPENDED");
  });

  it("ignores values that are not choices, and keeps the filters in the page links", async () => {
    const q = parseDirectoryQuery({ group: "ASTRONAUT", role: "'; DROP TABLE", status: "bogus", page: "-3", q: "  ann  " });
    expect(q).toEqual({ q: "ann", status: "current", page: 1 });
    expect(directoryQueryString({ q: "ann", group: "TEACHER", status: "left", page: 1 }, 2)).toBe("?q=ann&group=TEACHER&status=left&page=2");
  });
});
