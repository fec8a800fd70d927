import { z } from "zod";
import { emailAddress } from "@/lib/validation";

// NCSC: length over complexity rules; at least 12 characters, or three random words.
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export const newPassword = z
  .string("Enter a new password")
  .min(1, "Enter a new password")
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters. Three random words make a strong password.`)
  .max(MAX_PASSWORD_LENGTH, `Use ${MAX_PASSWORD_LENGTH} characters or fewer`)
  .refine((v) => v.trim().length >= MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters, not only spaces.`);

export const emailRequestSchema = z.strictObject({ email: emailAddress });

export const setPasswordSchema = z
  .strictObject({
    token: z.string("This link is not complete").min(1, "This link is not complete").max(200, "This link is not complete"),
    password: newPassword,
    confirm: z.string("Enter the same password again").min(1, "Enter the same password again"),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords are not the same" });
