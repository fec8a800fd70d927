import "server-only";
import { db } from "@/lib/db";
import { registerMailRunner, type MailRequestRow } from "./outbox";
import { deliverMagicLink, LINK_MINUTES } from "./magic-link";
import { deliverPasswordLink } from "./password-link";

const HANDLERS: Record<string, (req: MailRequestRow) => Promise<unknown>> = {
  "magic-link": deliverMagicLink,
  "password-link": deliverPasswordLink,
};

const BATCH = 10;
const MAX_ATTEMPTS = 5;
// A claimed request whose instance died is picked up again after this.
const CLAIM_MS = 2 * 60_000;
// A link that arrives long after it was asked for is no use to anyone: the person has asked again.
const GIVE_UP_AFTER_MS = LINK_MINUTES * 60_000;

/**
 * Claims a batch of waiting requests (SKIP LOCKED, so instances share the queue without sending twice)
 * and handles each. A failed send is tried again later, up to MAX_ATTEMPTS. Returns how many it handled.
 */
export async function processMailRequests(opts: { now?: Date; email?: string } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  // Only this address's requests when given (tests running side by side share one database).
  const email = opts.email ?? null;
  const rows = await db.$queryRaw<MailRequestRow[]>`
    UPDATE "MailRequest" SET attempts = attempts + 1, "lockedUntil" = ${new Date(now.getTime() + CLAIM_MS)}
    WHERE id IN (
      SELECT id FROM "MailRequest"
      WHERE "doneAt" IS NULL AND (${email}::text IS NULL OR email = ${email}) AND attempts < ${MAX_ATTEMPTS} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
      ORDER BY "createdAt" LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, email, ip, "createdAt"`;
  for (const row of rows) {
    const handler = HANDLERS[row.kind];
    try {
      if (!handler) throw new Error(`no handler for mail request kind ${row.kind}`);
      if (now.getTime() - row.createdAt.getTime() > GIVE_UP_AFTER_MS) throw new Error("too late to send");
      await handler(row);
      await db.mailRequest.update({ where: { id: row.id }, data: { doneAt: new Date(), lockedUntil: null, error: null } });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      console.error(`mail: request ${row.id} (${row.kind}) failed`, error);
      const final = error === "too late to send" || !handler;
      await db.mailRequest
        .update({ where: { id: row.id }, data: { error: error.slice(0, 500), ...(final ? { doneAt: new Date() } : { lockedUntil: new Date(Date.now() + 30_000) }) } })
        .catch(() => {});
    }
  }
  return rows.length;
}

/** Until nothing is waiting (or nothing for this address). */
export async function drainMailRequests(opts: { now?: Date; email?: string } = {}): Promise<void> {
  while ((await processMailRequests(opts)) > 0) {}
}

/** Done requests and ended sessions are kept a week for questions, then removed. */
export async function tidyAuthTables(now = new Date()) {
  const weekAgo = new Date(now.getTime() - 7 * 24 * 60 * 60_000);
  await db.mailRequest.deleteMany({ where: { doneAt: { lt: weekAgo } } });
  await db.authSession.deleteMany({ where: { expiresAt: { lt: weekAgo } } });
}

const state = globalThis as unknown as { __ictMailTimer?: ReturnType<typeof setInterval> };

/**
 * Starts this process's mail runner (instrumentation.ts): a poll every few seconds, and an immediate
 * run when a request in this process kicks it. One run at a time; timers never keep a process alive.
 */
export function startMailRunner(opts: { intervalMs?: number } = {}) {
  if (state.__ictMailTimer) return;
  let running: Promise<void> | null = null;
  let again = false;
  let lastTidy = 0;
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await drainMailRequests();
        if (Date.now() - lastTidy > 60 * 60_000) {
          lastTidy = Date.now();
          await tidyAuthTables();
        }
      } while (again);
    })()
      .catch((e) => console.error("mail: the runner failed", e))
      .finally(() => {
        running = null;
      });
  };
  state.__ictMailTimer = setInterval(run, opts.intervalMs ?? 3_000);
  state.__ictMailTimer.unref();
  registerMailRunner({ kick: () => setImmediate(run) });
}

export function stopMailRunner() {
  if (state.__ictMailTimer) clearInterval(state.__ictMailTimer);
  state.__ictMailTimer = undefined;
  registerMailRunner(undefined);
}
