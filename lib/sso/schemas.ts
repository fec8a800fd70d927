import { z } from "zod";
import { id } from "@/lib/validation";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DOMAIN = /^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
// Personal accounts, not an organisation's: Microsoft's tenant for consumer accounts, and Gmail.
export const CONSUMER_ENTRA_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";
const CONSUMER_GOOGLE_DOMAINS = ["gmail.com", "googlemail.com"];

export const trustTenantSchema = z
  .strictObject({
    kind: z.enum(["ENTRA", "GOOGLE"], "Choose Microsoft Entra ID or Google Workspace"),
    tenant: z.string("Enter the tenant id or domain").trim().toLowerCase().min(1, "Enter the tenant id or domain").max(253, "That is too long for a tenant id or domain"),
  })
  .superRefine((v, ctx) => {
    const say = (message: string) => ctx.addIssue({ code: "custom", path: ["tenant"], message });
    if (v.kind === "ENTRA") {
      if (!GUID.test(v.tenant)) say("An Entra tenant id looks like 72f988bf-86f1-41af-91ab-2d7cd011db47 (Entra admin centre → Overview)");
      else if (v.tenant === CONSUMER_ENTRA_TENANT) say("This is Microsoft's tenant for personal accounts: anyone can have one, so it cannot be trusted");
    } else if (!DOMAIN.test(v.tenant)) say("Enter the Workspace domain, like heathfield.org.uk");
    else if (CONSUMER_GOOGLE_DOMAINS.includes(v.tenant)) say("Personal Gmail addresses are not a Workspace domain: anyone can have one");
  });

export const removeTenantSchema = z.strictObject({ tenantId: id });

export const ssoProviderSchema = z.strictObject({ provider: z.string().trim().min(1, "Choose a provider").max(32) });
