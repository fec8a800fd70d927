import Link from "next/link";
import type { Column } from "@/components/ui/data-table";
import { formatDate, formatDateTime } from "@/lib/dates";
import { kindOf } from "@/lib/requests/kinds";
import { requestPath } from "@/lib/requests/paths";
import type { PermissionRequestStatus } from "@/generated/prisma/enums";
import { RequestStatusBadge } from "./status-badge";

type Row = { id: string; kind: string; status: PermissionRequestStatus; createdAt: Date; endsOn: Date | null; requester: { name: string } };

/** The columns every list of requests shares: the kind (linking to the request), status, dates. */
export function requestColumns<T extends Row>(slug: string, opts: { requester?: boolean } = {}): Column<T>[] {
  return [
    {
      key: "kind",
      header: "Request",
      rowHeader: true,
      cell: (r) => (
        <Link href={requestPath(slug, r.id)} className="font-semibold underline underline-offset-2">
          {kindOf(r.kind)?.label ?? r.kind}
        </Link>
      ),
    },
    ...(opts.requester ? [{ key: "requester", header: "Asked by", cell: (r: T) => r.requester.name }] : []),
    { key: "status", header: "Status", cell: (r) => <RequestStatusBadge status={r.status} /> },
    { key: "asked", header: "Asked", className: "whitespace-nowrap", cell: (r) => formatDateTime(r.createdAt) },
    { key: "ends", header: "Ends", className: "whitespace-nowrap", cell: (r) => formatDate(r.endsOn) },
  ];
}
