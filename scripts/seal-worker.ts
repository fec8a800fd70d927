// The PDF sealing worker as its own process (docs/decisions/0026-signing-cheap-over-http.md), started by
// scripts/serve.mjs beside the app on a real PostgreSQL. Sealing (pdf-lib, then the CMS signature) is
// tens of milliseconds of JavaScript per PDF, two PDFs per declaration: in the app's process it held
// the event loop while requests waited. Here it has its own, at a lower CPU priority (SEAL_WORKER_NICE,
// default 10), so during a signing rush the requests come first and the queue is sealed after.
// It works the same queue as the in-process worker (lib/seal/worker.ts: SKIP LOCKED claims, so any
// number of workers may run), one PDF at a time, and looks again every SEAL_POLL_MS (2 s) when empty.
// Run with `tsx --conditions=react-server` ("server-only" resolves to its empty build). It stops when
// serve.mjs goes (the IPC channel closes) or on SIGTERM/SIGINT, after the PDF in hand.
import os from "node:os";
import { runSealQueue } from "../lib/seal/service";
import { db } from "../lib/db";

const POLL_MS = Number(process.env.SEAL_POLL_MS ?? 2_000);
const NICE = Number(process.env.SEAL_WORKER_NICE ?? 10);
// Tests only: work one school's queue, as runSealQueue's callers in tests do (they share one database).
const ONLY_SCHOOL = process.env.SEAL_WORKER_SCHOOL_ID || undefined;

let stopping = false;
let wake: (() => void) | null = null;
function stop() {
  stopping = true;
  wake?.();
}
process.on("disconnect", stop);
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

async function main() {
  try {
    os.setPriority(NICE);
  } catch (e) {
    console.error(`seal worker: could not lower its priority to ${NICE}`, e);
  }
  console.log(`seal worker: sealing queued PDFs in process ${process.pid} (nice ${os.getPriority()})`);
  while (!stopping) {
    // One PDF per claim, so that a stop waits for one PDF at most. Each in its school's scope, as ict_web
    // (decisions/0028): this process holds no credential that reads past row-level security.
    const { sealed, failed } = await runSealQueue({ max: 1, schoolId: ONLY_SCHOOL }).catch((e) => {
      console.error("seal worker: the queue could not be read", e);
      return { sealed: 0, failed: 1 };
    });
    if (sealed === 0 && !stopping)
      await new Promise<void>((r) => {
        const t = setTimeout(r, POLL_MS);
        wake = () => {
          clearTimeout(t);
          r();
        };
      });
  }
  await db.$disconnect();
  process.exit(0);
}

void main();
