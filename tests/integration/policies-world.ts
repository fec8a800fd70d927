// Shared by the policies, declarations, coverage, reminders and pdf integration tests (not a test file).
import { db } from "../support/owner-db";
import { resolveAccess, type SchoolContext } from "@/lib/authz/access";
import { inSchoolScope } from "@/lib/authz/require";
import { createPolicy, publishVersion } from "@/lib/policies/service";
import { createPolicySchema } from "@/lib/policies/schemas";
import { signDeclaration } from "@/lib/declarations/service";
import type { StaffGroup } from "@/generated/prisma/enums";
import { makeOrganisation, makeSchool, makeMember, makeOrgRole } from "../support/fixtures";
import { signInAs, signOut } from "../support/session";

/**
 * A trust with schools A and A2, a school B in another trust, and people in every position the policy
 * actions care about.
 */
export async function policyWorld() {
  const trust = await makeOrganisation("TRUST");
  const a = await makeSchool(trust.id);
  const a2 = await makeSchool(trust.id);
  const b = await makeSchool();
  const [headA, dslA, ictA, bmA, teacherA, taA, governorA, headA2, headB, teacherB] = await Promise.all([
    makeMember(a.id, { roles: ["HEADTEACHER", "STAFF"], name: "Helen Head" }),
    makeMember(a.id, { roles: ["DSL", "STAFF"], name: "Dina Safeguard" }),
    makeMember(a.id, { roles: ["ICT_LEAD", "STAFF"], name: "Ian Tech" }),
    makeMember(a.id, { roles: ["BUSINESS_MANAGER", "STAFF"], staffGroup: "OFFICE", name: "Bea Manager" }),
    makeMember(a.id, { roles: ["STAFF"], name: "Laura Pemberton-Smith" }),
    makeMember(a.id, { roles: ["STAFF"], staffGroup: "TEACHING_ASSISTANT", name: "Tom Assistant" }),
    makeMember(a.id, { roles: ["GOVERNOR"], staffGroup: "GOVERNOR", name: "Gwen Governor" }),
    makeMember(a2.id, { roles: ["HEADTEACHER", "STAFF"], name: "Head of A2" }),
    makeMember(b.id, { roles: ["HEADTEACHER", "STAFF"], name: "Head of B" }),
    makeMember(b.id, { roles: ["STAFF"], name: "Teacher of B" }),
  ]);
  const [trustAdmin, trustIct, ceo, otherTrustAdmin] = await Promise.all([
    makeOrgRole(trust.id, "TRUST_ADMIN"),
    makeOrgRole(trust.id, "TRUST_ICT_LEAD"),
    makeOrgRole(trust.id, "CEO"),
    makeOrgRole(b.organisationId, "TRUST_ADMIN"),
  ]);
  return { trust, a, a2, b, headA, dslA, ictA, bmA, teacherA, taA, governorA, headA2, headB, teacherB, trustAdmin, trustIct, ceo, otherTrustAdmin };
}
export type PolicyWorld = Awaited<ReturnType<typeof policyWorld>>;

export type Actor = { id: string; sessionVersion?: number } | null;

export function actAs(actor: Actor) {
  if (actor) signInAs(actor);
  else signOut();
}

/** The service-level context of a person in a school, as the action factory would build it. */
export async function ctxOf(person: { id: string; name: string; email: string }, slug: string, authMethod = "password"): Promise<SchoolContext> {
  const ctx = await resolveAccess({ id: person.id, name: person.name, email: person.email, authMethod }, slug);
  if (!ctx) throw new Error(`no access to ${slug}`);
  return ctx;
}

