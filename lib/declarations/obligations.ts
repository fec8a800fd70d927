import "server-only";
import { db } from "@/lib/db";
import type { SchoolContext } from "@/lib/authz/access";
import { londonToday } from "@/lib/dates";
import type { StaffGroup } from "@/generated/prisma/enums";
import { appliesInSchool, policyScope } from "@/lib/policies/scope";
import { dueOn, londonDay, obligationState, type ObligationState } from "./due";

// Who must sign what: everyone with an active membership whose staff group is in the audience of the
// LATEST published version of a policy that applies in the school. A new version asks everyone again;
// declarations of earlier versions stay as they were (they are append-only).

type SchoolRef = { id: string; organisationId: string };

export type LatestVersion = {
  policy: { id: string; title: string; dueDays: number; firstReminderDays: number; schoolId: string | null; organisationId: string | null };
  version: {
    id: string;
    number: number;
    title: string;
    audience: StaffGroup[];
    inductionRequired: boolean;
    publishedAt: Date;
    contentHash: string;
    changeSummary: string | null;
    reviewDue: Date | null;
  };
};

/** Each policy that applies in the school with its latest published version (policies never published are left out). */
export async function latestPublishedVersions(school: SchoolRef, policyId?: string): Promise<LatestVersion[]> {
  return (await latestPublishedVersionsIn([school], policyId)).get(school.id) ?? [];
}

/** The same for several schools in one query (a trust's schools share its trust-wide policies). */
export async function latestPublishedVersionsIn(schools: readonly SchoolRef[], policyId?: string): Promise<Map<string, LatestVersion[]>> {
  const out = new Map<string, LatestVersion[]>(schools.map((s) => [s.id, []]));
  if (schools.length === 0) return out;
  const policies = await db.policy.findMany({
    where: {
      AND: [
        { OR: [{ schoolId: { in: schools.map((s) => s.id) } }, { organisationId: { in: [...new Set(schools.map((s) => s.organisationId))] } }] },
        policyId ? { id: policyId } : {},
      ],
    },
    select: {
      id: true,
      title: true,
      dueDays: true,
      firstReminderDays: true,
      schoolId: true,
      organisationId: true,
      versions: {
        where: { status: "PUBLISHED" },
        orderBy: { number: "desc" },
        take: 1,
        select: {
          id: true,
          number: true,
          title: true,
          audience: true,
          inductionRequired: true,
          publishedAt: true,
          contentHash: true,
          changeSummary: true,
          reviewDue: true,
        },
      },
    },
    orderBy: { title: "asc" },
  });
  for (const { versions, ...policy } of policies) {
    if (versions.length === 0) continue;
    const v = versions[0];
    const latest = { policy, version: { ...v, publishedAt: v.publishedAt!, contentHash: v.contentHash! } };
    for (const s of schools) if (appliesInSchool(policy, s)) out.get(s.id)!.push(latest);
  }
  return out;
}

export type Obligation = {
  policyId: string;
  scope: "school" | "organisation";
  title: string;
  versionId: string;
  versionNumber: number;
  inductionRequired: boolean;
  publishedAt: Date;
  dueOn: Date;
  state: ObligationState;
  /** This person's declaration of the current version, when signed. */
  declaration: { id: string; signedAt: Date } | null;
  /** The latest earlier version they signed: a re-signer is shown `changeSummary` first. */
  previouslySigned: { versionId: string; number: number; signedAt: Date } | null;
  changeSummary: string | null;
};

const ORDER: Record<ObligationState, number> = { overdue: 0, outstanding: 1, signed: 2 };

/** What one member of staff must sign in this school, most urgent first. */
export async function obligationsFor(
  school: SchoolRef,
  member: { personId: string; staffGroup: StaffGroup; startDate: Date },
  today = londonToday(),
): Promise<Obligation[]> {
  const latest = (await latestPublishedVersions(school)).filter((l) => l.version.audience.includes(member.staffGroup));
  if (latest.length === 0) return [];
  const declarations = await db.declaration.findMany({
    where: { schoolId: school.id, personId: member.personId, policyVersion: { policyId: { in: latest.map((l) => l.policy.id) } } },
    select: { id: true, signedAt: true, policyVersionId: true, policyVersion: { select: { policyId: true, number: true } } },
    orderBy: { signedAt: "desc" },
  });
  const out = latest.map(({ policy, version }): Obligation => {
    const mine = declarations.filter((d) => d.policyVersion.policyId === policy.id);
    const current = mine.find((d) => d.policyVersionId === version.id) ?? null;
    const earlier = mine
      .filter((d) => d.policyVersion.number < version.number)
      .sort((a, b) => b.policyVersion.number - a.policyVersion.number)[0];
    const due = dueOn(version.publishedAt, member.startDate, policy.dueDays);
    return {
      policyId: policy.id,
      scope: policyScope(policy),
      title: version.title,
      versionId: version.id,
      versionNumber: version.number,
      inductionRequired: version.inductionRequired,
      publishedAt: version.publishedAt,
      dueOn: due,
      state: obligationState(!!current, due, today),
      declaration: current ? { id: current.id, signedAt: current.signedAt } : null,
      previouslySigned: earlier ? { versionId: earlier.policyVersionId, number: earlier.policyVersion.number, signedAt: earlier.signedAt } : null,
      changeSummary: version.changeSummary,
    };
  });
  return out.sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.dueOn.getTime() - b.dueOn.getTime() || a.title.localeCompare(b.title, "en-GB"));
}

/** The signed-in person's obligations in this school (none when they act only through a trust role). */
export async function obligationsForPerson(ctx: SchoolContext, today = londonToday()): Promise<Obligation[]> {
  if (!ctx.membership) return [];
  return obligationsFor(
    ctx.school,
    { personId: ctx.person.id, staffGroup: ctx.membership.staffGroup as StaffGroup, startDate: ctx.membership.startDate },
    today,
  );
}

/** The first induction-required policy this person is overdue on, or null. */
export async function hasOverdueInductionPolicy(ctx: SchoolContext, today = londonToday()): Promise<Obligation | null> {
  return (await obligationsForPerson(ctx, today)).find((o) => o.inductionRequired && o.state === "overdue") ?? null;
}

/**
 * For the induction gate: the first induction-required policy that is overdue, or that a new starter
 * (joined on or after its publication, never signed any version) has not signed: new staff sign before
 * they get access, as seed 003 asks. Everyone else keeps access while within the due days.
 */
export async function inductionGatePolicy(ctx: SchoolContext, today = londonToday()): Promise<Obligation | null> {
  const startDate = ctx.membership?.startDate;
  if (!startDate) return null;
  // A new starter is someone who joined once this version was out; staff already in post when an
  // induction policy is published get its due days like any other policy, then are held if overdue.
  const isNewStarter = (o: Obligation) => o.previouslySigned === null && startDate.getTime() >= londonDay(o.publishedAt).getTime();
  return (
    (await obligationsForPerson(ctx, today)).find(
      (o) => o.inductionRequired && o.state !== "signed" && (o.state === "overdue" || isNewStarter(o)),
    ) ?? null
  );
}
