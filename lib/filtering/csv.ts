import "server-only";
import type { SchoolContext } from "@/lib/authz/access";
import { formatDate, formatDateTime } from "@/lib/dates";
import { listChanges } from "./queries";
import { STATUS_LABELS, REVIEW_STATE_LABELS } from "./rules";

// Seed 004's columns, then where each change stands.
export const LOG_HEADER = [
  "Website / category", "Kind", "Allow or block", "Temporary until", "Requested (London)", "Requested by", "Reason",
  "Authorised by", "Change made by", "Made on", "Confirmed by", "Date for review", "Status", "Attention",
];

export async function logRows(ctx: SchoolContext): Promise<unknown[][]> {
  const rows = await listChanges(ctx, {}, new Date(), { all: true });
  return rows.map((r) => [
    r.target, r.targetKind === "WEBSITE" ? "Website" : "Category", r.direction === "ALLOW" ? "Allow" : "Block",
    r.temporary ? formatDate(r.endsOn) : "Permanent", formatDateTime(r.createdAt), r.requestedBy, r.reason, r.authorisedBy, r.madeBy,
    formatDate(r.madeOn), r.confirmedBy, formatDate(r.reviewOn), STATUS_LABELS[r.status], r.review ? REVIEW_STATE_LABELS[r.review].label : "",
  ]);
}
