import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/authz/require";
import { approverQueue } from "@/lib/requests/queries";
import { requestsPath } from "@/lib/requests/paths";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";
import { requestColumns } from "@/components/requests/request-columns";

export const metadata: Metadata = { title: "Requests to decide" };

export default async function RequestQueuePage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "request:make");
  const queue = await approverQueue(ctx);
  return (
    <>
      <p className="mb-4">
        <Link href={requestsPath(ctx.school.slug)} className="underline underline-offset-2">
          Your requests
        </Link>
      </p>
      <PageHeader title="Requests to decide">Requests at {ctx.school.name} waiting for a decision from someone in your role, oldest first. Your own requests go to someone else.</PageHeader>
      <DataTable caption="Requests to decide" captionHidden rows={queue} rowKey={(r) => r.id} empty="Nothing is waiting for you." columns={requestColumns(ctx.school.slug, { requester: true })} />
    </>
  );
}
