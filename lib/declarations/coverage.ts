import "server-only";
import { db } from "@/lib/db";
import { runInScope } from "@/lib/db/context";
import type { SchoolContext } from "@/lib/authz/access";
import { activeMembershipWhere } from "@/lib/authz/access";
import { londonToday } from "@/lib/dates";
import type { StaffGroup } from "@/generated/prisma/enums";
import { canSeeTrustCoverage, policyScope } from "@/lib/policies/scope";
import { latestPublishedVersionsIn, type LatestVersion } from "./obligations";
import { dueOn, obligationStart, obligationState, type ObligationState } from "./due";

// Coverage: for the latest published version of each policy, who in its audience has signed, who is
// still within their due days (outstanding) and who is overdue. Every query takes a list of schools
// (schoolId IN …), so a trust of fifty schools costs the same five queries as one school; the trust-wide
// views check the trust role themselves.

type SchoolRef = { id: string; organisationId: string };

export type Counts = { signed: number; outstanding: number; overdue: number; total: number };

export type CoveragePerson = {
  personId: string;
  membershipId: string;
  name: string;
  email: string;
  staffGroup: StaffGroup;
  state: ObligationState;
  /** When the obligation began: publication, or the person's start date if later. */
  since: Date;
  dueOn: Date;
  declarationId: string | null;
  signedAt: Date | null;
  /** Reminders (not escalations) sent for this version. */
  reminderCount: number;
  lastRemindedAt: Date | null;
  escalatedAt: Date | null;
};

export type PolicyCoverage = LatestVersion & {
  scope: "school" | "organisation";
  totals: Counts;
  byStaffGroup: ({ staffGroup: StaffGroup } & Counts)[];
  people: CoveragePerson[];
};

const zero = (): Counts => ({ signed: 0, outstanding: 0, overdue: 0, total: 0 });

/** Coverage of each school's latest versions, in three queries whatever the number of schools and policies. */
async function computeCoverage(latestBySchool: Map<string, LatestVersion[]>, today: Date): Promise<Map<string, PolicyCoverage[]>> {
  const all = [...latestBySchool.values()].flat();
  const out = new Map<string, PolicyCoverage[]>([...latestBySchool.keys()].map((id) => [id, []]));
  if (all.length === 0) return out;
  const schoolIds = [...latestBySchool.keys()];
  const groups = Array.from(new Set(all.flatMap((l) => l.version.audience)));
  const versionIds = Array.from(new Set(all.map((l) => l.version.id)));
  const [members, declarations, reminders] = await Promise.all([
    db.membership.findMany({
      where: { schoolId: { in: schoolIds }, staffGroup: { in: groups }, ...activeMembershipWhere(today) },
      select: { id: true, schoolId: true, personId: true, staffGroup: true, startDate: true, person: { select: { name: true, email: true } } },
      orderBy: { person: { name: "asc" } },
    }),
    db.declaration.findMany({
      where: { schoolId: { in: schoolIds }, policyVersionId: { in: versionIds } },
      select: { id: true, schoolId: true, personId: true, policyVersionId: true, signedAt: true },
    }),
    db.policyReminder.groupBy({
      by: ["schoolId", "policyVersionId", "personId", "escalation"],
      where: { schoolId: { in: schoolIds }, policyVersionId: { in: versionIds } },
      _count: { _all: true },
      _max: { sentAt: true },
    }),
  ]);
  const signedBy = new Map(declarations.map((d) => [`${d.schoolId}|${d.policyVersionId}|${d.personId}`, d]));
  const remindersBy = new Map(reminders.map((r) => [`${r.schoolId}|${r.policyVersionId}|${r.personId}|${r.escalation}`, r]));
  const membersBy = new Map<string, typeof members>();
  for (const m of members) membersBy.set(m.schoolId, [...(membersBy.get(m.schoolId) ?? []), m]);

  for (const [schoolId, latest] of latestBySchool) {
    out.set(schoolId, latest.map((l): PolicyCoverage => {
      const totals = zero();
      const byGroup = new Map<StaffGroup, Counts>();
      const people: CoveragePerson[] = [];
      for (const m of membersBy.get(schoolId) ?? []) {
        if (!l.version.audience.includes(m.staffGroup)) continue;
        const key = `${schoolId}|${l.version.id}|${m.personId}`;
        const d = signedBy.get(key);
        const due = dueOn(l.version.publishedAt, m.startDate, l.policy.dueDays);
        const state = obligationState(!!d, due, today);
        const sent = remindersBy.get(`${key}|false`);
        const escalated = remindersBy.get(`${key}|true`);
        people.push({
          personId: m.personId,
          membershipId: m.id,
          name: m.person.name,
          email: m.person.email,
          staffGroup: m.staffGroup,
          state,
          since: obligationStart(l.version.publishedAt, m.startDate),
          dueOn: due,
          declarationId: d?.id ?? null,
          signedAt: d?.signedAt ?? null,
          reminderCount: sent?._count._all ?? 0,
          lastRemindedAt: sent?._max.sentAt ?? null,
          escalatedAt: escalated?._max.sentAt ?? null,
        });
        const g = byGroup.get(m.staffGroup) ?? zero();
        byGroup.set(m.staffGroup, g);
        for (const c of [totals, g]) {
          c[state]++;
          c.total++;
        }
      }
      return {
        ...l,
        scope: policyScope(l.policy),
        totals,
        byStaffGroup: l.version.audience.map((staffGroup) => ({ staffGroup, ...(byGroup.get(staffGroup) ?? zero()) })),
        people,
      };
    }));
  }
  return out;
}

