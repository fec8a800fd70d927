import type { Metadata } from "next";
import { requireMember } from "@/lib/authz/require";
import { equipmentPath } from "@/lib/equipment/paths";
import { PageHeader } from "@/components/ui/page-header";
import { ImportForm } from "@/components/equipment/import-form";

export const metadata: Metadata = { title: "Import equipment" };

export default async function ImportPage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "equipment:manage");
  return (
    <>
      <PageHeader title="Import equipment from a CSV file">
        The file is checked row by row first. Nothing is added until every row is right.
      </PageHeader>
      <ImportForm schoolSlug={ctx.school.slug} doneHref={equipmentPath(ctx.school.slug)} />
    </>
  );
}
