import "server-only";
import { peerIsLoopback } from "@/lib/http/client-ip";
import { devMailboxEnabled } from "./send";

/**
 * Whether /dev/mailbox may be shown for this request: the embedded demo without SMTP, and a request from
 * this machine (the TCP peer our server appended to X-Forwarded-For is loopback). `next start` listens on
 * every interface, and the page shows sign-in links.
 */
export function mailboxVisible(forwardedFor: string | null | undefined): boolean {
  return devMailboxEnabled() && peerIsLoopback(forwardedFor);
}
