import { describe, it, expect, beforeEach, afterEach, vi } from "vitest";
import { db } from "../support/owner-db";
import { resolveAccess, activeMembershipWhere, can, type SessionPerson } from "@/lib/authz/access";
import { requireMember, memberOrStatus } from "@/lib/authz/require";
import { makeOrganisation, makeSchool, makeMember, makeOrgRole, londonDay } from "../support/fixtures";
import { signInAs } from "../support/session";

const asSession = (p: { id: string; name: string; email: string }): SessionPerson => ({ id: p.id, name: p.name, email: p.email, authMethod: "password" });
const perms = (ctx: { permissions: Set<string> } | null) => (ctx ? [...ctx.permissions].sort() : null);

describe("resolveAccess", () => {
  it("gives an active member their school, membership, roles and permissions", async () => {
    const school = await makeSchool();
    const { person, membership } = await makeMember(school.id, { roles: ["DPO", "DEPUTY_DSL"], staffGroup: "OFFICE" });
    const ctx = await resolveAccess(asSession(person), school.slug);
    expect(ctx).toMatchObject({
      school: { id: school.id, slug: school.slug, name: school.name, organisationId: school.organisationId },
      membership: { id: membership.id, staffGroup: "OFFICE" },
      schoolRoles: ["DPO", "DEPUTY_DSL"],
      orgRoles: [],
    });
    expect(perms(ctx)).toEqual(["audit:read", "declaration:sign", "equipment:hold", "filtering:confirm", "filtering:read", "filtering:request", "incident:breach-register", "incident:report", "policy:coverage", "request:make", "school:view"]);
    expect(can(ctx!, "audit:read")).toBe(true);
    expect(can(ctx!, "people:manage")).toBe(false);
  });

  it("a membership that ended yesterday gives no access", async () => {
    const school = await makeSchool();
    const { person } = await makeMember(school.id, { roles: ["HEADTEACHER"], endDate: await londonDay(-1) });
    expect(await resolveAccess(asSession(person), school.slug)).toBeNull();
  });

  it("a membership that ends today still gives access (the end date is the last day)", async () => {
    const school = await makeSchool();
    const { person } = await makeMember(school.id, { endDate: await londonDay(0) });
    expect(await resolveAccess(asSession(person), school.slug)).not.toBeNull();
  });

  it("a membership that starts tomorrow gives no access yet; one that starts today does", async () => {
    const school = await makeSchool();
    const future = await makeMember(school.id, { roles: ["HEADTEACHER"], startDate: await londonDay(1) });
    const today = await makeMember(school.id, { startDate: await londonDay(0) });
    expect(await resolveAccess(asSession(future.person), school.slug)).toBeNull();
    expect(await resolveAccess(asSession(today.person), school.slug)).not.toBeNull();
  });

  it("a suspended or departed person has no access, whatever their membership says", async () => {
    const school = await makeSchool();
    for (const status of ["SUSPENDED", "LEFT"] as const) {
      const { person } = await makeMember(school.id, { roles: ["HEADTEACHER"] });
      await db.person.update({ where: { id: person.id }, data: { status } });
      expect(await resolveAccess(asSession(person), school.slug), status).toBeNull();
    }
  });

  it("a member of one school has no access to another, nor to a slug that does not exist", async () => {
    const a = await makeSchool();
    const b = await makeSchool();
    const { person } = await makeMember(a.id, { roles: ["HEADTEACHER"] });
    expect(await resolveAccess(asSession(person), b.slug)).toBeNull();
    expect(await resolveAccess(asSession(person), "does-not-exist")).toBeNull();
    expect(await resolveAccess(asSession(person), "x".repeat(101))).toBeNull();
    expect(await resolveAccess(asSession(person), 42 as unknown as string)).toBeNull();
  });

  it("an organisation role reaches every school of its organisation without a membership, and no other", async () => {
    const trust = await makeOrganisation("TRUST");
    const [s1, s2, elsewhere] = await Promise.all([makeSchool(trust.id), makeSchool(trust.id), makeSchool()]);
    const dpo = await makeOrgRole(trust.id, "TRUST_DPO");
    for (const s of [s1, s2]) {
      const ctx = await resolveAccess(asSession(dpo), s.slug);
      expect(ctx).toMatchObject({ membership: null, schoolRoles: [], orgRoles: ["TRUST_DPO"], school: { id: s.id } });
      expect(perms(ctx)).toEqual(["audit:read", "incident:breach-register", "people:read", "school:view"]);
    }
    expect(await resolveAccess(asSession(dpo), elsewhere.slug)).toBeNull();
  });

  it("a member who also holds an organisation role gets both sets of permissions", async () => {
    const trust = await makeOrganisation("TRUST");
    const school = await makeSchool(trust.id);
    const { person } = await makeMember(school.id, { roles: ["STAFF"] });
    await db.organisationRole.create({ data: { organisationId: trust.id, personId: person.id, role: "TRUST_ICT_LEAD" } });
    const ctx = await resolveAccess(asSession(person), school.slug);
    expect(perms(ctx)).toEqual(["declaration:sign", "equipment:counts", "equipment:hold", "filtering:authorise", "filtering:read", "filtering:request", "incident:report", "people:read", "policy:coverage", "policy:manage", "request:make", "school:view"]);
  });

  it("an ended membership does not stop an organisation role from reaching the school", async () => {
    const trust = await makeOrganisation("TRUST");
    const school = await makeSchool(trust.id);
    const { person } = await makeMember(school.id, { roles: ["HEADTEACHER"], endDate: await londonDay(-1) });
    await db.organisationRole.create({ data: { organisationId: trust.id, personId: person.id, role: "CEO" } });
    const ctx = await resolveAccess(asSession(person), school.slug);
    expect(ctx).toMatchObject({ membership: null, schoolRoles: [], orgRoles: ["CEO"] });
    expect(ctx?.permissions.has("people:manage")).toBe(false);
  });

  it("activeMembershipWhere selects exactly the memberships in force on a given day", async () => {
    const school = await makeSchool();
    const day = new Date("2026-03-29T00:00:00.000Z");
    const cases = {
      started: await makeMember(school.id, { startDate: new Date("2026-03-01") }),
      startsThatDay: await makeMember(school.id, { startDate: day }),
      endsThatDay: await makeMember(school.id, { startDate: new Date("2025-09-01"), endDate: day }),
      endedDayBefore: await makeMember(school.id, { startDate: new Date("2025-09-01"), endDate: new Date("2026-03-28") }),
      startsDayAfter: await makeMember(school.id, { startDate: new Date("2026-03-30") }),
    };
    const found = await db.membership.findMany({ where: { schoolId: school.id, ...activeMembershipWhere(day) }, select: { id: true } });
    const names = Object.entries(cases)
      .filter(([, c]) => found.some((f) => f.id === c.membership.id))
      .map(([n]) => n)
      .sort();
    expect(names).toEqual(["endsThatDay", "started", "startsThatDay"]);
  });
});

