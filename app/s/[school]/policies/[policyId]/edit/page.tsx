import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/authz/require";
import { getPolicy, getPolicyVersion } from "@/lib/policies/queries";
import { editorValuesFrom } from "@/lib/policies/editor-values";
import { policyPath } from "@/lib/declarations/paths";
import { staffGroupOptions } from "@/lib/people/options";
import { PageHeader } from "@/components/ui/page-header";
import { PolicyEditor } from "@/components/policies/policy-editor";

export const metadata: Metadata = { title: "Edit draft" };

export default async function EditDraftPage({ params }: { params: Promise<{ school: string; policyId: string }> }) {
  const { school, policyId } = await params;
  const ctx = await requireMember(school, "policy:manage");
  const policy = await getPolicy(ctx, policyId);
  if (!policy || !policy.canManage || !policy.draft) notFound();
  const full = await getPolicyVersion(ctx, policy.draft.id);
  if (!full) notFound();
  return (
    <>
      <p className="mb-4">
        <Link href={policyPath(ctx.school.slug, policy.id)} className="underline underline-offset-2">
          Back to {policy.title}
        </Link>
      </p>
      <PageHeader title={`Edit draft version ${full.version.number}`}>Save as often as you like. Publish it from the policy page when it is ready.</PageHeader>
      <PolicyEditor
        schoolSlug={ctx.school.slug}
        draft={{ policyId: policy.id, versionId: full.version.id, number: full.version.number }}
        initial={editorValuesFrom(full.version, full.policy)}
        staffGroups={staffGroupOptions}
        canChooseTrust={false}
      />
    </>
  );
}
