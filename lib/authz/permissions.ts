// The whole role → permission table, as plain data. It is tested as a table (tests/unit/permissions.test.ts).
import type { SchoolRole, OrgRole } from "@/generated/prisma/enums";

export const PERMISSIONS = [
  "school:view",
  "people:read",
  "people:manage",
  "people:appoint-senior-leaders",
  "people:appoint-safeguarding",
  "people:appoint-governors",
  "people:appoint-chair",
  "audit:read",
  "policy:manage",
  "policy:coverage",
  "declaration:sign",
  "declaration:read-any",
  "reminder:send",
  // Incidents: reporting is for every member; handling is decided by category routing under
  // row-level security, not by this table (docs/decisions/0012-incidents-need-to-know.md).
  "incident:report",
  "incident:breach-register",
  // Equipment (docs/decisions/0014-equipment.md): managers run the register; "issue-it" issues and takes
  // back kit, every kind for managers, laptops and tablets only for the ICT lead (lib/equipment/kinds.ts);
  // every member holds kit and signs for it; "counts" reads the dashboard figures (trust roles too).
  "equipment:manage",
  "equipment:issue-it",
  "equipment:hold",
  "equipment:counts",
  // Permission requests (docs/decisions/0017-permission-requests.md): every member asks; who decides a
  // request comes from lib/requests/kinds.ts and the roles, checked in the service and in SQL; the
  // register of every kind is for these roles (an approver reads the register of the kinds they decide).
  "request:make",
  "request:register",
  // Filtering and monitoring (docs/decisions/0018-filtering.md): every member may ask for a change; the ICT
  // lead authorises it and records who made it; the DSL confirms it, reviews it and checks the filter; the
  // Head names the people responsible and records the annual review.
  "filtering:read",
  "filtering:request",
  "filtering:authorise",
  "filtering:confirm",
  "filtering:manage",
  // Monitoring authorisations (docs/decisions/0019-monitoring-authorisations.md): "view" opens the page (who
  // sees which authorisation is row-level security's decision); the Head, DSL and ICT lead request; the
  // Chair of Governors decides, or the trust's administrator and CEO when every Chair is the subject or the
  // requester (the service and the database check that, and never the requester or the subject).
  "monitoring:view",
  "monitoring:request",
  "monitoring:decide",
  // Governors' summaries (docs/decisions/0020-governance-summaries.md): counts only, never a case;
  // "trust" is the roll-up of every school of the organisation.
  "governance:view",
  "governance:trust",
  // Single sign-on (docs/decisions/0023-sso-links.md): which Entra tenants and Google domains the
  // organisation trusts. The organisation's administrator only: it decides who may sign in everywhere.
  "organisation:sso",
  // MFA (docs/decisions/0022-mfa-totp.md): remove someone's lost authenticator so they can set up another.
  "mfa:reset",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Everyone with an active membership may do these, whatever their roles. */
export const MEMBER_PERMISSIONS: readonly Permission[] = ["school:view", "declaration:sign", "incident:report", "equipment:hold", "request:make", "filtering:request"];

export const SCHOOL_ROLE_PERMISSIONS: Record<SchoolRole, readonly Permission[]> = {
  HEADTEACHER: ["people:read", "people:manage", "audit:read", "policy:manage", "policy:coverage", "declaration:read-any", "reminder:send", "people:appoint-senior-leaders", "people:appoint-safeguarding", "people:appoint-governors", "incident:breach-register", "equipment:manage", "equipment:issue-it", "equipment:counts", "request:register", "filtering:read", "filtering:manage", "monitoring:view", "monitoring:request", "governance:view", "mfa:reset"],
  DEPUTY_HEAD: ["people:read", "policy:coverage", "filtering:read"],
  DSL: ["policy:manage", "policy:coverage", "reminder:send", "filtering:read", "filtering:confirm", "monitoring:view", "monitoring:request"],
  DEPUTY_DSL: ["policy:coverage", "filtering:read", "filtering:confirm"],
  ICT_LEAD: ["people:read", "people:manage", "policy:manage", "policy:coverage", "reminder:send", "equipment:issue-it", "equipment:counts", "filtering:read", "filtering:authorise", "monitoring:view", "monitoring:request"],
  BUSINESS_MANAGER: ["people:read", "people:manage", "policy:coverage", "declaration:read-any", "reminder:send", "equipment:manage", "equipment:issue-it", "equipment:counts"],
  DPO: ["audit:read", "incident:breach-register"],
  CHAIR_OF_GOVERNORS: ["request:register", "monitoring:view", "monitoring:decide", "governance:view"],
  GOVERNOR: ["governance:view"],
  STAFF: [],
};

/** Organisation roles act in every school of their organisation, through the same checks. */
export const ORG_ROLE_PERMISSIONS: Record<OrgRole, readonly Permission[]> = {
  TRUST_ADMIN: ["school:view", "people:read", "people:manage", "audit:read", "policy:manage", "policy:coverage", "reminder:send", "people:appoint-senior-leaders", "people:appoint-safeguarding", "people:appoint-governors", "people:appoint-chair", "incident:breach-register", "equipment:counts", "request:register", "filtering:read", "filtering:manage", "monitoring:view", "monitoring:decide", "governance:view", "governance:trust", "organisation:sso", "mfa:reset"],
  TRUST_ICT_LEAD: ["school:view", "people:read", "policy:manage", "policy:coverage", "equipment:counts", "filtering:read", "filtering:authorise"],
  TRUST_DPO: ["school:view", "people:read", "audit:read", "incident:breach-register"],
  CEO: ["school:view", "people:read", "audit:read", "policy:coverage", "equipment:counts", "request:register", "filtering:read", "monitoring:view", "monitoring:decide", "governance:view", "governance:trust"],
  // Trustees read the governors' summaries of the trust's schools and nothing else (decision 0020).
  TRUSTEE: ["school:view", "governance:view", "governance:trust"],
};

export function permissionsFor(input: {
  isMember: boolean;
  schoolRoles: readonly SchoolRole[];
  orgRoles: readonly OrgRole[];
}): Set<Permission> {
  const out = new Set<Permission>(input.isMember ? MEMBER_PERMISSIONS : []);
  for (const r of input.schoolRoles) for (const p of SCHOOL_ROLE_PERMISSIONS[r]) out.add(p);
  for (const r of input.orgRoles) for (const p of ORG_ROLE_PERMISSIONS[r]) out.add(p);
  return out;
}

/**
 * Appointments: giving or taking these roles needs its own permission as well as `people:manage`. They carry
 * little or nothing in the table above, so "hold what you give" alone would let any people manager make them
 * (a Business Manager making themselves Chair of Governors, an ICT lead removing the DSL). Leadership,
 * safeguarding and governor appointments are the Headteacher's and the trust administrator's; the Chair of
 * Governors is elected by the governing body and recorded by the organisation's administrator only, so a
 * Headteacher cannot choose the person who holds them to account.
 */
export const APPOINTMENT_PERMISSIONS: Partial<Record<SchoolRole, Permission>> = {
  HEADTEACHER: "people:appoint-senior-leaders",
  DEPUTY_HEAD: "people:appoint-senior-leaders",
  DSL: "people:appoint-safeguarding",
  DEPUTY_DSL: "people:appoint-safeguarding",
  GOVERNOR: "people:appoint-governors",
  CHAIR_OF_GOVERNORS: "people:appoint-chair",
};

/**
 * Who may give or take away a school role (the service also refuses anyone changing their own roles):
 * someone who manages people, holds the role's appointment permission if it has one, and holds every
 * permission the role carries (nobody gives more than they hold: an ICT lead cannot make themselves
 * Headteacher). Organisation roles that manage people are exempt from that last rule only.
 */
export function mayAssignRole(actor: { permissions: ReadonlySet<Permission>; orgRoles: readonly OrgRole[] }, role: SchoolRole): boolean {
  if (!actor.permissions.has("people:manage")) return false;
  const appointment = APPOINTMENT_PERMISSIONS[role];
  if (appointment && !actor.permissions.has(appointment)) return false;
  if (actor.orgRoles.some((r) => ORG_ROLE_PERMISSIONS[r].includes("people:manage"))) return true;
  return SCHOOL_ROLE_PERMISSIONS[role].every((p) => actor.permissions.has(p) || ROLE_DUTIES.includes(p));
}

/**
 * Duties a role carries rather than powers over others: whoever may appoint to the role need not hold them
 * (the Headteacher appoints the ICT lead and the DSL without authorising or confirming filtering changes,
 * which are theirs to do: docs/decisions/0018-filtering.md).
 */
export const ROLE_DUTIES: readonly Permission[] = ["filtering:authorise", "filtering:confirm"];
