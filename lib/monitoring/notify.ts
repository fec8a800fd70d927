import "server-only";
import type { Mail } from "@/lib/mail/send";
import { appUrl } from "@/lib/auth/magic-link";
import { authorisationPath } from "./paths";

// A link and the school's name, nothing else: no names, no grounds, and "monitoring" only in the link's
// path, not in the subject line a lock screen shows. Mail is read on phones and shared; the details stay
// behind sign-in and the RLS.
// Recipients come from the database's own rule (monitoring_deciders_of), which never includes the subject.

const link = (school: { slug: string }, id: string) => `${appUrl()}${authorisationPath(school.slug, id)}`;

export function decisionNeededMail(to: { email: string }, school: { name: string; slug: string }, id: string): Mail {
  return {
    to: to.email,
    subject: `${school.name}: a confidential request needs your decision`,
    text:
      `A confidential request at ${school.name} needs your decision.\n\n` +
      `Open it here (you will be asked to sign in):\n${link(school, id)}\n\nPlease do not forward this email.`,
  };
}

export function decidedMail(to: { email: string }, school: { name: string; slug: string }, id: string): Mail {
  return {
    to: to.email,
    subject: `${school.name}: your confidential request has been decided`,
    text:
      `The confidential request you made at ${school.name} has been decided.\n\n` +
      `Open it here (you will be asked to sign in):\n${link(school, id)}\n\nPlease do not forward this email.`,
  };
}

export function endedMail(to: { email: string }, school: { name: string; slug: string }, id: string): Mail {
  return {
    to: to.email,
    subject: `${school.name}: please record the outcome of your confidential request`,
    text:
      `The period of the confidential request you made at ${school.name} has ended. Please record its outcome.\n\n` +
      `Open it here (you will be asked to sign in):\n${link(school, id)}\n\nPlease do not forward this email.`,
  };
}
