import pg from "pg";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Prisma 6.19's JS schema engine has three known problems here (docs/decisions/0001-prisma-6-js-engine.md).
// (1) prisma/prisma#27403: it cannot read pg catalog types `name`/`char` (oids 18, 19; arrays 1002, 1003),
//     so they are reported to it as text.
const remap: Record<number, number> = { 18: 25, 19: 25, 1002: 1009, 1003: 1009 };
for (const proto of [pg.Client.prototype, (pg as unknown as { Pool: { prototype: pg.Pool } }).Pool.prototype]) {
  const orig = (proto as { query: (...a: unknown[]) => unknown }).query;
  (proto as { query: (...a: unknown[]) => unknown }).query = function (this: unknown, ...args: unknown[]) {
    const r = orig.apply(this, args) as Promise<{ fields?: { dataTypeID: number }[] }> | undefined;
    if (r && typeof r.then === "function")
      return r.then((res) => {
        for (const f of res?.fields ?? []) if (remap[f.dataTypeID]) f.dataTypeID = remap[f.dataTypeID];
        return res;
      });
    return r;
  };
}

function pgConfig(url: string, database?: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: database ?? u.pathname.slice(1),
    // Otherwise every migrate command waits out the pool's idle timeout (10 s) before exiting.
    allowExitOnIdle: true,
  };
}

// (4) adapter-pg's executeScript splits a migration on every ";", which breaks plpgsql bodies ($$ … $$)
//     in our trigger functions: send the whole script as one simple query instead (atomic, too).
type Connected = Awaited<ReturnType<PrismaPg["connect"]>>;
function wholeScript(adapter: Connected): Connected {
  adapter.executeScript = async (script: string) => {
    await (adapter.underlyingDriver() as unknown as pg.Pool).query(script);
  };
  return adapter;
}

// (2) its shadow-database connection ignores the database name and drops it too early: we make our own.
class MigratePg extends PrismaPg {
  async connect() {
    return wholeScript(await super.connect());
  }
  async connectToShadowDb() {
    const url = migrationUrl();
    const name = `prisma_shadow_${Date.now()}`;
    const admin = new pg.Client(pgConfig(url));
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const adapter = wholeScript(await new PrismaPg(pgConfig(url, name)).connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const c = new pg.Client(pgConfig(url));
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
    return adapter;
  }
}
// (3) run `migrate deploy` before `migrate dev` on a database with pending migrations.

// `prisma generate` needs a URL even though it never connects.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/unused";
// Migrations run as the tables' owner; the app connects as ict_web, which owns nothing (decisions/0025).
function migrationUrl(): string {
  return process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL!;
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new MigratePg(pgConfig(migrationUrl())),
});
