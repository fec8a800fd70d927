"use server";
import { headers } from "next/headers";
import { z } from "zod";
import { publicAction, personAction } from "@/lib/authz/action";
import { clientIpFrom } from "@/lib/http/client-ip";
import { requestMagicLink } from "./magic-link";
import { requestPasswordLink, setPasswordWithToken } from "./password-link";
import { emailRequestSchema, setPasswordSchema } from "./schemas";

async function requestIp() {
  return clientIpFrom((await headers()).get("x-forwarded-for"));
}

export const requestMagicLinkAction = publicAction({
  schema: emailRequestSchema,
  run: async ({ email }) => requestMagicLink(email, await requestIp()),
});

export const requestPasswordLinkAction = publicAction({
  schema: emailRequestSchema,
  run: async ({ email }) => requestPasswordLink(email, await requestIp()),
});

/** From the account page: a link to the signed-in person's own address (the mailbox proves it is them). */
export const requestMyPasswordLinkAction = personAction({
  schema: z.strictObject({}),
  run: async (person) => requestPasswordLink(person.email, await requestIp()),
});

export const setPasswordAction = publicAction({
  schema: setPasswordSchema,
  run: async ({ token, password }) => setPasswordWithToken({ token, password }, await requestIp()),
});
