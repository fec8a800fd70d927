// Child processes for the scripts: local binaries from node_modules/.bin, inherited output, clear failures.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");

export function bin(name: string): string {
  return path.join(ROOT, "node_modules", ".bin", name);
}

/** Quiet, offline-friendly defaults for the tools we run (no telemetry, no update checks). */
export function toolEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...env,
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  };
}

// Every child we start, so that a signal can stop them all; after abort() nothing new starts.
const children = new Set<ChildProcess>();
let aborted = false;

function track(cmd: string, args: string[], opts: SpawnOptions): ChildProcess {
  if (aborted) throw new Error(`not starting ${path.basename(cmd)}: stopping`);
  const child = spawn(cmd, args, { cwd: ROOT, ...opts });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Stops every running child (SIGTERM, then SIGKILL after a grace period) and refuses new ones. */
export async function abortChildren(graceMs = 10_000): Promise<void> {
  aborted = true;
  const running = [...children].filter((c) => c.exitCode === null && c.signalCode === null);
  for (const c of running) c.kill("SIGTERM");
  const killer = setTimeout(() => running.forEach((c) => c.kill("SIGKILL")), graceMs);
  await Promise.all(running.map((c) => exited(c)));
  clearTimeout(killer);
}

/** Starts a long-running child (a server), tracked like the others. */
export function start(cmd: string, args: string[], opts: SpawnOptions = {}): ChildProcess {
  return track(cmd, args, { stdio: "inherit", ...opts });
}

export class CommandFailed extends Error {
  constructor(readonly command: string, readonly code: number | null, readonly signal: NodeJS.Signals | null) {
    super(`${command} failed (${signal ? `signal ${signal}` : `exit code ${code}`})`);
  }
}

/** Runs a command to completion; rejects with CommandFailed on a non-zero exit. */
export function run(cmd: string, args: string[], opts: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = track(cmd, args, { stdio: "inherit", ...opts });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new CommandFailed([path.basename(cmd), ...args].join(" "), code, signal));
    });
  });
}

/** Runs a command with its output captured; the output is shown only when it fails. */
export function runQuiet(cmd: string, args: string[], opts: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = track(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    child.stdout!.on("data", (d: Buffer) => out.push(d));
    child.stderr!.on("data", (d: Buffer) => out.push(d));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) return resolve();
      process.stderr.write(Buffer.concat(out));
      reject(new CommandFailed([path.basename(cmd), ...args].join(" "), code, signal));
    });
  });
}

/** Like run() but resolves with the exit code instead of rejecting (for test runners). */
export function runStatus(cmd: string, args: string[], opts: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = track(cmd, args, { stdio: "inherit", ...opts });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 + 15 : 1)));
  });
}

/** Runs a TypeScript file with tsx; the react-server condition makes `import "server-only"` resolve to nothing. */
export function runTs(file: string, args: string[], opts: SpawnOptions = {}): Promise<void> {
  return run(bin("tsx"), ["--conditions=react-server", file, ...args], opts);
}

/** Waits for a started child to exit. */
export function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode ?? 1);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 0 : 1)));
  });
}

/** Polls a URL until it answers with any HTTP status (or the child dies, or time runs out). */
export async function waitForHttp(url: string, timeoutMs: number, alive: () => boolean = () => true): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!alive()) return false;
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer().catch(() => undefined);
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  return false;
}

export function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

/** A numbered step with its duration, so logs show where the time goes. */
export async function step<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = Date.now();
  console.log(`\n▶ ${label}`);
  const out = await fn();
  console.log(`✓ ${label} (${elapsed(t)})`);
  return out;
}
