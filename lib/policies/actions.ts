"use server";
import { revalidatePath } from "next/cache";
import { schoolAction } from "@/lib/authz/action";
import {
  createPolicySchema,
  updateDraftSchema,
  publishVersionSchema,
  newVersionSchema,
  discardDraftSchema,
  updatePolicySettingsSchema,
} from "./schemas";
import * as policies from "./service";

// Every policy page of the school (list, editor, signing, coverage) shows the latest state.
const refresh = (slug: string) => revalidatePath(`/s/${slug}`, "layout");

export const createPolicyAction = schoolAction({
  permission: "policy:manage",
  schema: createPolicySchema,
  run: async (ctx, input) => {
    const out = await policies.createPolicy(ctx, input);
    refresh(ctx.school.slug);
    return out;
  },
});

export const updateDraftAction = schoolAction({
  permission: "policy:manage",
  schema: updateDraftSchema,
  run: async (ctx, input) => {
    const out = await policies.updateDraft(ctx, input);
    refresh(ctx.school.slug);
    return out;
  },
});

export const publishVersionAction = schoolAction({
  permission: "policy:manage",
  schema: publishVersionSchema,
  run: async (ctx, input) => {
    const out = await policies.publishVersion(ctx, input);
    refresh(ctx.school.slug);
    return out;
  },
});

export const newVersionAction = schoolAction({
  permission: "policy:manage",
  schema: newVersionSchema,
  run: async (ctx, input) => {
    const out = await policies.newVersionFromLatest(ctx, input);
    refresh(ctx.school.slug);
    return out;
  },
});

export const discardDraftAction = schoolAction({
  permission: "policy:manage",
  schema: discardDraftSchema,
  run: async (ctx, input) => {
    const out = await policies.discardDraft(ctx, input);
    refresh(ctx.school.slug);
    return out;
  },
});

export const updatePolicySettingsAction = schoolAction({
  permission: "policy:manage",
  schema: updatePolicySettingsSchema,
  run: async (ctx, input) => {
    await policies.updatePolicySettings(ctx, input);
    refresh(ctx.school.slug);
  },
});
