import "server-only";
import { cookies, headers } from "next/headers";
import type { Account, Profile, User } from "next-auth";
import { clientIpFrom } from "@/lib/http/client-ip";
import { identityFrom } from "./providers";
import { amrOf, providerReportsMfa } from "@/lib/auth/mfa/rules";
import { linkFromAccount, signInWithSso, SsoRefused } from "./sign-in";
import { LINK_COOKIE, openLinkIntent } from "./link-intent";

/**
 * next-auth's signIn callback for every OAuth/OIDC provider: true lets the sign-in through (with `user`
 * filled in from our records), a path sends the browser there instead. A link asked for on /account ends
 * back on /account, and the session that asked is kept; everything else is a sign-in by the link rules.
 */
export async function oauthSignIn(user: User, account: Account, profile: Profile | undefined): Promise<true | string> {
  const identity = identityFrom(account.provider, profile as Record<string, unknown> | undefined);
  const ip = clientIpFrom((await headers()).get("x-forwarded-for"));
  const jar = await cookies();
  const intent = openLinkIntent(jar.get(LINK_COOKIE)?.value);
  let linking = false;
  try {
    if (intent && intent.provider === account.provider) {
      jar.set(LINK_COOKIE, "", { path: "/api/auth", maxAge: 0 }); // used once, whatever happens next
      linking = true;
      const linked = await linkFromAccount(intent, identity, ip);
      if (linked) return `/account?sso=${linked === "linked" ? "LINKED" : "ALREADY_LINKED"}`;
      linking = false; // the session that asked has ended: an ordinary sign-in
    }
    Object.assign(user, await signInWithSso(identity, ip, { providerMfa: providerReportsMfa(amrOf(profile, account.id_token)) }));
    return true;
  } catch (e) {
    if (e instanceof SsoRefused) return linking ? `/account?sso=${e.code}` : `/signin?error=${e.code}`;
    console.error("single sign-on failed unexpectedly", e);
    return "/signin?error=UNAVAILABLE";
  }
}
