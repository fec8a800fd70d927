"use server";
import { revalidatePath } from "next/cache";
import { schoolAction } from "@/lib/authz/action";
import type { SchoolContext } from "@/lib/authz/access";
import { submitRequestSchema, approveRequestSchema, declineRequestSchema, askMoreSchema, acknowledgeSchema, answerSchema, withdrawSchema } from "./schemas";
import { submitRequest, answerRequest, withdrawRequest, approveRequest, declineRequest, askForMore, acknowledgeRequest } from "./service";

const after = <T>(ctx: SchoolContext, out: T) => {
  revalidatePath(`/s/${ctx.school.slug}/requests`, "layout");
  return out;
};

// Every member may ask; whether this person may decide this request is the kinds table and their roles,
// checked in the service (and again by the database), so every action here needs only request:make.
export const submitRequestAction = schoolAction({ permission: "request:make", schema: submitRequestSchema, run: async (ctx, input) => after(ctx, await submitRequest(ctx, input)) });
export const answerRequestAction = schoolAction({ permission: "request:make", schema: answerSchema, run: async (ctx, input) => after(ctx, await answerRequest(ctx, input)) });
export const withdrawRequestAction = schoolAction({ permission: "request:make", schema: withdrawSchema, run: async (ctx, input) => after(ctx, await withdrawRequest(ctx, input)) });
export const approveRequestAction = schoolAction({ permission: "request:make", schema: approveRequestSchema, run: async (ctx, input) => after(ctx, await approveRequest(ctx, input)) });
export const declineRequestAction = schoolAction({ permission: "request:make", schema: declineRequestSchema, run: async (ctx, input) => after(ctx, await declineRequest(ctx, input)) });
export const askForMoreAction = schoolAction({ permission: "request:make", schema: askMoreSchema, run: async (ctx, input) => after(ctx, await askForMore(ctx, input)) });
export const acknowledgeRequestAction = schoolAction({ permission: "request:make", schema: acknowledgeSchema, run: async (ctx, input) => after(ctx, await acknowledgeRequest(ctx, input)) });
