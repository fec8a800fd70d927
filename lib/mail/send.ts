import "server-only";
import nodemailer from "nodemailer";
import { db } from "@/lib/db";

export type Mail = { to: string; subject: string; text: string };

/**
 * The demo on the embedded database, as `npm start` / `npm run dev` start it (scripts/start.ts sets PGLITE=1
 * and DEMO_MODE=1 only there, and clears both when DATABASE_URL names a real server). Only then does the
 * dev mailbox exist: it shows sign-in links, so never next to real people.
 */
export function embeddedDemo(): boolean {
  return process.env.PGLITE === "1" && process.env.DEMO_MODE === "1";
}

/** The dev mailbox: the embedded demo without SMTP. */
export function devMailboxEnabled(): boolean {
  return !process.env.SMTP_URL && embeddedDemo();
}

/**
 * Where mail goes: SMTP when configured; else the dev mailbox in the embedded demo (and under vitest,
 * whose tests read the table; nothing serves it there); else, in development on a real database, the
 * console only (the developer's terminal, stored nowhere); in production it cannot be sent.
 */
export function mailDestination(): "smtp" | "dev-mailbox" | "console" | "none" {
  if (process.env.SMTP_URL) return "smtp";
  if (devMailboxEnabled() || process.env.NODE_ENV === "test") return "dev-mailbox";
  if (process.env.NODE_ENV === "development") return "console";
  return "none";
}

// Reused per SMTP_URL: if the setting changes (tests start their own server), a new transport is made.
let transport: { url: string; transporter: nodemailer.Transporter } | null = null;
function smtp(): nodemailer.Transporter {
  const url = process.env.SMTP_URL!;
  if (transport?.url !== url) {
    transport?.transporter.close();
    transport = { url, transporter: nodemailer.createTransport(url) };
  }
  return transport.transporter;
}

export async function sendMail(mail: Mail): Promise<void> {
  const from = process.env.MAIL_FROM ?? "ICT policy <no-reply@localhost>";
  switch (mailDestination()) {
    case "smtp":
      await smtp().sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
      return;
    case "dev-mailbox":
      await db.devMail.create({ data: mail });
      console.log(`[dev mailbox] to ${mail.to}: ${mail.subject}\n${mail.text}`);
      return;
    case "console":
      console.log(`[mail not sent: no SMTP_URL] to ${mail.to}: ${mail.subject}\n${mail.text}`);
      return;
    case "none":
      throw new Error("SMTP_URL is not configured: email cannot be sent in production");
  }
}
