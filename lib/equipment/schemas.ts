import { z } from "zod";
import { AssetKind, AssetStatus } from "@/generated/prisma/enums";
import { id, optionalText, dateField, requiredText as required, optionalDateField as optionalDate } from "@/lib/validation";
import { MAX_SIGNATURE_DATA_URL } from "@/lib/declarations/signature";
import { MANUAL_STATUSES } from "./kinds";
import { parseLondonDateTime } from "@/lib/incidents/breach-clock";

// Shared by the forms and the server actions; the rules that need the database are in service.ts.

const kind = z.enum(Object.values(AssetKind) as [AssetKind, ...AssetKind[]], "Choose the kind of equipment");

export const assetFields = {
  tag: required("asset tag", 40),
  kind,
  make: required("make", 80),
  model: required("model", 80),
  serialNumber: optionalText(80, "Serial number"),
  encrypted: z.boolean(),
  personalData: z.boolean(),
  notes: optionalText(1000, "Notes"),
};
export const createAssetSchema = z.strictObject(assetFields);
export type CreateAssetInput = z.input<typeof createAssetSchema>;

export const updateAssetSchema = z.strictObject({
  assetId: id,
  ...assetFields,
  status: z.enum(MANUAL_STATUSES as [AssetStatus, ...AssetStatus[]], "Choose a status"),
});
export type UpdateAssetInput = z.input<typeof updateAssetSchema>;

export const importAssetsSchema = z.strictObject({
  csv: z.string("Choose a CSV file").min(1, "Choose a CSV file").max(500_000, "The file is too large (at most 500 KB)"),
});

export const signatureField = z
  .string()
  .max(MAX_SIGNATURE_DATA_URL, "The drawn signature is too large. Clear it and draw it again.")
  .refine((v) => v === "" || v.startsWith("data:image/png;base64,"), "The drawn signature must be a PNG image.")
  .transform((v) => (v === "" ? null : v))
  .nullable()
  .optional()
  .transform((v) => v ?? null);
const typedName = z.string("Type your full name").trim().min(2, "Type your full name").max(120, "Your name must be 120 characters or fewer");

export const issueLoanSchema = z.strictObject({
  borrowerId: id.or(z.literal("")).refine((v) => v !== "", "Choose who is borrowing it"),
  startDate: dateField("start date"),
  items: z
    .array(
      z.strictObject({
        assetId: id,
        dueBack: optionalDate("due-back date"),
        mayLeaveSite: z.boolean().optional().default(false),
        offSiteReason: optionalText(300, "Reason"),
      }),
    )
    .min(1, "Choose at least one item")
    .max(20, "At most 20 items in one sitting"),
  // For a camera that may leave the site: the Headteacher's agreement, recorded by who issues it.
  headAgreed: z.boolean().optional().default(false),
});
export type IssueLoanInput = z.input<typeof issueLoanSchema>;

export const confirmReceiptSchema = z.strictObject({
  loanId: id,
  typedName,
  signaturePng: signatureField,
  confirmed: z.literal(true, "Tick the box to confirm you have received the items and understand the conditions"),
});
export type ConfirmReceiptInput = z.input<typeof confirmReceiptSchema>;

export const recordReturnSchema = z.strictObject({
  loanId: id,
  itemIds: z.array(id).min(1, "Choose the items being returned"),
  returnedOn: dateField("date returned"),
  condition: required("condition", 300),
});
export type RecordReturnInput = z.input<typeof recordReturnSchema>;

export const countersignReturnSchema = z.strictObject({
  returnId: id,
  typedName,
  signaturePng: signatureField,
  confirmed: z.literal(true, "Tick the box to confirm you handed these items back"),
});
export type CountersignReturnInput = z.input<typeof countersignReturnSchema>;

/** A datetime-local field read as London time, as the incident forms read theirs. */
const datetimeLocal = z
  .string("Enter when it happened")
  .trim()
  .refine((v) => parseLondonDateTime(v) !== null, "Enter when it happened as a real date and time")
  .transform((v) => parseLondonDateTime(v)!);

export const reportLossSchema = z.strictObject({
  assetId: id,
  kind: z.enum(["LOST", "STOLEN"], "Say whether it was lost or stolen"),
  occurredAt: datetimeLocal,
  place: required("place", 300),
  wasEncrypted: z.boolean(),
  contents: required("description of what it held", 1000),
});
export type ReportLossInput = z.input<typeof reportLossSchema>;

export const settleChargeSchema = z
  .strictObject({
    lossId: id,
    outcome: z.enum(["PAID", "WAIVED"], "Choose paid or waived"),
    note: optionalText(300, "Reason"),
  })
  .refine((v) => v.outcome !== "WAIVED" || !!v.note, { message: "Say why the charge is waived", path: ["note"] });
export type SettleChargeInput = z.input<typeof settleChargeSchema>;

export const exitChecklistSchema = z.strictObject({
  membershipId: id,
  idPassReturned: z.boolean(),
  accessFobReturned: z.boolean(),
});

export const recordCheckSchema = z.strictObject({
  assetId: id,
  check: z.enum(["CAMERA_CLEARED", "LAPTOP_UPDATES", "PHONE_TEXTS_DELETED", "ANNUAL_CONFIRMATION"], "Choose the check"),
  note: optionalText(300, "Note"),
});

export const equipmentSettingsSchema = z.strictObject({
  charge: z
    .string("Enter the replacement charge")
    .trim()
    .regex(/^£?\d{1,4}(\.\d{2})?$/, "Enter the charge in pounds, for example 25 or 25.00"),
  conditions: z.partialRecord(kind, z.string().trim().max(4000, "At most 4,000 characters")),
}).transform(({ charge, conditions }) => ({ chargePence: Math.round(Number(charge.replace("£", "")) * 100), conditions }));
export type EquipmentSettingsInput = z.input<typeof equipmentSettingsSchema>;

const term = z
  .strictObject({
    name: required("term's name", 60),
    startDate: dateField("first day"),
    endDate: dateField("last day"),
    halfTermStart: optionalDate("half-term's first day"),
    halfTermEnd: optionalDate("half-term's last day"),
  })
  .refine((t) => t.endDate > t.startDate, { message: "The last day must be after the first", path: ["endDate"] })
  .refine((t) => (t.halfTermStart === null) === (t.halfTermEnd === null), { message: "Enter both days of the half-term break, or neither", path: ["halfTermEnd"] })
  .refine((t) => !t.halfTermStart || !t.halfTermEnd || (t.halfTermStart > t.startDate && t.halfTermEnd < t.endDate && t.halfTermEnd >= t.halfTermStart), {
    message: "The half-term break must fall inside the term",
    path: ["halfTermStart"],
  });
export const termsSchema = z.strictObject({ terms: z.array(term).min(1, "Enter at least one term").max(12, "At most 12 terms") });
export type TermsInput = z.input<typeof termsSchema>;
