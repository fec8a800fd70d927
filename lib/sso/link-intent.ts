import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { LinkIntent } from "./sign-in";

/**
 * "Link my Microsoft account" leaves this cookie for the provider's callback to find: who asked, from which
 * session, for which provider, until when, signed with the app's secret. HttpOnly and SameSite=Lax (the
 * provider's redirect back is a top-level navigation, so it is sent), ten minutes. The callback still
 * checks the session against the database (lib/sso/sign-in.ts linkFromAccount).
 */
export const LINK_COOKIE = "ict-sso-link";
export const LINK_TTL_SECONDS = 600;

function secret(): string {
  const s = process.env.NEXTAUTH_SECRET;
  if (!s) throw new Error("NEXTAUTH_SECRET is not set");
  return s;
}
const sign = (body: string) => createHmac("sha256", secret()).update(`sso-link:${body}`).digest("base64url");

export function sealLinkIntent(intent: LinkIntent, now = Date.now()): string {
  const body = Buffer.from(JSON.stringify({ ...intent, exp: now + LINK_TTL_SECONDS * 1000 })).toString("base64url");
  return `${body}.${sign(body)}`;
}

export function openLinkIntent(value: string | undefined | null, now = Date.now()): LinkIntent | null {
  if (!value || value.length > 1000) return null;
  const [body, mac] = value.split(".");
  if (!body || !mac) return null;
  const expected = Buffer.from(sign(body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const v = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    if (typeof v.exp !== "number" || v.exp < now) return null;
    if (![v.personId, v.sessionId, v.provider].every((x) => typeof x === "string" && x.length > 0 && x.length <= 64)) return null;
    return { personId: v.personId, sessionId: v.sessionId, provider: v.provider };
  } catch {
    return null;
  }
}
