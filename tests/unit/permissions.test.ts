import { describe, it, expect } from "vitest";
import { SchoolRole, OrgRole } from "@/generated/prisma/enums";
import {
  PERMISSIONS,
  MEMBER_PERMISSIONS,
  SCHOOL_ROLE_PERMISSIONS,
  ORG_ROLE_PERMISSIONS,
  permissionsFor,
  mayAssignRole,
  APPOINTMENT_PERMISSIONS,
  type Permission,
} from "@/lib/authz/permissions";

// The table as it is meant to be, written out by hand. A change to lib/authz/permissions.ts that is not
// also made here fails this test: that is the point.
const MEMBER = ["school:view", "declaration:sign", "incident:report", "equipment:hold", "request:make", "filtering:request"] as const;

const EXPECTED_SCHOOL: Record<SchoolRole, Permission[]> = {
  HEADTEACHER: [
    ...MEMBER, "people:read", "people:manage", "audit:read", "policy:manage", "policy:coverage", "declaration:read-any", "reminder:send",
    "people:appoint-senior-leaders", "people:appoint-safeguarding", "people:appoint-governors", "incident:breach-register", "equipment:manage", "equipment:issue-it", "equipment:counts",
    "filtering:read", "filtering:manage",
    "monitoring:view", "monitoring:request",
    "governance:view",
    "mfa:reset",
  ],
  DEPUTY_HEAD: [...MEMBER, "people:read", "policy:coverage", "filtering:read"],
  DSL: [...MEMBER, "policy:manage", "policy:coverage", "reminder:send", "filtering:read", "filtering:confirm", "monitoring:view", "monitoring:request"],
  DEPUTY_DSL: [...MEMBER, "policy:coverage", "filtering:read", "filtering:confirm"],
  ICT_LEAD: [...MEMBER, "people:read", "people:manage", "policy:manage", "policy:coverage", "reminder:send", "equipment:issue-it", "equipment:counts", "filtering:read", "filtering:authorise", "monitoring:view", "monitoring:request"],
  BUSINESS_MANAGER: [...MEMBER, "people:read", "people:manage", "policy:coverage", "declaration:read-any", "reminder:send", "equipment:manage", "equipment:issue-it", "equipment:counts"],
  DPO: [...MEMBER, "audit:read", "incident:breach-register"],
  CHAIR_OF_GOVERNORS: [...MEMBER, "monitoring:view", "monitoring:decide", "governance:view"],
  GOVERNOR: [...MEMBER, "governance:view"],
  STAFF: [...MEMBER],
};

// Organisation roles act without a membership of the school: they view it, but sign nothing there.
const EXPECTED_ORG: Record<OrgRole, Permission[]> = {
  TRUST_ADMIN: [
    "school:view", "people:read", "people:manage", "audit:read", "policy:manage", "policy:coverage", "reminder:send",
    "people:appoint-senior-leaders", "people:appoint-safeguarding", "people:appoint-governors", "people:appoint-chair", "incident:breach-register", "equipment:counts",
    "filtering:read", "filtering:manage",
    "monitoring:view", "monitoring:decide",
    "governance:view", "governance:trust",
    "organisation:sso",
    "mfa:reset",
  ],
  TRUST_ICT_LEAD: ["school:view", "people:read", "policy:manage", "policy:coverage", "equipment:counts", "filtering:read", "filtering:authorise"],
  TRUST_DPO: ["school:view", "people:read", "audit:read", "incident:breach-register"],
  CEO: ["school:view", "people:read", "audit:read", "policy:coverage", "equipment:counts", "filtering:read", "monitoring:view", "monitoring:decide", "governance:view", "governance:trust"],
  TRUSTEE: ["school:view", "governance:view", "governance:trust"],
};

const ALL_SCHOOL_ROLES = Object.values(SchoolRole) as SchoolRole[];
const ALL_ORG_ROLES = Object.values(OrgRole) as OrgRole[];

