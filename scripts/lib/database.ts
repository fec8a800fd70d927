// Which database a script talks to: DATABASE_URL when set; otherwise the embedded one under .data/pglite
// (the running `npm start` serves it when it is up; if not, it is opened here for the duration).
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./run";
import { startEmbedded, type Embedded } from "./embedded";

/** Where `npm start` keeps its state (.data/ unless ICT_DATA_DIR says otherwise, e.g. for CI's smoke check). */
export const DATA_DIR = process.env.ICT_DATA_DIR ? path.resolve(process.env.ICT_DATA_DIR) : path.join(ROOT, ".data");
export const PGLITE_DIR = path.join(DATA_DIR, "pglite");
/** Written by `npm start` while it serves the embedded database: { pid, port }. */
export const PGLITE_LOCK = path.join(DATA_DIR, "pglite.json");
export const EMBEDDED_PORT = 54329;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The embedded database's address when a running `npm start` serves it, else null (stale locks are removed). */
export function runningEmbedded(): { pid: number; port: number; url: string } | null {
  try {
    const lock = JSON.parse(fs.readFileSync(PGLITE_LOCK, "utf8")) as { pid: number; port: number };
    if (alive(lock.pid)) return { ...lock, url: embeddedUrl(lock.port) };
    fs.rmSync(PGLITE_LOCK, { force: true });
  } catch {
    /* no lock */
  }
  return null;
}

export const embeddedUrl = (port: number) => `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;

/** Opens .data/pglite and serves it; records the lock so that other scripts use this server. */
export async function openEmbedded(): Promise<Embedded> {
  const running = runningEmbedded();
  if (running) throw new Error(`The embedded database is already open (process ${running.pid}, port ${running.port}).`);
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const e = await startEmbedded({ dataDir: PGLITE_DIR, port: EMBEDDED_PORT });
  fs.writeFileSync(PGLITE_LOCK, JSON.stringify({ pid: process.pid, port: e.port }));
  return {
    ...e,
    async stop() {
      await e.stop();
      fs.rmSync(PGLITE_LOCK, { force: true });
    },
  };
}

/**
 * Runs fn with DATABASE_URL (and PGLITE=1 for the embedded database) set in process.env.
 * create: whether a missing .data/pglite may be created (migrate) or is an error (verify).
 */
export async function withDatabase<T>(fn: () => Promise<T>, opts: { create?: boolean } = {}): Promise<T> {
  if (process.env.DATABASE_URL) return fn();
  const running = runningEmbedded();
  if (running) {
    console.log(`Using the embedded database served by \`npm start\` (process ${running.pid}) on port ${running.port}.`);
    Object.assign(process.env, { DATABASE_URL: running.url, PGLITE: "1" });
    return fn();
  }
  if (!opts.create && !fs.existsSync(PGLITE_DIR)) {
    throw new Error("DATABASE_URL is not set and there is no embedded database yet (.data/pglite): run `npm start` once, or set DATABASE_URL.");
  }
  console.log("Opening the embedded database in .data/pglite …");
  const e = await openEmbedded();
  Object.assign(process.env, { DATABASE_URL: e.url, PGLITE: "1" });
  const stop = () => void e.stop().finally(() => process.exit(130));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    return await fn();
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    await e.stop();
  }
}
