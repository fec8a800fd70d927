import "server-only";
import { db } from "@/lib/db";
import type { SchoolContext } from "@/lib/authz/access";
import { londonToday } from "@/lib/dates";
import { renderMarkdown } from "@/lib/markdown/render";
import { sectionsOf } from "@/lib/policies/content";
import { appliesInSchool, policyScope } from "@/lib/policies/scope";
import { obligationsForPerson, type Obligation } from "./obligations";

type SchoolRef = { id: string; organisationId: string };

/**
 * Everything the signing page shows for a policy: its latest published version (sections rendered to
 * safe HTML), this person's obligation (null when their staff group is not asked to sign it) and,
 * for someone who signed an earlier version, what changed. Null when the policy does not apply here
 * or was never published.
 */
export async function getSigningView(ctx: SchoolContext, policyId: string, today = londonToday()) {
  const policy = await db.policy.findUnique({
    where: { id: policyId },
    include: { versions: { where: { status: "PUBLISHED" }, orderBy: { number: "desc" }, take: 1 } },
  });
  if (!policy || !appliesInSchool(policy, ctx.school) || policy.versions.length === 0) return null;
  const v = policy.versions[0];
  const obligation: Obligation | null = (await obligationsForPerson(ctx, today)).find((o) => o.policyId === policy.id) ?? null;
  return {
    school: { name: ctx.school.name, slug: ctx.school.slug },
    policy: { id: policy.id, scope: policyScope(policy) },
    version: {
      id: v.id,
      number: v.number,
      title: v.title,
      sections: sectionsOf(v.sections).map((s) => ({ heading: s.heading, html: renderMarkdown(s.body) })),
      statements: v.statements,
      declarationWording: v.declarationWording,
      approvedBy: v.approvedBy,
      approvedOn: v.approvedOn,
      reviewDue: v.reviewDue,
      changeSummary: v.changeSummary,
      contentHash: v.contentHash!,
      publishedAt: v.publishedAt!,
    },
    obligation,
    /** The name the typed name must match (ignoring case and spacing). */
    nameOnRecord: ctx.person.name,
  };
}

/** "My declarations": every version this person signed in this school, newest first, with whether it is still current. */
export async function myDeclarations(ctx: SchoolContext) {
  const rows = await db.declaration.findMany({
    where: { schoolId: ctx.school.id, personId: ctx.person.id },
    select: {
      id: true,
      signedAt: true,
      typedName: true,
      contentHash: true,
      policyVersion: { select: { id: true, number: true, title: true, policyId: true } },
    },
    orderBy: { signedAt: "desc" },
  });
  const policyIds = Array.from(new Set(rows.map((r) => r.policyVersion.policyId)));
  const latest = await db.policyVersion.groupBy({
    by: ["policyId"],
    where: { policyId: { in: policyIds }, status: "PUBLISHED" },
    _max: { number: true },
  });
  const latestNumber = new Map(latest.map((l) => [l.policyId, l._max.number]));
  return rows.map((r) => ({
    declarationId: r.id,
    signedAt: r.signedAt,
    typedName: r.typedName,
    contentHash: r.contentHash,
    policyId: r.policyVersion.policyId,
    versionId: r.policyVersion.id,
    versionNumber: r.policyVersion.number,
    title: r.policyVersion.title,
    current: latestNumber.get(r.policyVersion.policyId) === r.policyVersion.number,
  }));
}

/** One declaration with what its PDF needs, only if it belongs to this school. */
export async function getDeclarationInSchool(school: SchoolRef, declarationId: string) {
  if (typeof declarationId !== "string" || declarationId.length > 64) return null;
  const d = await db.declaration.findFirst({
    where: { id: declarationId, schoolId: school.id },
    include: { policyVersion: { include: { policy: { select: { id: true, schoolId: true, organisationId: true } } } } },
  });
  if (!d) return null;
  const [schoolRow, person] = await Promise.all([
    db.school.findUniqueOrThrow({ where: { id: school.id }, select: { name: true, organisation: { select: { name: true } } } }),
    db.person.findUnique({ where: { id: d.personId }, select: { name: true } }),
  ]);
  return { declaration: d, version: d.policyVersion, school: { name: schoolRow.name, organisation: schoolRow.organisation.name }, personName: person?.name ?? null };
}

/** For a page that was refused a superseded version: the version to offer instead. */
export async function currentVersionFor(school: SchoolRef, policyVersionId: string) {
  const v = await db.policyVersion.findUnique({ where: { id: policyVersionId }, select: { policy: true } });
  if (!v || !appliesInSchool(v.policy, school)) return null;
  return db.policyVersion.findFirst({
    where: { policyId: v.policy.id, status: "PUBLISHED" },
    orderBy: { number: "desc" },
    select: { id: true, number: true, policyId: true, title: true },
  });
}
