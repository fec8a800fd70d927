import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/authz/require";
import { myRequests, approverQueue, registerKinds } from "@/lib/requests/queries";
import { requestsPath } from "@/lib/requests/paths";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";
import { requestColumns } from "@/components/requests/request-columns";

export const metadata: Metadata = { title: "My requests" };

export default async function MyRequestsPage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "request:make");
  const base = requestsPath(ctx.school.slug);
  const [mine, queue] = await Promise.all([myRequests(ctx), approverQueue(ctx)]);
  const register = registerKinds(ctx).length > 0;
  return (
    <>
      <PageHeader title="My requests">
        Where a policy at {ctx.school.name} says &ldquo;only with the approval of&rdquo;, ask here: the right person is asked, and the answer is kept. Times are UK time.
      </PageHeader>
      <p className="mb-6 flex flex-wrap gap-x-5 gap-y-2">
        <Link href={`${base}/new`} className="inline-flex min-h-11 items-center rounded bg-emerald-800 px-4 py-2 font-semibold text-white hover:bg-emerald-900">
          Make a request
        </Link>
        {queue.length > 0 && (
          <Link href={`${base}/queue`} className="inline-flex min-h-11 items-center underline underline-offset-2">
            Requests for you to decide ({queue.length})
          </Link>
        )}
        {register && (
          <Link href={`${base}/register`} className="inline-flex min-h-11 items-center underline underline-offset-2">
            Register of requests
          </Link>
        )}
      </p>
      <DataTable caption="Your requests" rows={mine} rowKey={(r) => r.id} empty="You have not asked for anything here." columns={requestColumns(ctx.school.slug)} />
    </>
  );
}
