import { z } from "zod";
import { parseDateInput } from "@/lib/dates";

// Shared field rules, so the browser form and the server say the same thing in the same words.
// The type message is what a missing field says: a form that leaves it out gets the same plain words.
export const personName = z.string("Enter the person's full name").trim().min(2, "Enter the person's full name").max(120, "Name must be 120 characters or fewer");
export const emailAddress = z
  .string("Enter an email address")
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address")
  .pipe(z.email("Enter an email address like name@school.org.uk").max(254, "Email address is too long"));
export const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();
export const dateField = (label: string) =>
  z
    .string(`Enter the ${label}`)
    .trim()
    .min(1, `Enter the ${label}`)
    .refine((v) => parseDateInput(v) !== null, `Enter the ${label} as a real date`)
    .transform((v) => parseDateInput(v)!);
export const id = z.string().trim().min(1).max(64);
/** A required line of text, with the label in its messages ("Enter the make"). */
export const requiredText = (label: string, max: number) =>
  z.string(`Enter the ${label}`).trim().min(1, `Enter the ${label}`).max(max, `The ${label} must be ${max} characters or fewer`);
/** An optional date field: "" is no date. */
export const optionalDateField = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || parseDateInput(v) !== null, `Enter the ${label} as a real date`)
    .transform((v) => (v === "" ? null : parseDateInput(v)))
    .nullable()
    .optional()
    .transform((v) => v ?? null);