describe("requireMember and memberOrStatus (pages and route handlers)", () => {
  beforeEach(() => vi.stubEnv("__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS", "true"));
  afterEach(() => vi.unstubAllEnvs());

  const digestOf = async (p: Promise<unknown>) => {
    try {
      await p;
      return "no error";
    } catch (e) {
      return String((e as { digest?: string }).digest);
    }
  };

  it("signed out: requireMember redirects to sign-in; memberOrStatus answers 401", async () => {
    const school = await makeSchool();
    expect(await digestOf(requireMember(school.slug))).toMatch(/^NEXT_REDIRECT;.*\/signin\?callbackUrl=%2Fs%2F/);
    const res = await memberOrStatus(school.slug, "school:view");
    expect(res instanceof Response && res.status).toBe(401);
  });

  it("another school's page is not found (404), not forbidden", async () => {
    const [a, b] = await Promise.all([makeSchool(), makeSchool()]);
    const { person } = await makeMember(a.id, { roles: ["HEADTEACHER"] });
    signInAs(person);
    expect(await digestOf(requireMember(b.slug, "people:read"))).toBe("NEXT_HTTP_ERROR_FALLBACK;404");
    const res = await memberOrStatus(b.slug, "people:read");
    expect(res instanceof Response && res.status).toBe(404);
  });

  it("one's own school without the permission is forbidden (403); with it, the context", async () => {
    const school = await makeSchool();
    const { person } = await makeMember(school.id, { roles: ["STAFF"] });
    signInAs(person);
    expect(await digestOf(requireMember(school.slug, "people:read"))).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
    const res = await memberOrStatus(school.slug, "people:read");
    expect(res instanceof Response && res.status).toBe(403);
    const ctx = await requireMember(school.slug);
    expect(ctx.school.id).toBe(school.id);
    const ok = await memberOrStatus(school.slug, "school:view");
    expect(ok instanceof Response).toBe(false);
  });
});
