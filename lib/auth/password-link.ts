import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { record } from "@/lib/audit/record";
import { sendMail } from "@/lib/mail/send";
import { DomainError } from "@/lib/authz/errors";
import { hashToken } from "./sign-in";
import { hashPassword } from "./password";
import { passwordSignInAllowed } from "./password-policy";
import { requestMail, type MailRequestRow } from "./outbox";
import { appUrl } from "./url";

export const PASSWORD_LINK_MINUTES = 30;
const MAX_PASSWORD_LINKS_PER_HOUR = 5;

export const LINK_PROBLEM = "This link has already been used or has expired. Ask for a new one.";

/** Asks for a link to set or reset a password: like a sign-in link, one INSERT whatever the address. */
export async function requestPasswordLink(email: string, ip: string | null): Promise<void> {
  await requestMail("password-link", email, ip);
}

/** Run by the mail runner: mails an active person whose organisations allow passwords a one-use link. */
export async function deliverPasswordLink(req: MailRequestRow): Promise<void> {
  const person = await db.person.findUnique({ where: { email: req.email } });
  const refuse = async (reason: string) => {
    await db.$transaction((tx) =>
      record(tx, { actorId: person?.id ?? null, action: "auth.password_link_refused", entityType: "Person", entityId: person?.id, data: { email: req.email, ip: req.ip, reason } }),
    );
  };
  if (!person) return refuse("unknown account");
  if (person.status !== "ACTIVE") return refuse(`account ${person.status.toLowerCase()}`);
  if (!(await passwordSignInAllowed(person.id))) return refuse("passwords not allowed by the organisation");
  const recent = await db.passwordToken.count({ where: { personId: person.id, createdAt: { gte: new Date(Date.now() - 60 * 60_000) } } });
  if (recent >= MAX_PASSWORD_LINKS_PER_HOUR) return refuse("too many links this hour");
  const token = randomBytes(32).toString("base64url");
  await db.$transaction(async (tx) => {
    await tx.passwordToken.create({
      data: { tokenHash: hashToken(token), personId: person.id, expiresAt: new Date(Date.now() + PASSWORD_LINK_MINUTES * 60_000) },
    });
    await record(tx, { actorId: person.id, action: "auth.password_link_sent", entityType: "Person", entityId: person.id, data: { ip: req.ip } });
  });
  await sendMail({
    to: person.email,
    subject: "Set your password",
    text:
      `Hello ${person.name},\n\nUse this link to set a new password for the school ICT policy site. ` +
      `It works once and expires in ${PASSWORD_LINK_MINUTES} minutes:\n\n${appUrl()}/password/set?token=${token}\n\n` +
      `If you did not ask for it, you can ignore this email: your password has not changed.`,
  });
}

/**
 * Sets the password of the person the link was sent to, using the link up. Every other session of theirs
 * ends (sessionVersion bumped) and their other unused password links stop working. A refusal changes
 * nothing and is recorded in the audit log.
 */
export async function setPasswordWithToken(input: { token: string; password: string }, ip: string | null = null): Promise<void> {
  const now = new Date();
  const row = await db.passwordToken.findUnique({ where: { tokenHash: hashToken(input.token) } });
  const person = row ? await db.person.findUnique({ where: { id: row.personId } }) : null;
  const refuse = async (reason: string, message = LINK_PROBLEM): Promise<never> => {
    await db.$transaction((tx) =>
      record(tx, { actorId: person?.id ?? null, action: "auth.password_set_failed", entityType: "Person", entityId: person?.id, data: { ip, reason } }),
    );
    throw new DomainError(message, "_form");
  };
  if (!row || !person) return refuse("link unknown");
  if (row.usedAt || row.expiresAt <= now) return refuse("link used or expired");
  if (person.status !== "ACTIVE") return refuse(`account ${person.status.toLowerCase()}`);
  if (!(await passwordSignInAllowed(person.id)))
    return refuse("passwords not allowed by the organisation", "Your school does not use passwords here. Sign in with an emailed link instead.");
  // Hashed before the transaction: argon2 takes a moment, and no lock need wait for it.
  const passwordHash = await hashPassword(input.password);
  const done = await db.$transaction(async (tx) => {
    // The conditional update is what makes a second use (even a simultaneous one) fail.
    const used = await tx.passwordToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } });
    if (used.count !== 1) return false;
    await tx.person.update({ where: { id: person.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await tx.passwordToken.updateMany({ where: { personId: person.id, usedAt: null }, data: { usedAt: new Date() } });
    await record(tx, { actorId: person.id, action: "auth.password_set", entityType: "Person", entityId: person.id, data: { ip } });
    return true;
  });
  if (!done) await refuse("link used or expired");
}
