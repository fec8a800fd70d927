import { describe, it, expect } from "vitest";
import { SchoolRole, OrgRole } from "@/generated/prisma/enums";
import {
  PERMISSIONS,
  MEMBER_PERMISSIONS,
  SCHOOL_ROLE_PERMISSIONS,
  ORG_ROLE_PERMISSIONS,
  permissionsFor,
  type Permission,
} from "@/lib/authz/permissions";

// The table as it is meant to be, written out by hand. A change to lib/authz/permissions.ts that is not
// also made here fails this test: that is the point.
const MEMBER = ["school:view", "declaration:sign", "incident:report", "equipment:hold"] as const;

const EXPECTED_SCHOOL: Record<SchoolRole, Permission[]> = {
  HEADTEACHER: [...MEMBER, "people:read", "people:manage", "audit:read", "policy:manage", "policy:coverage", "declaration:read-any", "reminder:send", "incident:breach-register", "equipment:manage", "equipment:issue-it", "equipment:counts"],
  DEPUTY_HEAD: [...MEMBER, "people:read", "policy:coverage"],
  DSL: [...MEMBER, "policy:manage", "policy:coverage", "reminder:send"],
  DEPUTY_DSL: [...MEMBER, "policy:coverage"],
  ICT_LEAD: [...MEMBER, "people:read", "people:manage", "policy:manage", "policy:coverage", "reminder:send", "equipment:issue-it", "equipment:counts"],
  BUSINESS_MANAGER: [...MEMBER, "people:read", "people:manage", "policy:coverage", "declaration:read-any", "reminder:send", "equipment:manage", "equipment:issue-it", "equipment:counts"],
  DPO: [...MEMBER, "audit:read", "incident:breach-register"],
  CHAIR_OF_GOVERNORS: [...MEMBER],
  GOVERNOR: [...MEMBER],
  STAFF: [...MEMBER],
};

// Organisation roles act without a membership of the school: they view it, but sign nothing there.
const EXPECTED_ORG: Record<OrgRole, Permission[]> = {
  TRUST_ADMIN: ["school:view", "people:read", "people:manage", "audit:read", "policy:manage", "policy:coverage", "reminder:send", "incident:breach-register", "equipment:counts"],
  TRUST_ICT_LEAD: ["school:view", "people:read", "policy:manage", "policy:coverage", "equipment:counts"],
  TRUST_DPO: ["school:view", "people:read", "audit:read", "incident:breach-register"],
  CEO: ["school:view", "people:read", "audit:read", "policy:coverage", "equipment:counts"],
};

const ALL_SCHOOL_ROLES = Object.values(SchoolRole) as SchoolRole[];
const ALL_ORG_ROLES = Object.values(OrgRole) as OrgRole[];

const sorted = (s: Iterable<Permission>) => [...s].sort();
const forSchoolRole = (r: SchoolRole) => permissionsFor({ isMember: true, schoolRoles: [r], orgRoles: [] });
const forOrgRole = (r: OrgRole) => permissionsFor({ isMember: false, schoolRoles: [], orgRoles: [r] });

/** Every role (school roles as members, organisation roles as outsiders) that ends up with the permission. */
function holders(p: Permission): string[] {
  return [
    ...ALL_SCHOOL_ROLES.filter((r) => forSchoolRole(r).has(p)),
    ...ALL_ORG_ROLES.filter((r) => forOrgRole(r).has(p)),
  ].sort();
}

