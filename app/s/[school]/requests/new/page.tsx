import type { Metadata } from "next";
import { requireMember } from "@/lib/authz/require";
import { requestableKinds } from "@/lib/requests/queries";
import { PageHeader } from "@/components/ui/page-header";
import { BackToRequests } from "@/components/requests/back-link";
import { RequestForm } from "@/components/requests/request-form";

export const metadata: Metadata = { title: "Make a request" };

export default async function NewRequestPage({ params, searchParams }: { params: Promise<{ school: string }>; searchParams: Promise<{ kind?: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "request:make");
  const { kind } = await searchParams;
  return (
    <>
      <BackToRequests slug={ctx.school.slug} />
      <PageHeader title="Make a request">
        Ask for permission, or tell the Headteacher something the policies ask you to. The person who decides is emailed a link; you are emailed when they answer.
      </PageHeader>
      <RequestForm schoolSlug={ctx.school.slug} kinds={requestableKinds(ctx)} initialKind={typeof kind === "string" ? kind : undefined} />
    </>
  );
}
