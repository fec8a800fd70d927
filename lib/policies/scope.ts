import type { SchoolContext } from "@/lib/authz/access";
import { ORG_ROLE_PERMISSIONS, type Permission } from "@/lib/authz/permissions";

// Which policies apply in a school, and who may change them.
//
// A policy belongs to one school, or to its organisation (a trust-wide policy applies in each of the
// trust's schools). Trust policies are authored from any school of the trust, by someone whose
// policy:manage comes from an organisation role (trust admin, trust ICT lead): a Headteacher may manage
// their own school's policies but not the trust's, which every other school of the trust also follows.
// See docs/decisions/0006-trust-policies-and-declarations.md.

const can = (ctx: Pick<SchoolContext, "permissions">, p: Permission) => ctx.permissions.has(p);

type SchoolRef = { id: string; organisationId: string };
type PolicyOwner = { schoolId: string | null; organisationId: string | null };

/** Prisma filter: the policies that apply in this school (its own and its organisation's). */
export function policiesInSchoolWhere(school: SchoolRef) {
  return { OR: [{ schoolId: school.id }, { organisationId: school.organisationId }] };
}

export function appliesInSchool(policy: PolicyOwner, school: SchoolRef): boolean {
  return policy.schoolId === school.id || (policy.schoolId === null && policy.organisationId === school.organisationId);
}

/** Does this person hold policy:manage through an organisation role (so may author trust policies)? */
export function canManageTrustPolicies(ctx: Pick<SchoolContext, "orgRoles" | "permissions">): boolean {
  return can(ctx, "policy:manage") && ctx.orgRoles.some((r) => ORG_ROLE_PERMISSIONS[r].includes("policy:manage"));
}

export function canManagePolicy(ctx: Pick<SchoolContext, "school" | "orgRoles" | "permissions">, policy: PolicyOwner): boolean {
  if (!can(ctx, "policy:manage")) return false;
  if (policy.schoolId !== null) return policy.schoolId === ctx.school.id;
  return policy.organisationId === ctx.school.organisationId && canManageTrustPolicies(ctx);
}

/** Does this person see coverage across all schools of the trust (a trust role with policy:coverage)? */
export function canSeeTrustCoverage(ctx: Pick<SchoolContext, "orgRoles" | "permissions">): boolean {
  return can(ctx, "policy:coverage") && ctx.orgRoles.some((r) => ORG_ROLE_PERMISSIONS[r].includes("policy:coverage"));
}

export function policyScope(policy: PolicyOwner): "school" | "organisation" {
  return policy.schoolId !== null ? "school" : "organisation";
}
