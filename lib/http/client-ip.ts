import { isIP } from "node:net";

// Only addresses added by proxies we run are believed: X-Forwarded-For is otherwise set by the client.
// TRUSTED_PROXY_HOPS = how many proxies (including Next's own server) append to the header in front of us.
export function clientIpFrom(forwardedFor: string | null | undefined, hops = Number(process.env.TRUSTED_PROXY_HOPS ?? 1)): string | null {
  if (!forwardedFor || !Number.isInteger(hops) || hops < 1) return null;
  const chain = forwardedFor.split(",").map((s) => s.trim()).filter(Boolean);
  // The right-most entries were written by our proxies; the one they received the request from is hops from the end.
  const ip = chain[chain.length - hops];
  // A real IPv4 or IPv6 address, not merely hex digits, dots and colons ("cafe", "....", "999.1.1.1").
  return ip && isIP(ip) ? ip : null;
}
