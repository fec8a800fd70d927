"use server";
import { headers } from "next/headers";
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
    // No revalidatePath here: it made this response carry a re-render of the whole school layout and
    // page (a second round of session, access and induction checks), which the browser then threw away
    // by refreshing. SignForm refreshes once after `ok`, and router.refresh() also empties the client's
    // router cache, so the dashboard, induction gate and "My declarations" are fetched fresh after it.
    // These pages are dynamic (they read the session), so no server-side cache holds them.
    return out;
  },
});
