import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { record } from "@/lib/audit/record";
import { sendMail } from "@/lib/mail/send";
import { hashToken } from "./sign-in";
import { requestMail, type MailRequestRow } from "./outbox";
import { appUrl } from "./url";

export { appUrl };

export const LINK_MINUTES = 15;
const MAX_LINKS_PER_HOUR = 5;

/**
 * Asks for a one-use sign-in link. The request only records the ask, the same write whether or not
 * the address has an account, so neither the answer nor its timing says who works where; the mail
 * runner (outbox.ts) looks the address up and sends the link.
 */
export async function requestMagicLink(email: string, ip: string | null = null): Promise<void> {
  await requestMail("magic-link", email, ip);
}

/** Run by the mail runner: mails an active person a link, at most MAX_LINKS_PER_HOUR an hour. */
export async function deliverMagicLink(req: MailRequestRow): Promise<void> {
  const person = await db.person.findUnique({ where: { email: req.email } });
  const refuse = async (reason: string) => {
    await db.$transaction((tx) =>
      record(tx, { actorId: person?.id ?? null, action: "auth.magic_link_refused", entityType: "Person", entityId: person?.id, data: { email: req.email, ip: req.ip, reason } }),
    );
  };
  if (!person) return refuse("unknown account");
  if (person.status !== "ACTIVE") return refuse(`account ${person.status.toLowerCase()}`);
  const recent = await db.magicLinkToken.count({
    where: { personId: person.id, createdAt: { gte: new Date(Date.now() - 60 * 60_000) } },
  });
  if (recent >= MAX_LINKS_PER_HOUR) return refuse("too many links this hour");
  const token = randomBytes(32).toString("base64url");
  await db.$transaction(async (tx) => {
    await tx.magicLinkToken.create({
      data: { tokenHash: hashToken(token), personId: person.id, expiresAt: new Date(Date.now() + LINK_MINUTES * 60_000) },
    });
    await record(tx, { actorId: person.id, action: "auth.magic_link_requested", entityType: "Person", entityId: person.id, data: { ip: req.ip } });
  });
  await sendMail({
    to: person.email,
    subject: "Your sign-in link",
    text: `Hello ${person.name},\n\nUse this link to sign in. It works once and expires in ${LINK_MINUTES} minutes:\n\n${appUrl()}/magic?token=${token}\n\nIf you did not ask for it, you can ignore this email.`,
  });
}
