import { StatusBadge, type BadgeTone } from "@/components/ui/status-badge";
import { STATUS_LABELS } from "@/lib/requests/rules";
import type { PermissionRequestStatus } from "@/generated/prisma/enums";

const TONE: Record<PermissionRequestStatus, BadgeTone> = {
  SUBMITTED: "info",
  MORE_INFO: "warning",
  APPROVED: "success",
  DECLINED: "danger",
  ACKNOWLEDGED: "success",
  WITHDRAWN: "neutral",
  EXPIRED: "neutral",
};

export function RequestStatusBadge({ status }: { status: PermissionRequestStatus }) {
  return <StatusBadge tone={TONE[status]}>{STATUS_LABELS[status]}</StatusBadge>;
}
