import "server-only";
import nodemailer from "nodemailer";
import { db } from "@/lib/db";

export type Mail = { to: string; subject: string; text: string };

/** Outside production (or in the demo started by `npm start`), mail without SMTP goes to the dev mailbox. */
export function devMailboxEnabled(): boolean {
  if (process.env.SMTP_URL) return false;
  return process.env.NODE_ENV !== "production" || process.env.DEMO_MODE === "1";
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
  if (process.env.SMTP_URL) {
    await smtp().sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    return;
  }
  if (!devMailboxEnabled()) throw new Error("SMTP_URL is not configured: email cannot be sent in production");
  await db.devMail.create({ data: mail });
  console.log(`[dev mailbox] to ${mail.to}: ${mail.subject}\n${mail.text}`);
}
