"use server";
import { z } from "zod";
import { publicAction } from "@/lib/authz/action";
import { emailAddress } from "@/lib/validation";
import { requestMagicLink } from "./magic-link";

export const requestMagicLinkAction = publicAction({
  schema: z.strictObject({ email: emailAddress }),
  run: ({ email }) => requestMagicLink(email),
});
