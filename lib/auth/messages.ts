// next-auth hands back an error code; a person reads these words instead.
export const SIGN_IN_MESSAGES: Record<string, string> = {
  INVALID: "The email address or password is not right. Check them and try again.",
  CredentialsSignin: "The email address or password is not right. Check them and try again.",
  LOCKED: "Too many failed attempts for this account. Wait 15 minutes, or ask for an email sign-in link.",
  ADDRESS_LOCKED: "Too many failed attempts from your network. Wait 15 minutes, or ask for an email sign-in link.",
  PASSWORD_NOT_ALLOWED:
    "Your school does not use passwords here. Ask for an email sign-in link, or use your school's Microsoft or Google sign-in.",
  LINK_INVALID: "This sign-in link has already been used or has expired. Ask for a new one.",
  NO_ACCOUNT: "There is no active account for that address here. Ask your school office to add you.",
  AccessDenied: "There is no active account for that address here. Ask your school office to add you.",
  UNAVAILABLE: "Sign-in is not available just now. Please try again in a minute.",
  // Single sign-on (lib/sso/sign-in.ts): also shown on /account after "Link my … account".
  SSO_NO_IDENTITY: "Your Microsoft or Google sign-in did not say who you are. Please try again, or sign in another way.",
  SSO_UNTRUSTED:
    "That Microsoft or Google account is not from an organisation your school trusts for signing in. Use your school account, or sign in another way.",
  SSO_UNVERIFIED:
    "Your Microsoft or Google account has not confirmed your email address. Sign in another way, then link the account from “Your account”.",
  SSO_LINKED_ELSEWHERE: "That Microsoft or Google account is already linked to someone else here. Ask your school office.",
  SSO_OTHER_LINK:
    "Your account here is already linked to a different account with that provider. Use that one, or unlink it from “Your account” first.",
};

export function signInMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return SIGN_IN_MESSAGES[code] ?? "Sign-in did not work. Please try again.";
}

/** Only paths on this site may be returned to after signing in. */
export function safeCallbackUrl(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith("/")) return "/";
  // Browsers drop tabs and newlines and read "\" as "/", so "/\t/evil.example" would leave the site:
  // resolve it the way a browser would and keep it only if it stays on our origin.
  try {
    const base = "http://this.invalid";
    const url = new URL(raw, base);
    if (url.origin !== base || /[\u0000-\u001F\u007F\\]/.test(raw)) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