/** Coverage in each of the schools (one policy's, or every published policy's), in five queries in all. */
async function coverageIn(schools: readonly SchoolRef[], today: Date, policyId?: string): Promise<Map<string, PolicyCoverage[]>> {
  return computeCoverage(await latestPublishedVersionsIn(schools, policyId), today);
}

/** One policy's coverage in this school; null when it does not apply here or was never published. */
export async function policyCoverage(school: SchoolRef, policyId: string, today = londonToday()): Promise<PolicyCoverage | null> {
  return (await coverageIn([school], today, policyId)).get(school.id)?.[0] ?? null;
}

/** Every published policy's coverage in this school (for the policy list and governors' summaries). */
export async function schoolCoverage(school: SchoolRef, today = londonToday()): Promise<PolicyCoverage[]> {
  return (await coverageIn([school], today)).get(school.id) ?? [];
}

/** The people who still have to sign, most overdue first. */
export function outstandingPeople(c: PolicyCoverage): CoveragePerson[] {
  return c.people.filter((p) => p.state !== "signed").sort((a, b) => a.dueOn.getTime() - b.dueOn.getTime() || a.name.localeCompare(b.name, "en-GB"));
}

export type TrustSchoolCoverage = { school: { id: string; slug: string; name: string }; coverage: PolicyCoverage | null };

/**
 * One policy across every school of the trust, for trust roles only (null otherwise). A school's own
 * policy appears only in that school; a trust policy in all of them.
 */
export async function trustPolicyCoverage(ctx: SchoolContext, policyId: string, today = londonToday()): Promise<TrustSchoolCoverage[] | null> {
  if (!canSeeTrustCoverage(ctx)) return null;
  const schools = await db.school.findMany({
    where: { organisationId: ctx.school.organisationId },
    select: { id: true, slug: true, name: true, organisationId: true },
    orderBy: { name: "asc" },
  });
  // Across the organisation's schools: its scope reads them all, and writes none (decisions/0025).
  const coverage = await runInScope({ organisationId: ctx.school.organisationId }, () => coverageIn(schools, today, policyId));
  return schools
    .map((s) => ({ school: { id: s.id, slug: s.slug, name: s.name }, coverage: coverage.get(s.id)?.[0] ?? null }))
    .filter((r) => r.coverage !== null);
}

/** Every policy in every school of the trust, counts only (no names), for trust roles only. */
export async function trustCoverageSummary(ctx: SchoolContext, today = londonToday()) {
  if (!canSeeTrustCoverage(ctx)) return null;
  const schools = await db.school.findMany({
    where: { organisationId: ctx.school.organisationId },
    select: { id: true, slug: true, name: true, organisationId: true },
    orderBy: { name: "asc" },
  });
  const coverage = await runInScope({ organisationId: ctx.school.organisationId }, () => coverageIn(schools, today));
  return schools.map((s) => ({
    school: { id: s.id, slug: s.slug, name: s.name },
    policies: (coverage.get(s.id) ?? []).map((p) => ({
      policyId: p.policy.id,
      title: p.version.title,
      scope: p.scope,
      versionNumber: p.version.number,
      totals: p.totals,
      byStaffGroup: p.byStaffGroup,
    })),
  }));
}
