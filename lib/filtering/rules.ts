// The filtering change log's rules as plain data and pure functions, tested as a table
// (tests/unit/filtering-rules.test.ts). Seed 004's log: requested by, authorised by (IT manager), made by
// (technician), confirmed by (DSL), date for review. The database enforces the same three-people rule.
import type { FilteringStatus, FilteringStepKind } from "@/generated/prisma/enums";
import type { BadgeTone } from "@/components/ui/status-badge";

export const STATUS_LABELS: Record<FilteringStatus, string> = {
  REQUESTED: "Awaiting authorisation",
  AUTHORISED: "Authorised, not yet made",
  REFUSED: "Refused",
  MADE: "Awaiting DSL confirmation",
  CONFIRMED: "In place",
  REVERT_DUE: "Due for revert",
  REVERTED: "Reverted",
};

export const STATUS_TONES: Record<FilteringStatus, BadgeTone> = {
  REQUESTED: "info",
  AUTHORISED: "info",
  REFUSED: "neutral",
  MADE: "warning",
  CONFIRMED: "success",
  REVERT_DUE: "danger",
  REVERTED: "neutral",
};

export const STEP_LABELS: Record<FilteringStepKind, string> = {
  REQUESTED: "Requested",
  AUTHORISED: "Authorised",
  REFUSED: "Refused",
  MADE: "Made on the filter",
  CONFIRMED: "Confirmed by the DSL",
  REVIEW_KEEP: "Reviewed: keep",
  REVIEW_REVERT: "Reviewed: revert",
  REVERTED: "Reverted on the filter",
};

/** The step each status waits for, and the permission whoever takes it needs. */
export type Step = "authorise" | "make" | "confirm" | "review" | "revert";
export const NEXT_STEPS: Record<FilteringStatus, readonly Step[]> = {
  REQUESTED: ["authorise"],
  AUTHORISED: ["make"],
  REFUSED: [],
  MADE: ["confirm"],
  CONFIRMED: ["review", "revert"],
  REVERT_DUE: ["revert"],
  REVERTED: [],
};

type People = { requestedById: string; authorisedById: string | null; madeById: string | null; confirmedById: string | null };

/**
 * Why this person may not take this step on this change, or null. Requested, authorised and confirmed are
 * three different people, and the DSL does not confirm a change they made on the filter themselves.
 */
export function samePersonRefusal(step: Step, change: People, personId: string): string | null {
  if (step === "authorise" && change.requestedById === personId)
    return "You asked for this change, so someone else must authorise it: requested, authorised and confirmed are three different people.";
  if (step === "confirm") {
    if (change.requestedById === personId) return "You asked for this change, so another DSL must confirm it: requested, authorised and confirmed are three different people.";
    if (change.authorisedById === personId) return "You authorised this change, so another DSL must confirm it: requested, authorised and confirmed are three different people.";
    if (change.madeById === personId) return "You made this change on the filter, so another DSL must confirm it.";
  }
  return null;
}

const DAY = 86_400_000;
export const REVIEW_SOON_DAYS = 30;

export type ReviewState = "revert-due" | "review-overdue" | "review-due" | "review-soon" | null;

/**
 * Where a change stands against its dates on `today` (London). A change in place past its review date is
 * due for review on the day and overdue after it; a temporary change past its end date, or one a review
 * said to revert, is due for revert.
 */
export function reviewState(change: { status: FilteringStatus; temporary: boolean; endsOn: Date | null; reviewOn: Date }, today: Date): ReviewState {
  if (change.status === "REVERT_DUE") return "revert-due";
  if (change.status !== "CONFIRMED") return null;
  if (change.temporary && change.endsOn && change.endsOn < today) return "revert-due";
  const days = Math.round((change.reviewOn.getTime() - today.getTime()) / DAY);
  if (days < 0) return "review-overdue";
  if (days === 0) return "review-due";
  if (days <= REVIEW_SOON_DAYS) return "review-soon";
  return null;
}

export const REVIEW_STATE_LABELS: Record<Exclude<ReviewState, null>, { label: string; tone: BadgeTone }> = {
  "revert-due": { label: "Due for revert", tone: "danger" },
  "review-overdue": { label: "Review overdue", tone: "danger" },
  "review-due": { label: "Review due today", tone: "warning" },
  "review-soon": { label: "Review soon", tone: "info" },
};

/** The DSL is reminded on the review date and then weekly while the review is outstanding. */
export function remindToday(reviewOn: Date, today: Date): boolean {
  const days = Math.round((today.getTime() - reviewOn.getTime()) / DAY);
  return days >= 0 && days % 7 === 0;
}

/** The senior leader the DfE standards ask for is one of the school's leadership. */
export const SENIOR_LEADER_ROLES = ["HEADTEACHER", "DEPUTY_HEAD", "DSL", "BUSINESS_MANAGER"] as const;
export const GOVERNOR_ROLES = ["GOVERNOR", "CHAIR_OF_GOVERNORS"] as const;
export const DSL_ROLES = ["DSL", "DEPUTY_DSL"] as const;