// Permission requests (docs/decisions/0017): the register of every kind for these roles.
for (const r of ["HEADTEACHER", "CHAIR_OF_GOVERNORS"] as const) EXPECTED_SCHOOL[r].push("request:register");
for (const r of ["TRUST_ADMIN", "CEO"] as const) EXPECTED_ORG[r].push("request:register");

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
  it("STAFF have only the member permissions; GOVERNOR adds the governors' summary and nothing else", () => {
    expect(sorted(forSchoolRole("STAFF"))).toEqual(sorted(MEMBER_PERMISSIONS));
    expect(sorted(forSchoolRole("GOVERNOR"))).toEqual(sorted([...MEMBER_PERMISSIONS, "governance:view"]));
    expect(SCHOOL_ROLE_PERMISSIONS.STAFF).toEqual([]);
    expect(SCHOOL_ROLE_PERMISSIONS.GOVERNOR).toEqual(["governance:view"]);
  });

  it("governors' summaries: governors, the Chair, the Head and trust roles; the roll-up for trust roles only", () => {
    expect(holders("governance:view")).toEqual(["CEO", "CHAIR_OF_GOVERNORS", "GOVERNOR", "HEADTEACHER", "TRUSTEE", "TRUST_ADMIN"]);
    expect(holders("governance:trust")).toEqual(["CEO", "TRUSTEE", "TRUST_ADMIN"]);
    expect(sorted(forOrgRole("TRUSTEE"))).toEqual(["governance:trust", "governance:view", "school:view"]);
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

  it("only TRUST_ADMIN decides which tenants the organisation trusts for single sign-on", () => {
    expect(holders("organisation:sso")).toEqual(["TRUST_ADMIN"]);
  });

  it("only HEADTEACHER and TRUST_ADMIN may reset someone's authenticator, and both manage people", () => {
    expect(holders("mfa:reset")).toEqual(["HEADTEACHER", "TRUST_ADMIN"]);
    for (const r of ["HEADTEACHER"] as const) expect(forSchoolRole(r).has("people:manage")).toBe(true);
    expect(forOrgRole("TRUST_ADMIN").has("people:manage")).toBe(true);
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

// Who may give or take away which school role, written out by hand: every actor alone, against every role.
const ALL_BUT_CHAIR: SchoolRole[] = ALL_SCHOOL_ROLES.filter((r) => r !== "CHAIR_OF_GOVERNORS");
const EXPECTED_APPOINTS: [string, { schoolRoles: SchoolRole[]; orgRoles: OrgRole[] }, SchoolRole[]][] = [
  ["Headteacher", { schoolRoles: ["HEADTEACHER"], orgRoles: [] }, ALL_BUT_CHAIR],
  ["Deputy Head", { schoolRoles: ["DEPUTY_HEAD"], orgRoles: [] }, []],
  ["DSL", { schoolRoles: ["DSL"], orgRoles: [] }, []],
  ["Deputy DSL", { schoolRoles: ["DEPUTY_DSL"], orgRoles: [] }, []],
  ["ICT lead", { schoolRoles: ["ICT_LEAD"], orgRoles: [] }, ["ICT_LEAD", "STAFF"]],
  ["Business Manager", { schoolRoles: ["BUSINESS_MANAGER"], orgRoles: [] }, ["BUSINESS_MANAGER", "STAFF"]],
  ["DPO", { schoolRoles: ["DPO"], orgRoles: [] }, []],
  ["Chair of Governors", { schoolRoles: ["CHAIR_OF_GOVERNORS"], orgRoles: [] }, []],
  ["Governor", { schoolRoles: ["GOVERNOR"], orgRoles: [] }, []],
  ["Staff", { schoolRoles: ["STAFF"], orgRoles: [] }, []],
  ["Trust admin", { schoolRoles: [], orgRoles: ["TRUST_ADMIN"] }, ALL_SCHOOL_ROLES],
  ["Trust ICT lead", { schoolRoles: [], orgRoles: ["TRUST_ICT_LEAD"] }, []],
  ["Trust DPO", { schoolRoles: [], orgRoles: ["TRUST_DPO"] }, []],
  ["CEO", { schoolRoles: [], orgRoles: ["CEO"] }, []],
  // Holding a role does not let you appoint to it: a governor who is also Business Manager appoints no governor.
  ["Business Manager and Governor", { schoolRoles: ["BUSINESS_MANAGER", "GOVERNOR"], orgRoles: [] }, ["BUSINESS_MANAGER", "STAFF"]],
  ["ICT lead and DSL", { schoolRoles: ["ICT_LEAD", "DSL"], orgRoles: [] }, ["ICT_LEAD", "STAFF"]],
  ["Headteacher and Chair of Governors", { schoolRoles: ["HEADTEACHER", "CHAIR_OF_GOVERNORS"], orgRoles: [] }, ALL_BUT_CHAIR],
  // A trust role adds what it carries (policy:manage) to what the school role holds, nothing more: not
  // enough to make someone ICT lead, who may ask to monitor a colleague (monitoring:request, 0019).
  ["Trust ICT lead who is a school's Business Manager", { schoolRoles: ["BUSINESS_MANAGER"], orgRoles: ["TRUST_ICT_LEAD"] }, ["BUSINESS_MANAGER", "STAFF"]],
];

describe("filtering and monitoring (docs/decisions/0018)", () => {
  it("the ICT lead and the trust ICT lead authorise, the DSL and deputy confirm, the Head and trust admin manage", () => {
    expect(holders("filtering:authorise")).toEqual(["ICT_LEAD", "TRUST_ICT_LEAD"]);
    expect(holders("filtering:confirm")).toEqual(["DEPUTY_DSL", "DSL"]);
    expect(holders("filtering:manage")).toEqual(["HEADTEACHER", "TRUST_ADMIN"]);
    expect(holders("filtering:request")).toEqual(ALL_SCHOOL_ROLES.slice().sort());
  });
});

describe("who may appoint to which school role", () => {
  it.each(EXPECTED_APPOINTS)("%s may give or take exactly the expected roles", (_who, roles, expected) => {
    const actor = { permissions: permissionsFor({ isMember: roles.schoolRoles.length > 0, ...roles }), orgRoles: roles.orgRoles };
    expect(ALL_SCHOOL_ROLES.filter((r) => mayAssignRole(actor, r)).sort()).toEqual([...expected].sort());
  });

  it("the appointment permissions are held only by the Headteacher and the trust admin, the Chair's by the trust admin alone", () => {
    expect(holders("people:appoint-senior-leaders")).toEqual(["HEADTEACHER", "TRUST_ADMIN"]);
    expect(holders("people:appoint-safeguarding")).toEqual(["HEADTEACHER", "TRUST_ADMIN"]);
    expect(holders("people:appoint-governors")).toEqual(["HEADTEACHER", "TRUST_ADMIN"]);
    expect(holders("people:appoint-chair")).toEqual(["TRUST_ADMIN"]);
  });

  it("leadership, safeguarding and governance roles each need their appointment permission", () => {
    expect(APPOINTMENT_PERMISSIONS).toEqual({
      HEADTEACHER: "people:appoint-senior-leaders",
      DEPUTY_HEAD: "people:appoint-senior-leaders",
      DSL: "people:appoint-safeguarding",
      DEPUTY_DSL: "people:appoint-safeguarding",
      GOVERNOR: "people:appoint-governors",
      CHAIR_OF_GOVERNORS: "people:appoint-chair",
    });
  });

  it("without people:manage an appointment permission alone appoints nobody", () => {
    const actor = { permissions: new Set<Permission>(["people:appoint-governors", "people:appoint-chair"]), orgRoles: [] };
    expect(ALL_SCHOOL_ROLES.filter((r) => mayAssignRole(actor, r))).toEqual([]);
  });
});

// Monitoring authorisations (docs/decisions/0019): who may open the page, ask, and (subject to the service's
// and the database's rule: never the requester or the subject; the trust only when no Chair may) decide.
describe("monitoring authorisations", () => {
  it.each([
    ["monitoring:view", ["CEO", "CHAIR_OF_GOVERNORS", "DSL", "HEADTEACHER", "ICT_LEAD", "TRUST_ADMIN"]],
    ["monitoring:request", ["DSL", "HEADTEACHER", "ICT_LEAD"]],
    ["monitoring:decide", ["CEO", "CHAIR_OF_GOVERNORS", "TRUST_ADMIN"]],
  ] as [Permission, string[]][])("%s is held by exactly %j", (p, expected) => {
    expect(holders(p)).toEqual(expected);
  });

  it("nobody holds both the right to ask and the right to decide through one role", () => {
    for (const r of ALL_SCHOOL_ROLES) expect(forSchoolRole(r).has("monitoring:request") && forSchoolRole(r).has("monitoring:decide"), r).toBe(false);
    for (const r of ALL_ORG_ROLES) expect(forOrgRole(r).has("monitoring:request") && forOrgRole(r).has("monitoring:decide"), r).toBe(false);
  });
});
