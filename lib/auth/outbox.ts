import "server-only";
import { db } from "@/lib/db";
import { MAX_EMAIL_LENGTH } from "./rate-limit";

export type MailKind = "magic-link" | "password-link";
export type MailRequestRow = { id: string; kind: string; email: string; ip: string | null; createdAt: Date };

type Runner = { kick: () => void };
const g = globalThis as unknown as { __ictMailRunner?: Runner };

/** Lets the running mail runner in this process (mail-runner.ts) be woken without importing it. */
export function registerMailRunner(runner: Runner | undefined) {
  g.__ictMailRunner = runner;
}

/** Wakes this process's mail runner after requests were written in a caller's transaction (staff import). */
export function kickMailRunner() {
  g.__ictMailRunner?.kick();
}

/**
 * The whole of a public mail request: one INSERT, whatever the address. Whether it has an account,
 * and the sending, are the runner's business, off the request path.
 */
export async function requestMail(kind: MailKind, email: string, ip: string | null): Promise<void> {
  await db.mailRequest.create({ data: { kind, email: email.slice(0, MAX_EMAIL_LENGTH), ip }, select: { id: true } });
  // Wakes this process's runner (after the response, never awaited); other instances poll.
  g.__ictMailRunner?.kick();
}
