// The simpler harness of the audit and directory benchmarks: a throwaway database, timing with median and p95.
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { db } from "@/lib/db";

const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/**
 * Creates `<prefix>_<timestamp>` (BENCH_ADMIN_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/
 * postgres), points DATABASE_URL at it and applies the migrations. The returned drop() also runs on Ctrl+C.
 */
export async function throwawayDatabase(prefix: string) {
  const name = `${prefix}_${Date.now()}`;
  await admin(`CREATE DATABASE "${name}"`);
  let created = true;
  const drop = async () => {
    if (!created) return;
    created = false;
    await db.$disconnect().catch(() => {});
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    console.log(`dropped database ${name}`);
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const)
    process.on(sig, () => {
      drop().finally(() => process.exit(130));
    });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });
  return { name, drop };
}

export type Stat = { name: string; runs: number; median: number; p95: number; rows: string };
export const stats: Stat[] = [];
const q = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];

/** One warm-up call, then `runs` timed calls; prints and keeps median and p95. */
export async function measure(name: string, runs: number, fn: () => Promise<unknown>, opts: { before?: () => Promise<unknown>; rows?: (r: unknown) => string } = {}) {
  await fn();
  const times: number[] = [];
  let last: unknown;
  for (let i = 0; i < runs; i++) {
    if (opts.before) await opts.before();
    const t = performance.now();
    last = await fn();
    times.push(performance.now() - t);
  }
  const sorted = times.sort((a, b) => a - b);
  const s = { name, runs, median: q(sorted, 0.5), p95: q(sorted, 0.95), rows: opts.rows ? opts.rows(last) : "" };
  stats.push(s);
  console.log(`  ${name}: median ${s.median.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms ${s.rows}`);
}

/** The kept figures as a Markdown table, for bench/README.md. */
export function printTable() {
  console.log("\n| measurement | n | median ms | p95 ms | rows |\n|---|--:|--:|--:|---|");
  for (const x of stats) console.log(`| ${x.name} | ${x.runs} | ${x.median.toFixed(1)} | ${x.p95.toFixed(1)} | ${x.rows} |`);
}
