import type { Metadata } from "next";
import { requireMember } from "@/lib/authz/require";
import { can } from "@/lib/authz/access";
import { listAssets, borrowerOptions } from "@/lib/equipment/queries";
import { equipmentSettingsFor } from "@/lib/equipment/settings";
import { issueRefusal, mayIssueKind, KIND_ORDER } from "@/lib/equipment/kinds";
import { londonDateString } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { IssueForm } from "@/components/equipment/issue-form";
import type { AssetKind } from "@/generated/prisma/enums";

export const metadata: Metadata = { title: "Issue equipment" };

export default async function IssuePage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "equipment:issue-it");
  const canManage = can(ctx, "equipment:manage");
  const [assets, people, conditions] = await Promise.all([
    listAssets(ctx),
    borrowerOptions(ctx),
    equipmentSettingsFor(ctx).then((s) => Object.fromEntries(KIND_ORDER.map((k) => [k, s.conditionsFor(k)])) as Record<AssetKind, string>),
  ]);
  const options = assets
    .filter((a) => a.status !== "RETIRED" && a.status !== "LOST" && a.status !== "STOLEN")
    .filter((a) => mayIssueKind({ canManage, schoolRoles: ctx.schoolRoles }, a.kind))
    .map((a) => ({ id: a.id, tag: a.tag, kind: a.kind, make: a.make, model: a.model, encrypted: a.encrypted, issuable: issueRefusal(a) }));
  return (
    <>
      <PageHeader title="Issue equipment">
        One person, one or several items. They confirm receipt on their own device (they are emailed a link), or in person on this one.
      </PageHeader>
      <IssueForm schoolSlug={ctx.school.slug} people={people} assets={options} conditions={conditions} today={londonDateString(new Date())} />
    </>
  );
}
