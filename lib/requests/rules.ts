// The lifecycle as data (tested with the kinds in tests/unit/request-kinds.test.ts): from which states
// each step may be taken, and who takes it. The database checks who again (migration 20261202030100).
import type { PermissionRequestStatus, SchoolRole } from "@/generated/prisma/enums";

export type Step = "approve" | "decline" | "ask" | "acknowledge" | "answer" | "withdraw" | "expire";

export const STEPS: Record<Step, { from: readonly PermissionRequestStatus[]; to: PermissionRequestStatus; by: "approver" | "requester" | "system" }> = {
  approve: { from: ["SUBMITTED"], to: "APPROVED", by: "approver" },
  decline: { from: ["SUBMITTED"], to: "DECLINED", by: "approver" },
  ask: { from: ["SUBMITTED"], to: "MORE_INFO", by: "approver" },
  acknowledge: { from: ["SUBMITTED"], to: "ACKNOWLEDGED", by: "approver" },
  answer: { from: ["MORE_INFO"], to: "SUBMITTED", by: "requester" },
  withdraw: { from: ["SUBMITTED", "MORE_INFO", "APPROVED"], to: "WITHDRAWN", by: "requester" },
  expire: { from: ["APPROVED"], to: "EXPIRED", by: "system" },
};

export const STATUS_LABELS: Record<PermissionRequestStatus, string> = {
  SUBMITTED: "Awaiting a decision",
  MORE_INFO: "More information asked",
  APPROVED: "Approved",
  DECLINED: "Declined",
  ACKNOWLEDGED: "Acknowledged",
  WITHDRAWN: "Withdrawn",
  EXPIRED: "Expired",
};

export const EVENT_LABELS = {
  SUBMITTED: "Submitted",
  MORE_INFO_ASKED: "More information asked",
  ANSWERED: "Answered and submitted again",
  APPROVED: "Approved",
  DECLINED: "Declined",
  ACKNOWLEDGED: "Acknowledged",
  WITHDRAWN: "Withdrawn",
  EXPIRED: "Expired",
} as const;

/** Someone other than the requester who holds one of the roles stored on the request. */
export function mayDecide(person: { id: string; schoolRoles: readonly SchoolRole[] }, request: { requesterId: string; approverRoles: readonly SchoolRole[] }): boolean {
  return person.id !== request.requesterId && person.schoolRoles.some((r) => request.approverRoles.includes(r));
}

/** Which decision steps apply: a notification is acknowledged; a permission approved, declined or questioned. */
export function decisionSteps(notification: boolean): Step[] {
  return notification ? ["acknowledge", "ask"] : ["approve", "decline", "ask"];
}
