"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { schoolAction, personAction } from "@/lib/authz/action";
import { DomainError } from "@/lib/authz/errors";
import { getSessionClaims } from "@/lib/auth/claims";
import { oidcProviders } from "@/lib/auth/options";
import { appUrl } from "@/lib/auth/url";
import { trustTenantSchema, removeTenantSchema, ssoProviderSchema } from "./schemas";
import { trustTenant, removeTrustedTenant, unlinkSso } from "./service";
import { LINK_COOKIE, LINK_TTL_SECONDS, sealLinkIntent } from "./link-intent";

export const trustTenantAction = schoolAction({
  permission: "organisation:sso",
  schema: trustTenantSchema,
  run: async (ctx, input) => {
    const out = await trustTenant(ctx, input);
    revalidatePath(`/s/${ctx.school.slug}/organisation/sign-in`);
    return out;
  },
});

export const removeTrustedTenantAction = schoolAction({
  permission: "organisation:sso",
  schema: removeTenantSchema,
  run: async (ctx, input) => {
    const out = await removeTrustedTenant(ctx, input);
    revalidatePath(`/s/${ctx.school.slug}/organisation/sign-in`);
    return out;
  },
});

const configured = (provider: string) => {
  if (!oidcProviders.some((p) => p.id === provider)) throw new DomainError("That sign-in provider is not set up here.", "provider");
};

/**
 * "Link my Microsoft account": remembers, for the provider's callback, that this signed-in person and
 * session asked (lib/sso/link-intent.ts). The browser then goes to the provider.
 */
export const startSsoLinkAction = personAction({
  schema: ssoProviderSchema,
  run: async (person, { provider }) => {
    configured(provider);
    const claims = await getSessionClaims();
    if (!claims?.sessionId) throw new DomainError("Your session has ended. Please sign in again.");
    (await cookies()).set(LINK_COOKIE, sealLinkIntent({ personId: person.id, sessionId: claims.sessionId, provider }), {
      httpOnly: true,
      sameSite: "lax",
      secure: appUrl().startsWith("https://"),
      path: "/api/auth",
      maxAge: LINK_TTL_SECONDS,
    });
    return { provider };
  },
});

export const unlinkSsoAction = personAction({
  schema: ssoProviderSchema,
  run: async (person, { provider }) => {
    const out = await unlinkSso(person, provider);
    revalidatePath("/account");
    return out;
  },
});
