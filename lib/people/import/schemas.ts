import { z } from "zod";
import { IMPORT_FIELDS } from "./columns";
import { MAX_FILE_BYTES } from "./limits";
import { dateField, id } from "@/lib/validation";

// The file travels as base64 so the server sees its bytes and can tell UTF-8 from anything else.
const file = z
  .string("Choose a CSV file")
  .min(1, "Choose a CSV file")
  .max(Math.ceil(MAX_FILE_BYTES / 3) * 4, `The file is larger than ${MAX_FILE_BYTES / 1_000_000} MB. A staff list is much smaller: check it is the right file.`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, "Choose a CSV file");

const mapping = z.partialRecord(z.enum(IMPORT_FIELDS), z.string().trim().toLowerCase().max(200));

export const checkImportSchema = z.strictObject({ file, mapping: mapping.optional() });
export const applyImportSchema = z.strictObject({
  file,
  mapping,
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, "Check the file again before importing it."),
  sendLinks: z.boolean(),
});
export const endLeaversSchema = z.strictObject({
  leavers: z.array(z.strictObject({ membershipId: id, endDate: dateField("leaving date") }), "Choose at least one leaver").min(1, "Choose at least one leaver").max(5_000),
});
