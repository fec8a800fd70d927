import "server-only";
import { runSealQueue } from "./service";
import { runInScope } from "@/lib/db/context";

// The sealing worker in each server process (started by instrumentation.ts). It works the queue every
// few seconds, and at once when this process has just queued something (pokeSealWorker), always after
// the signing transaction has committed and never on a request's path.

const g = globalThis as unknown as { __ictSealWorker?: { timer: ReturnType<typeof setInterval>; running: boolean; again: boolean } };

async function drain() {
  const w = g.__ictSealWorker;
  if (!w) return;
  if (w.running) {
    w.again = true;
    return;
  }
  w.running = true;
  try {
    do {
      w.again = false;
      // Across schools, for no one request: started in no scope (a poke comes from a request's action and
      // would carry its scope), each PDF then in its own school's (decisions/0028).
      await runInScope(null, () => runSealQueue());
    } while (w.again);
  } catch (e) {
    console.error("seal: the sealing worker failed", e);
  } finally {
    w.running = false;
  }
}

export function startSealWorker(opts: { intervalMs?: number } = {}) {
  if (g.__ictSealWorker) return;
  const timer = setInterval(() => void drain(), opts.intervalMs ?? 15_000);
  timer.unref();
  g.__ictSealWorker = { timer, running: false, again: false };
  setTimeout(() => void drain(), 5_000).unref();
}

/** After a commit that queued seals: work the queue soon, off the request's path. Does nothing where no worker runs (tests, scripts). */
export function pokeSealWorker() {
  if (!g.__ictSealWorker) return;
  setImmediate(() => void drain());
}
