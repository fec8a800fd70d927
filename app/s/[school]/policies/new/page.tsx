import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { requireMember } from "@/lib/authz/require";
import { canCreateTrustPolicy } from "@/lib/policies/queries";
import { BLANK_POLICY } from "@/lib/policies/editor-values";
import { staffGroupOptions } from "@/lib/people/options";
import { PageHeader } from "@/components/ui/page-header";
import { PolicyEditor } from "@/components/policies/policy-editor";

export const metadata: Metadata = { title: "Write a new policy" };

export default async function NewPolicyPage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "policy:manage");
  return (
    <>
      <BackLink href={`/s/${ctx.school.slug}/policies`}>Back to policies</BackLink>
      <PageHeader title="Write a new policy">It starts as a draft: nobody is asked to sign it until you publish it.</PageHeader>
      <PolicyEditor schoolSlug={ctx.school.slug} initial={BLANK_POLICY} staffGroups={staffGroupOptions} canChooseTrust={canCreateTrustPolicy(ctx)} />
    </>
  );
}
