// What every benchmark here shares: a throwaway database on the local PostgreSQL (dropped at the end, on
// failure and on Ctrl+C), a count of every statement the pg driver sends, and the results as a table.
import { execFileSync } from "node:child_process";
import os from "node:os";
import pg from "pg";

export const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Counts every statement the pg driver sends from now on (BEGIN/COMMIT included), Prisma's and raw alike. */
export function countQueries(): () => number {
  let n = 0;
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const orig = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    n++;
    return orig.apply(this, args);
  };
  return () => n;
}

export async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * A database of the run's own: `create()` makes it and points DATABASE_URL at it; `drop()` first runs
 * `beforeDrop` (close the pools) and drops it, once; Ctrl+C drops it too.
 */
export function throwawayDatabase(name: string, beforeDrop: () => Promise<unknown>) {
  let created = false;
  const drop = async () => {
    if (!created) return;
    created = false;
    await beforeDrop().catch(() => undefined);
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    console.log(`dropped database ${name}`);
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const)
    process.on(sig, () => {
      console.error(`\n${sig}: dropping ${name}`);
      drop().finally(() => process.exit(130));
    });
  const create = async () => {
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    created = true;
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    console.log(`database ${name}`);
    return url.toString();
  };
  return { create, drop };
}

/** A throwaway database made at once, with the migrations applied (the audit and directory benchmarks). */
export async function migratedDatabase(prefix: string, beforeDrop: () => Promise<unknown>) {
  const database = throwawayDatabase(`${prefix}_${Date.now()}`, beforeDrop);
  await database.create();
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });
  return database;
}

export const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "–");

export type Stat = { name: string; runs: number; median: number; p95: number; queries: number; note: string };

/** The results as a markdown table, under a line saying what machine and what data they come from. */
export function printTable(stats: Stat[], about: string) {
  const rows = stats.map((s) => [s.name, String(s.runs), fmt(s.median), fmt(s.p95), fmt(s.queries, 0), s.note]);
  const head = ["measurement", "n", "median ms", "p95 ms", "queries", "note"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => "| " + r.map((c, i) => (i >= 1 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ") + " |";
  console.log(`\n${new Date().toISOString()} · ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}) · Node ${process.version} · ${about}`);
  console.log(line(head));
  console.log("| " + widths.map((w, i) => (i >= 1 && i <= 4 ? "-".repeat(w - 1) + ":" : "-".repeat(w))).join(" | ") + " |");
  for (const r of rows) console.log(line(r));
}

/** Runs the benchmark, drops its database however it ends, and exits (0, or 1 on failure). */
export function run(main: () => Promise<void>, drop: () => Promise<void>) {
  main()
    .then(async () => {
      await drop();
      process.exit(0);
    })
    .catch(async (e) => {
      console.error("bench failed:", e);
      await drop().catch((d) => console.error("could not drop the database:", d));
      process.exit(1);
    });
}

export function quantile(sorted: number[], q: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * Times `runs` calls after `warmup` untimed ones: median, p95, fastest, and queries per call. `before`, if
 * given, runs ahead of every call, untimed and its queries not counted (e.g. a change to be seen).
 */
export async function timeRuns(runs: number, fn: () => Promise<unknown>, queryCount: () => number, warmup = 2, before?: () => Promise<unknown>) {
  for (let i = 0; i < warmup; i++) {
    await before?.();
    await fn();
  }
  const times: number[] = [];
  let queries = 0;
  for (let i = 0; i < runs; i++) {
    await before?.();
    const q0 = queryCount();
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
    queries += queryCount() - q0;
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95), min: times[0], queries: queries / runs };
}

/**
 * A `measure(name, runs, fn, { before, note })` that times with timeRuns after one warm-up call, prints the
 * line and keeps it in `stats` for printTable; `note` describes the last call's result (e.g. its rows).
 */
export function measurer(stats: Stat[], queryCount: () => number) {
  return async <T>(name: string, runs: number, fn: () => Promise<T>, opts: { before?: () => Promise<unknown>; note?: (last: T) => string } = {}) => {
    let last: T | undefined;
    const t = await timeRuns(runs, async () => void (last = await fn()), queryCount, 1, opts.before);
    const s: Stat = { name, runs, median: t.median, p95: t.p95, queries: t.queries, note: opts.note ? opts.note(last as T) : "" };
    stats.push(s);
    console.log(`  ${name}: median ${fmt(s.median)} ms, p95 ${fmt(s.p95)} ms, ${fmt(s.queries, 0)} queries ${s.note}`);
    return s;
  };
}
