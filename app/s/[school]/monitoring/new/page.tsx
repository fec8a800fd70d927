import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { requireMember } from "@/lib/authz/require";
import { subjectOptions } from "@/lib/monitoring/queries";
import { monitoringPath } from "@/lib/monitoring/paths";
import { londonDateString } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { RequestForm } from "@/components/monitoring/request-form";

export const metadata: Metadata = { title: "Ask for a monitoring authorisation" };

export default async function NewAuthorisationPage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "monitoring:request");
  const people = await subjectOptions(ctx);
  return (
    <>
      <BackLink href={monitoringPath(ctx.school.slug)}>Monitoring authorisations</BackLink>
      <PageHeader title="Ask for a monitoring authorisation">
        The ICT policy allows access to or interception of a member of staff&rsquo;s communications only with the approval of the Chair of
        Governors, after an assessment that it is justified. Say what is needed, why, and for how long.
      </PageHeader>
      <RequestForm schoolSlug={ctx.school.slug} people={people} today={londonDateString(new Date())} />
    </>
  );
}
