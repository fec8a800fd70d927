import type { Metadata } from "next";
import { requireMember } from "@/lib/authz/require";
import { approverQueue } from "@/lib/requests/queries";
import { PageHeader } from "@/components/ui/page-header";
import { BackToRequests } from "@/components/requests/back-link";
import { DataTable } from "@/components/ui/data-table";
import { requestColumns } from "@/components/requests/request-columns";

export const metadata: Metadata = { title: "Requests to decide" };

export default async function RequestQueuePage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "request:make");
  const queue = await approverQueue(ctx);
  return (
    <>
      <BackToRequests slug={ctx.school.slug} />
      <PageHeader title="Requests to decide">Requests at {ctx.school.name} waiting for a decision from someone in your role, oldest first. Your own requests go to someone else.</PageHeader>
      <DataTable caption="Requests to decide" captionHidden rows={queue} rowKey={(r) => r.id} empty="Nothing is waiting for you." columns={requestColumns(ctx.school.slug, { requester: true })} />
    </>
  );
}
