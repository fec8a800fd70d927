import "server-only";
import { db } from "@/lib/db";
import type { SchoolContext } from "@/lib/authz/access";
import { renderMarkdown } from "@/lib/markdown/render";
import { sectionsOf } from "./content";
import { appliesInSchool, canManagePolicy, canManageTrustPolicies, policiesInSchoolWhere, policyScope } from "./scope";

// Reads for the policy pages. Drafts are shown only to those who may change the policy.

/** The policies that apply in this school: its own and its trust's. */
export async function listPolicies(ctx: SchoolContext) {
  const policies = await db.policy.findMany({
    where: policiesInSchoolWhere(ctx.school),
    include: {
      versions: {
        orderBy: { number: "desc" },
        select: { id: true, number: true, status: true, title: true, publishedAt: true, reviewDue: true, inductionRequired: true, audience: true, createdAt: true },
      },
    },
    orderBy: { title: "asc" },
  });
  return policies
    .map((p) => {
      const canManage = canManagePolicy(ctx, p);
      const published = p.versions.find((v) => v.status === "PUBLISHED") ?? null;
      const draft = p.versions.find((v) => v.status === "DRAFT") ?? null;
      return {
        id: p.id,
        title: published?.title ?? p.title,
        scope: policyScope(p),
        dueDays: p.dueDays,
        firstReminderDays: p.firstReminderDays,
        latestPublished: published,
        draft: canManage ? draft : null,
        canManage,
      };
    })
    .filter((p) => p.latestPublished !== null || p.canManage);
}

/** One policy with its version history, or null if it does not apply here (or is an unpublished draft the person may not see). */
export async function getPolicy(ctx: SchoolContext, policyId: string) {
  if (typeof policyId !== "string" || policyId.length > 64) return null;
  const p = await db.policy.findUnique({
    where: { id: policyId },
    include: {
      versions: {
        orderBy: { number: "desc" },
        select: { id: true, number: true, status: true, title: true, publishedAt: true, approvedBy: true, approvedOn: true, reviewDue: true, changeSummary: true, contentHash: true },
      },
    },
  });
  if (!p || !appliesInSchool(p, ctx.school)) return null;
  const canManage = canManagePolicy(ctx, p);
  const versions = canManage ? p.versions : p.versions.filter((v) => v.status === "PUBLISHED");
  if (versions.length === 0) return null;
  return {
    id: p.id,
    title: p.title,
    scope: policyScope(p),
    dueDays: p.dueDays,
    firstReminderDays: p.firstReminderDays,
    canManage,
    versions,
    latestPublished: versions.find((v) => v.status === "PUBLISHED") ?? null,
    draft: versions.find((v) => v.status === "DRAFT") ?? null,
  };
}

/**
 * One version in full, for the editor (drafts: raw markdown in `sections`) and for reading
 * (`sectionsHtml`, rendered safely). Drafts only for those who may change the policy.
 */
export async function getPolicyVersion(ctx: SchoolContext, versionId: string) {
  if (typeof versionId !== "string" || versionId.length > 64) return null;
  const v = await db.policyVersion.findUnique({ where: { id: versionId }, include: { policy: true } });
  if (!v || !appliesInSchool(v.policy, ctx.school)) return null;
  const canManage = canManagePolicy(ctx, v.policy);
  if (v.status === "DRAFT" && !canManage) return null;
  const sections = sectionsOf(v.sections);
  const { policy, ...version } = v;
  return {
    policy: { id: policy.id, title: policy.title, scope: policyScope(policy), dueDays: policy.dueDays, firstReminderDays: policy.firstReminderDays },
    version: { ...version, sections },
    sectionsHtml: sections.map((s) => ({ heading: s.heading, html: renderMarkdown(s.body) })),
    canManage,
  };
}

/** For the "new policy" form: may this person choose "whole trust"? */
export function canCreateTrustPolicy(ctx: SchoolContext): boolean {
  return canManageTrustPolicies(ctx);
}
