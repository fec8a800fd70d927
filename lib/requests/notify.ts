import "server-only";
import type { Mail } from "@/lib/mail/send";
import { appUrl } from "@/lib/auth/magic-link";
import { requestPath } from "./paths";

// Link only: no kind, no names, no words from the request (seeds: nothing personal in email bodies).

export function requestToDecideMail(to: { email: string }, school: { name: string; slug: string }, requestId: string): Mail {
  return {
    to: to.email,
    subject: `${school.name}: a request needs your decision`,
    text: `A member of staff at ${school.name} has asked for your permission.\n\nOpen it here (you will be asked to sign in):\n${appUrl()}${requestPath(school.slug, requestId)}`,
  };
}

export function requestDecidedMail(to: { email: string }, school: { name: string; slug: string }, requestId: string): Mail {
  return {
    to: to.email,
    subject: `${school.name}: your request has an answer`,
    text: `Your request at ${school.name} has been answered.\n\nOpen it here (you will be asked to sign in):\n${appUrl()}${requestPath(school.slug, requestId)}`,
  };
}
