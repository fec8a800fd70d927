"use server";
import { revalidatePath } from "next/cache";
import { schoolAction } from "@/lib/authz/action";
import { applyImportSchema, checkImportSchema, endLeaversSchema } from "./schemas";
import { applyImport, checkImport, endLeavers } from "./service";

/** The dry run: writes nothing, but reads the school's list, so it is for people managers only. */
export const checkStaffImportAction = schoolAction({ permission: "people:manage", schema: checkImportSchema, run: checkImport });

export const applyStaffImportAction = schoolAction({
  permission: "people:manage",
  schema: applyImportSchema,
  run: async (ctx, input) => {
    const out = await applyImport(ctx, input);
    revalidatePath(`/s/${ctx.school.slug}/people`);
    return out;
  },
});

export const endLeaversAction = schoolAction({
  permission: "people:manage",
  schema: endLeaversSchema,
  run: async (ctx, input) => {
    const out = await endLeavers(ctx, input);
    revalidatePath(`/s/${ctx.school.slug}/people`);
    return out;
  },
});