describe("permission table", () => {
  it("covers exactly the school roles and organisation roles of the schema", () => {
    expect(Object.keys(SCHOOL_ROLE_PERMISSIONS).sort()).toEqual([...ALL_SCHOOL_ROLES].sort());
    expect(Object.keys(ORG_ROLE_PERMISSIONS).sort()).toEqual([...ALL_ORG_ROLES].sort());
    expect(Object.keys(EXPECTED_SCHOOL).sort()).toEqual([...ALL_SCHOOL_ROLES].sort());
    expect(Object.keys(EXPECTED_ORG).sort()).toEqual([...ALL_ORG_ROLES].sort());
  });

  it.each(ALL_SCHOOL_ROLES)("a member with school role %s has exactly the expected permissions", (role) => {
    expect(sorted(forSchoolRole(role))).toEqual([...EXPECTED_SCHOOL[role]].sort());
  });

  it.each(ALL_ORG_ROLES)("organisation role %s has exactly the expected permissions in each school", (role) => {
    expect(sorted(forOrgRole(role))).toEqual([...EXPECTED_ORG[role]].sort());
  });

  it("names only known permissions, each once per role", () => {
    for (const list of [MEMBER_PERMISSIONS, ...Object.values(SCHOOL_ROLE_PERMISSIONS), ...Object.values(ORG_ROLE_PERMISSIONS)]) {
      for (const p of list) expect(PERMISSIONS).toContain(p);
      expect(new Set(list).size).toBe(list.length);
    }
  });

  it("gives a member with no role only the member permissions, and an outsider nothing", () => {
    expect(sorted(permissionsFor({ isMember: true, schoolRoles: [], orgRoles: [] }))).toEqual([...MEMBER].sort());
    expect(permissionsFor({ isMember: false, schoolRoles: [], orgRoles: [] }).size).toBe(0);
  });

  it("unites the permissions of several roles", () => {
    const got = permissionsFor({ isMember: true, schoolRoles: ["DPO", "DEPUTY_DSL"], orgRoles: ["TRUST_ICT_LEAD"] });
    expect(sorted(got)).toEqual(
      [...new Set<Permission>([...EXPECTED_SCHOOL.DPO, ...EXPECTED_SCHOOL.DEPUTY_DSL, ...EXPECTED_ORG.TRUST_ICT_LEAD])].sort(),
    );
  });

  it("every permission in the list is held by someone (no dead permissions)", () => {
    for (const p of PERMISSIONS) expect(holders(p).length, p).toBeGreaterThan(0);
  });
});

describe("permission properties", () => {
  it("STAFF and GOVERNOR have only the member permissions", () => {
    expect(sorted(forSchoolRole("STAFF"))).toEqual(sorted(MEMBER_PERMISSIONS));
    expect(sorted(forSchoolRole("GOVERNOR"))).toEqual(sorted(MEMBER_PERMISSIONS));
    expect(SCHOOL_ROLE_PERMISSIONS.STAFF).toEqual([]);
    expect(SCHOOL_ROLE_PERMISSIONS.GOVERNOR).toEqual([]);
  });

  it("only HEADTEACHER and BUSINESS_MANAGER may read any declaration", () => {
    expect(holders("declaration:read-any")).toEqual(["BUSINESS_MANAGER", "HEADTEACHER"]);
  });

  it("only HEADTEACHER, ICT_LEAD, BUSINESS_MANAGER and TRUST_ADMIN may manage people", () => {
    expect(holders("people:manage")).toEqual(["BUSINESS_MANAGER", "HEADTEACHER", "ICT_LEAD", "TRUST_ADMIN"]);
  });

  it("only HEADTEACHER, DPO, TRUST_ADMIN, TRUST_DPO and CEO may read the audit log", () => {
    expect(holders("audit:read")).toEqual(["CEO", "DPO", "HEADTEACHER", "TRUST_ADMIN", "TRUST_DPO"]);
  });

  it("whoever may manage people may also read them", () => {
    for (const r of ALL_SCHOOL_ROLES) if (forSchoolRole(r).has("people:manage")) expect(forSchoolRole(r).has("people:read"), r).toBe(true);
    for (const r of ALL_ORG_ROLES) if (forOrgRole(r).has("people:manage")) expect(forOrgRole(r).has("people:read"), r).toBe(true);
  });

  it("an organisation role alone never signs declarations in a school (signing needs a membership)", () => {
    for (const r of ALL_ORG_ROLES) expect(forOrgRole(r).has("declaration:sign"), r).toBe(false);
  });

  it("permissionsFor returns a fresh set each time (callers cannot change the table)", () => {
    const a = forSchoolRole("STAFF");
    a.add("audit:read");
    expect(forSchoolRole("STAFF").has("audit:read")).toBe(false);
  });
});
