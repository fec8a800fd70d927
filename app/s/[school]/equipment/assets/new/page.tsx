import type { Metadata } from "next";
import { requireMember } from "@/lib/authz/require";
import { PageHeader } from "@/components/ui/page-header";
import { AssetFormForSchool } from "@/components/equipment/asset-form-for-school";

export const metadata: Metadata = { title: "Add an asset" };

export default async function NewAssetPage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "equipment:manage");
  return (
    <>
      <PageHeader title="Add an asset" />
      <AssetFormForSchool schoolSlug={ctx.school.slug} />
    </>
  );
}
