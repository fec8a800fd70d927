import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { requireMember } from "@/lib/authz/require";
import { PageHeader } from "@/components/ui/page-header";
import { StaffImport } from "@/components/people/staff-import";

export const metadata: Metadata = { title: "Import staff" };

export default async function ImportStaffPage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "people:manage");
  const peopleHref = `/s/${ctx.school.slug}/people`;
  return (
    <>
      <BackLink href={peopleHref}>Back to people</BackLink>
      <PageHeader title="Import staff from the MIS">
        Upload the staff list exported from your MIS. It is checked first and nothing changes until you import it. New staff get their
        policies to sign as if added by hand; people missing from the file are only proposed as leavers.
        {ctx.orgRoles.length > 0 && " As a trust role you can import several schools at once with a school column (URN)."}
      </PageHeader>
      <StaffImport schoolSlug={ctx.school.slug} peopleHref={peopleHref} trust={ctx.orgRoles.length > 0} />
    </>
  );
}
