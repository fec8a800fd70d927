"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { schoolAction, sessionStepAction } from "@/lib/authz/action";
import { clientIpFrom } from "@/lib/http/client-ip";
import { mfaCodeSchema, resetMfaSchema } from "./schemas";
import { confirmEnrolment, resetMfa, startEnrolment, verifySecondStep } from "./service";

async function requestIp() {
  return clientIpFrom((await headers()).get("x-forwarded-for"));
}

export const startMfaEnrolmentAction = sessionStepAction({
  schema: z.strictObject({}),
  run: async (session) => {
    await startEnrolment(session);
    revalidatePath("/account/mfa");
  },
});

export const confirmMfaEnrolmentAction = sessionStepAction({
  schema: mfaCodeSchema,
  run: async (session, { code }) => confirmEnrolment(session, code, await requestIp()),
});

export const verifyMfaAction = sessionStepAction({
  schema: mfaCodeSchema,
  run: async (session, { code }) => verifySecondStep(session, code, await requestIp()),
});

export const resetMfaAction = schoolAction({
  permission: "mfa:reset",
  schema: resetMfaSchema,
  run: async (ctx, { membershipId }) => {
    await resetMfa(ctx, membershipId);
    revalidatePath(`/s/${ctx.school.slug}/people`);
  },
});
