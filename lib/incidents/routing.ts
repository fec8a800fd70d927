// Who receives a report: a pure function over the school's role holders, tested as a table
// (tests/unit/incident-categories.test.ts). The result's roles are stored on the incident, and the
// row-level security policy (prisma/migrations/*_incidents) applies the same rule in PostgreSQL:
// a holder of a routed role (or routed organisation role) who is not a subject.
import type { IncidentCategory, SchoolRole, OrgRole } from "@/generated/prisma/enums";
import { INCIDENT_CATEGORIES, FALLBACK_SCHOOL_ROLE, FALLBACK_ORG_ROLES, BREACH_ORG_ROLES } from "./categories";

/** An active member of the school and their roles there. */
export type RoleHolder = { personId: string; roles: readonly SchoolRole[] };
/** A person with an organisation role over the school. */
export type OrgRoleHolder = { personId: string; role: OrgRole };

export type Routing = {
  /** Subjects after the category's implied ones (a concern about the Head concerns every Head). */
  subjectIds: string[];
  roles: SchoolRole[];
  orgRoles: OrgRole[];
  /** The people who receive it now: holders of `roles` or `orgRoles`, never a subject. */
  handlerIds: string[];
};

/** Categories that concern whoever holds a role, whether or not the reporter named them. */
const IMPLIED_SUBJECT_ROLES: Partial<Record<IncidentCategory, readonly SchoolRole[]>> = {
  CONCERN_ABOUT_HEAD: ["HEADTEACHER"],
};

/** When a subject holds the first role, these roles receive it as well (the subject never does). */
const ESCALATE_WHEN_SUBJECT_HOLDS: readonly { holds: SchoolRole; add: readonly SchoolRole[] }[] = [
  { holds: "HEADTEACHER", add: ["CHAIR_OF_GOVERNORS"] },
  { holds: "DSL", add: ["HEADTEACHER", "DEPUTY_DSL"] },
];

export function routeIncident(input: {
  category: IncidentCategory;
  subjectIds: readonly string[];
  holders: readonly RoleHolder[];
  orgHolders: readonly OrgRoleHolder[];
  /** Roles already routed (re-routing adds to them). */
  extraRoles?: readonly SchoolRole[];
}): Routing {
  const rule = INCIDENT_CATEGORIES[input.category];
  const subjects = new Set(input.subjectIds);
  for (const role of IMPLIED_SUBJECT_ROLES[input.category] ?? []) {
    for (const h of input.holders) if (h.roles.includes(role)) subjects.add(h.personId);
  }

  const roles = new Set<SchoolRole>([...rule.handlerRoles, ...(input.extraRoles ?? [])]);
  const subjectRoles = new Set(input.holders.filter((h) => subjects.has(h.personId)).flatMap((h) => h.roles));
  for (const e of ESCALATE_WHEN_SUBJECT_HOLDS) if (subjectRoles.has(e.holds)) e.add.forEach((r) => roles.add(r));

  const orgRoles = new Set<OrgRole>(rule.breachClock ? BREACH_ORG_ROLES : []);
  let handlerIds = handlersOf({ roles, orgRoles, subjects, holders: input.holders, orgHolders: input.orgHolders });
  if (handlerIds.length === 0) {
    roles.add(FALLBACK_SCHOOL_ROLE);
    handlerIds = handlersOf({ roles, orgRoles, subjects, holders: input.holders, orgHolders: input.orgHolders });
  }
  if (handlerIds.length === 0) {
    FALLBACK_ORG_ROLES.forEach((r) => orgRoles.add(r));
    handlerIds = handlersOf({ roles, orgRoles, subjects, holders: input.holders, orgHolders: input.orgHolders });
  }
  return { subjectIds: [...subjects], roles: [...roles], orgRoles: [...orgRoles], handlerIds };
}

/** The same rule as the SQL function incident_is_handler: holds a routed role, is not a subject. */
export function handlersOf(input: {
  roles: ReadonlySet<SchoolRole> | readonly SchoolRole[];
  orgRoles: ReadonlySet<OrgRole> | readonly OrgRole[];
  subjects: ReadonlySet<string> | readonly string[];
  holders: readonly RoleHolder[];
  orgHolders: readonly OrgRoleHolder[];
}): string[] {
  const roles = new Set(input.roles);
  const orgRoles = new Set(input.orgRoles);
  const subjects = new Set(input.subjects);
  const out = new Set<string>();
  for (const h of input.holders) if (!subjects.has(h.personId) && h.roles.some((r) => roles.has(r))) out.add(h.personId);
  for (const h of input.orgHolders) if (!subjects.has(h.personId) && orgRoles.has(h.role)) out.add(h.personId);
  return [...out].sort();
}
