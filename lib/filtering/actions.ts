"use server";
import { revalidatePath } from "next/cache";
import { schoolAction } from "@/lib/authz/action";
import type { SchoolContext } from "@/lib/authz/access";
import {
  requestChangeSchema, changeIdSchema, refuseChangeSchema, recordMadeSchema, confirmChangeSchema, reviewChangeSchema, markRevertedSchema,
  recordCheckSchema, responsiblePeopleSchema, annualReviewSchema,
} from "./schemas";
import { requestChange, authoriseChange, refuseChange, recordMade, confirmChange, reviewChange, markReverted } from "./service";
import { recordCheck, setResponsiblePeople, recordAnnualReview } from "./oversight";

const after = <T>(ctx: SchoolContext, out: T) => {
  revalidatePath(`/s/${ctx.school.slug}/filtering`, "layout");
  return out;
};

/** Every member may ask for a site or category to be allowed or blocked. */
export const requestChangeAction = schoolAction({ permission: "filtering:request", schema: requestChangeSchema, run: async (ctx, i) => after(ctx, await requestChange(ctx, i)) });
/** The ICT lead (or the trust ICT lead): authorise or refuse, record who made it, mark a revert done. */
export const authoriseChangeAction = schoolAction({ permission: "filtering:authorise", schema: changeIdSchema, run: async (ctx, i) => after(ctx, await authoriseChange(ctx, i)) });
export const refuseChangeAction = schoolAction({ permission: "filtering:authorise", schema: refuseChangeSchema, run: async (ctx, i) => after(ctx, await refuseChange(ctx, i)) });
export const recordMadeAction = schoolAction({ permission: "filtering:authorise", schema: recordMadeSchema, run: async (ctx, i) => after(ctx, await recordMade(ctx, i)) });
export const markRevertedAction = schoolAction({ permission: "filtering:authorise", schema: markRevertedSchema, run: async (ctx, i) => after(ctx, await markReverted(ctx, i)) });
/** The DSL or a deputy: confirm, review, check the filter. */
export const confirmChangeAction = schoolAction({ permission: "filtering:confirm", schema: confirmChangeSchema, run: async (ctx, i) => after(ctx, await confirmChange(ctx, i)) });
export const reviewChangeAction = schoolAction({ permission: "filtering:confirm", schema: reviewChangeSchema, run: async (ctx, i) => after(ctx, await reviewChange(ctx, i)) });
export const recordCheckAction = schoolAction({ permission: "filtering:confirm", schema: recordCheckSchema, run: async (ctx, i) => after(ctx, await recordCheck(ctx, i)) });
/** The Headteacher or the trust administrator. */
export const setResponsiblePeopleAction = schoolAction({ permission: "filtering:manage", schema: responsiblePeopleSchema, run: async (ctx, i) => after(ctx, await setResponsiblePeople(ctx, i)) });
export const recordAnnualReviewAction = schoolAction({ permission: "filtering:manage", schema: annualReviewSchema, run: async (ctx, i) => after(ctx, await recordAnnualReview(ctx, i)) });