/** A complete policy, as the editor form would send it. */
export function policyInput(over: Record<string, unknown> = {}) {
  return {
    scope: "school",
    title: "Staff Acceptable Use of ICT",
    dueDays: 14,
    firstReminderDays: 7,
    sections: [
      { heading: "Purpose", body: "This policy explains **how** staff use the school's ICT.\n\n- Keep passwords private\n- Lock your screen" },
      { heading: "Monitoring", body: "The school may monitor use of its systems. See [guidance](https://example.org/guide)." },
    ],
    statements: ["I will keep my password private.", "I will report any concern about a child's safety to the DSL."],
    declarationWording: "I have read and understood the Staff Acceptable Use of ICT policy and I agree to follow it.",
    audience: ["TEACHER", "TEACHING_ASSISTANT", "OFFICE"],
    inductionRequired: true,
    approvedBy: "Full Governing Board",
    approvedOn: "2026-01-21",
    reviewDue: "2027-01-21",
    changeSummary: "",
    ...over,
  };
}

/** The draft fields only (what updateDraftAction takes besides versionId). */
export function draftInput(over: Record<string, unknown> = {}) {
  const { scope: _s, dueDays: _d, firstReminderDays: _f, ...fields } = policyInput(over);
  return fields;
}

/** Creates and publishes a policy through the services (publishedAt as given), returning its ids. */
export async function publishedPolicy(
  ctx: SchoolContext,
  opts: { publishedAt?: Date; audience?: StaffGroup[]; scope?: "school" | "organisation"; over?: Record<string, unknown> } = {},
) {
  const input = createPolicySchema.parse(
    policyInput({ scope: opts.scope ?? "school", ...(opts.audience ? { audience: opts.audience } : {}), ...(opts.over ?? {}) }),
  );
  // In the scope the action factory gives these services (row-level security, as ict_web).
  return inSchoolScope(ctx, async () => {
    const { policyId, versionId } = await createPolicy(ctx, input);
    const pub = await publishVersion(ctx, { versionId }, opts.publishedAt ?? new Date());
    return { policyId, versionId, contentHash: pub.contentHash };
  });
}

/** School A's Head publishes a policy and its teacher signs it, each in the scope the action factory sets. */
export async function teacherSigned(w: PolicyWorld, signaturePng: string | null = null): Promise<string> {
  const { versionId } = await publishedPolicy(await ctxOf(w.headA.person, w.a.slug));
  const teacher = await ctxOf(w.teacherA.person, w.a.slug);
  const { declarationId } = await inSchoolScope(teacher, () => signDeclaration(
    teacher,
    { policyVersionId: versionId, typedName: "Laura Pemberton-Smith", confirmed: true, signaturePng },
    { ip: "203.0.113.20", userAgent: "vitest" },
  ));
  return declarationId;
}

/** Everything a policy or declaration action could change in these schools (and their organisations). */
export async function policyState(schoolIds: string[], organisationIds: string[] = []) {
  const [policies, versions, declarations, reminders, audit] = await Promise.all([
    db.policy.findMany({ where: { OR: [{ schoolId: { in: schoolIds } }, { organisationId: { in: organisationIds } }] }, orderBy: { id: "asc" } }),
    db.policyVersion.findMany({
      where: { policy: { OR: [{ schoolId: { in: schoolIds } }, { organisationId: { in: organisationIds } }] } },
      orderBy: { id: "asc" },
    }),
    db.declaration.findMany({ where: { schoolId: { in: schoolIds } }, orderBy: { id: "asc" } }),
    db.policyReminder.findMany({ where: { schoolId: { in: schoolIds } }, orderBy: { id: "asc" } }),
    db.auditEvent.findMany({ where: { schoolId: { in: schoolIds } }, orderBy: { id: "asc" }, select: { id: true, hash: true } }),
  ]);
  return { policies, versions, declarations, reminders, audit };
}

/** A real PNG (40×12, RGBA, a wavy line), as a signature canvas would send it. */
export const TINY_PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACgAAAAMCAYAAAAQw/9NAAAAZUlEQVR4nM2TMQoAIAwDOzv7Ov//jwpOUkSamIJDNskdbbXWh/0cVZGHfCUY5aSilXISSZVc1crdyIIs/EXSd0GkAIUykn4SRKaBToRmZOGKm6IYtwcVvxJmIAUvYjSj4t5UK1+ZCgRYmKVscugAAAAASUVORK5CYII=";
