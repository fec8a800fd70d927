"use server";
import { revalidatePath } from "next/cache";
import { schoolAction } from "@/lib/authz/action";
import { remindOutstandingSchema } from "./schemas";
import { remindAllOutstanding } from "./service";

/** The "Remind all outstanding" button on a policy's coverage page. */
export const remindOutstandingAction = schoolAction({
  permission: "reminder:send",
  schema: remindOutstandingSchema,
  run: async (ctx, input) => {
    const out = await remindAllOutstanding(ctx, input);
    revalidatePath(`/s/${ctx.school.slug}`, "layout");
    return out;
  },
});
