"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { schoolAction } from "@/lib/authz/action";
import { clientIpFrom } from "@/lib/http/client-ip";
import { signDeclarationSchema } from "./schemas";
import { signDeclaration } from "./service";

export const signDeclarationAction = schoolAction({
  permission: "declaration:sign",
  schema: signDeclarationSchema,
  run: async (ctx, input) => {
    // Request evidence is read here, where the request is, and handed to the service as plain values.
    const h = await headers();
    const out = await signDeclaration(ctx, input, {
      ip: clientIpFrom(h.get("x-forwarded-for")),
      userAgent: h.get("user-agent"),
    });
    // Dashboard, induction gate, "My declarations" and coverage all change.
    revalidatePath(`/s/${ctx.school.slug}`, "layout");
    return out;
  },
});
