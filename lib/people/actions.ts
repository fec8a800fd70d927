"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { schoolAction, personAction } from "@/lib/authz/action";
import { addPersonSchema, changeRolesSchema, markLeaverSchema, setSuspendedSchema } from "./schemas";
import * as people from "./service";
import { mailLeaverKit } from "@/lib/equipment/leavers";

export const addPersonAction = schoolAction({
  permission: "people:manage",
  schema: addPersonSchema,
  run: async (ctx, input) => {
    const out = await people.addPerson(ctx, input);
    revalidatePath(`/s/${ctx.school.slug}/people`);
    return out;
  },
});

export const changeRolesAction = schoolAction({
  permission: "people:manage",
  schema: changeRolesSchema,
  run: async (ctx, input) => {
    await people.changeRoles(ctx, input);
    revalidatePath(`/s/${ctx.school.slug}/people`);
  },
});

export const markLeaverAction = schoolAction({
  permission: "people:manage",
  schema: markLeaverSchema,
  run: async (ctx, input) => {
    await people.markLeaver(ctx, input);
    await mailLeaverKit(ctx, input.membershipId); // equipment: tell the Business Manager what they still hold
    revalidatePath(`/s/${ctx.school.slug}/people`);
  },
});

export const setSuspendedAction = schoolAction({
  permission: "people:manage",
  schema: setSuspendedSchema,
  run: async (ctx, input) => {
    await people.setSuspended(ctx, input);
    revalidatePath(`/s/${ctx.school.slug}/people`);
  },
});

export const signOutEverywhereAction = personAction({
  schema: z.strictObject({}),
  run: (person) => people.signOutEverywhere(person.id),
});
