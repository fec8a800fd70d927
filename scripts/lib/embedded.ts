// The embedded PostgreSQL: PGlite (Postgres 17 compiled to WASM) served over the Postgres wire protocol on
// 127.0.0.1 by pglite-socket, so Prisma, `pg` and `next start` talk to it like any server.
// Clients must use ONE connection each (PGLITE=1 makes lib/db.ts do so): PGlite is a single backend, and
// messages from concurrent connections interleave (docs/decisions/0002-embedded-postgres.md).
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type Embedded = { url: string; port: number; stop: () => Promise<void> };

// Frontend messages of the extended query protocol that are answered only at the next Sync.
const EXTENDED = new Set(["P", "B", "D", "E", "C", "H"].map((c) => c.charCodeAt(0)));
const READY_FOR_QUERY = "Z".charCodeAt(0);

/** The backend messages in `out` except ReadyForQuery. */
function withoutReadyForQuery(out: Buffer): Buffer {
  const keep: Buffer[] = [];
  for (let i = 0; i + 5 <= out.length; ) {
    const end = i + 1 + out.readInt32BE(i + 1);
    if (out[i] !== READY_FOR_QUERY) keep.push(out.subarray(i, end));
    i = end;
  }
  return Buffer.concat(keep);
}

/**
 * PGlite 0.4.6 answers an error in an extended-protocol message (Parse, Bind, Execute …) with
 * ErrorResponse *and* ReadyForQuery, then sends ReadyForQuery again for the Sync. Postgres sends it only
 * for the Sync. The extra one makes node-postgres start its next query early and read the wrong replies
 * ("Client has encountered a connection error", "unexpected parseComplete message"): it broke a
 * transaction that ended in a unique-index violation. So ReadyForQuery is held back until the Sync.
 * pglite-socket has no hook for this; its query queue (one per server) is where messages meet PGlite.
 */
function holdReadyForQueryUntilSync(server: PGLiteSocketServer) {
  type Enqueue = (handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void) => Promise<number>;
  const queue = (server as unknown as { queryQueue?: { enqueue?: Enqueue } }).queryQueue;
  if (!queue || typeof queue.enqueue !== "function") {
    throw new Error("@electric-sql/pglite-socket changed its internals: check scripts/lib/embedded.ts against the pinned 0.1.6");
  }
  const enqueue = queue.enqueue.bind(queue);
  queue.enqueue = async (handlerId, message, onData) => {
    if (!EXTENDED.has(message[0])) return enqueue(handlerId, message, onData);
    const chunks: Uint8Array[] = [];
    const n = await enqueue(handlerId, message, (data) => chunks.push(data));
    const out = withoutReadyForQuery(Buffer.concat(chunks));
    if (out.length) onData(out);
    return n;
  };
}

/** Resolves to true when nothing listens on the port. */
export function portIsFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, host, () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts PGlite (in memory when dataDir is omitted) and serves it on 127.0.0.1.
 * `port` is tried first; when it is taken, a free port is used instead.
 */
export async function startEmbedded(opts: { dataDir?: string; port?: number; maxConnections?: number } = {}): Promise<Embedded> {
  const db = opts.dataDir ? await PGlite.create(opts.dataDir) : await PGlite.create();
  // PGLiteSocketServer.start() never rejects when listen fails, so the port is checked first.
  const port = opts.port && (await portIsFree(opts.port)) ? opts.port : await freePort();
  // Each client keeps one connection; a little headroom lets a finishing process's socket close while the
  // next one connects (sequential steps), and lets a developer look in with psql.
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: opts.maxConnections ?? 4 });
  holdReadyForQueryUntilSync(server);
  await server.start();
  let stopped = false;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
    },
  };
}
