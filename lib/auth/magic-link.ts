import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { record } from "@/lib/audit/record";
import { sendMail } from "@/lib/mail/send";
import { hashToken } from "./sign-in";

export const LINK_MINUTES = 15;
const MAX_LINKS_PER_HOUR = 5;

export function appUrl(): string {
  return (process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

/**
 * Emails a one-use sign-in link to an active person. The answer is the same whether or not the
 * address has an account, so the form cannot be used to find out who works where.
 */
export async function requestMagicLink(email: string): Promise<void> {
  const person = await db.person.findUnique({ where: { email } });
  if (!person || person.status !== "ACTIVE") return;
  const recent = await db.magicLinkToken.count({
    where: { personId: person.id, createdAt: { gte: new Date(Date.now() - 60 * 60_000) } },
  });
  if (recent >= MAX_LINKS_PER_HOUR) return;
  const token = randomBytes(32).toString("base64url");
  await db.$transaction(async (tx) => {
    await tx.magicLinkToken.create({
      data: { tokenHash: hashToken(token), personId: person.id, expiresAt: new Date(Date.now() + LINK_MINUTES * 60_000) },
    });
    await record(tx, { actorId: person.id, action: "auth.magic_link_requested", entityType: "Person", entityId: person.id });
  });
  await sendMail({
    to: person.email,
    subject: "Your sign-in link",
    text: `Hello ${person.name},\n\nUse this link to sign in. It works once and expires in ${LINK_MINUTES} minutes:\n\n${appUrl()}/magic?token=${token}\n\nIf you did not ask for it, you can ignore this email.`,
  });
}
