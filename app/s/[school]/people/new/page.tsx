import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { requireMember } from "@/lib/authz/require";
import { schoolRoleOptions, staffGroupOptions } from "@/lib/people/options";
import { londonDateString } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { AddPersonForm } from "@/components/people/add-person-form";

export const metadata: Metadata = { title: "Add a person" };

export default async function NewPersonPage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "people:manage");
  return (
    <>
      <BackLink href={`/s/${ctx.school.slug}/people`}>Back to people</BackLink>
      <PageHeader title="Add a person">They will be able to sign in to {ctx.school.name} with this email address.</PageHeader>
      <AddPersonForm schoolSlug={ctx.school.slug} staffGroups={staffGroupOptions} roles={schoolRoleOptions(ctx)} today={londonDateString(new Date())} />
    </>
  );
}
