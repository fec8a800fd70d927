"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { schoolAction } from "@/lib/authz/action";
import type { SchoolContext } from "@/lib/authz/access";
import { clientIpFrom } from "@/lib/http/client-ip";
import {
  createAssetSchema, updateAssetSchema, importAssetsSchema, issueLoanSchema, confirmReceiptSchema, recordReturnSchema,
  countersignReturnSchema, reportLossSchema, settleChargeSchema, exitChecklistSchema, recordCheckSchema, equipmentSettingsSchema, termsSchema,
} from "./schemas";
import { saveEquipmentSettings, saveTerms } from "./settings";
import {
  createAsset, updateAsset, previewAssetImport, importAssets, issueLoan, confirmReceipt, recordReturn, countersignReturn,
  reportLoss, settleCharge, saveExitChecklist, recordCheck,
} from "./service";

async function evidence() {
  // Read here, where the request is, and handed to the service as plain values (as declarations do).
  const h = await headers();
  return { ip: clientIpFrom(h.get("x-forwarded-for")), userAgent: h.get("user-agent") };
}
const refresh = (ctx: SchoolContext) => revalidatePath(`/s/${ctx.school.slug}`, "layout");
const after = <T>(ctx: SchoolContext, out: T) => {
  refresh(ctx);
  return out;
};

export const createAssetAction = schoolAction({ permission: "equipment:manage", schema: createAssetSchema, run: async (ctx, input) => after(ctx, await createAsset(ctx, input)) });
export const updateAssetAction = schoolAction({ permission: "equipment:manage", schema: updateAssetSchema, run: async (ctx, input) => after(ctx, await updateAsset(ctx, input)) });
export const previewImportAction = schoolAction({ permission: "equipment:manage", schema: importAssetsSchema, run: (ctx, input) => previewAssetImport(ctx, input) });
export const importAssetsAction = schoolAction({ permission: "equipment:manage", schema: importAssetsSchema, run: async (ctx, input) => after(ctx, await importAssets(ctx, input)) });

/** Managers issue any kind; the ICT lead laptops and tablets (checked per item in the service). */
export const issueLoanAction = schoolAction({ permission: "equipment:issue-it", schema: issueLoanSchema, run: async (ctx, input) => after(ctx, await issueLoan(ctx, input)) });

/** The borrower, signed in on their own device. */
export const confirmReceiptAction = schoolAction({
  permission: "equipment:hold",
  schema: confirmReceiptSchema,
  run: async (ctx, input) => after(ctx, await confirmReceipt(ctx, input, await evidence(), { inPerson: false })),
});
/** The borrower types their name on the manager's device; the manager is recorded as witness. */
export const confirmReceiptInPersonAction = schoolAction({
  permission: "equipment:issue-it",
  schema: confirmReceiptSchema,
  run: async (ctx, input) => after(ctx, await confirmReceipt(ctx, input, await evidence(), { inPerson: true })),
});

export const recordReturnAction = schoolAction({ permission: "equipment:issue-it", schema: recordReturnSchema, run: async (ctx, input) => after(ctx, await recordReturn(ctx, input)) });
export const countersignReturnAction = schoolAction({
  permission: "equipment:hold",
  schema: countersignReturnSchema,
  run: async (ctx, input) => after(ctx, await countersignReturn(ctx, input, await evidence(), { inPerson: false })),
});
export const countersignReturnInPersonAction = schoolAction({
  permission: "equipment:issue-it",
  schema: countersignReturnSchema,
  run: async (ctx, input) => after(ctx, await countersignReturn(ctx, input, await evidence(), { inPerson: true })),
});

/** The borrower reports their own item from "My equipment". */
export const reportMyLossAction = schoolAction({ permission: "equipment:hold", schema: reportLossSchema, run: async (ctx, input) => after(ctx, await reportLoss(ctx, input, { asManager: false })) });
export const reportLossAction = schoolAction({ permission: "equipment:manage", schema: reportLossSchema, run: async (ctx, input) => after(ctx, await reportLoss(ctx, input, { asManager: true })) });
export const settleChargeAction = schoolAction({ permission: "equipment:manage", schema: settleChargeSchema, run: async (ctx, input) => after(ctx, await settleCharge(ctx, input)) });
export const saveExitChecklistAction = schoolAction({ permission: "equipment:manage", schema: exitChecklistSchema, run: async (ctx, input) => after(ctx, await saveExitChecklist(ctx, input)) });
export const recordCheckAction = schoolAction({ permission: "equipment:issue-it", schema: recordCheckSchema, run: async (ctx, input) => after(ctx, await recordCheck(ctx, input, { asBorrower: false })) });
/** The holder's own checks, from "My equipment". */
export const recordMyCheckAction = schoolAction({ permission: "equipment:hold", schema: recordCheckSchema, run: async (ctx, input) => after(ctx, await recordCheck(ctx, input, { asBorrower: true })) });
export const saveEquipmentSettingsAction = schoolAction({ permission: "equipment:manage", schema: equipmentSettingsSchema, run: async (ctx, input) => after(ctx, await saveEquipmentSettings(ctx, input)) });
export const saveTermsAction = schoolAction({ permission: "equipment:manage", schema: termsSchema, run: async (ctx, input) => after(ctx, await saveTerms(ctx, input)) });
