import { execFileSync } from "node:child_process";
import pg from "pg";
import { appDatabaseUrl } from "../../scripts/lib/app-database-url";

// `npm test` hands us a fresh, migrated database (TEST_DB_READY=1). Run on its own, vitest makes one
// on the local PostgreSQL (TEST_ADMIN_DATABASE_URL, default postgres@127.0.0.1:5432) and drops it after.
export default async function setup() {
  if (process.env.TEST_DB_READY === "1") return;
  const admin = process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `ict_vitest_${process.pid}_${Date.now()}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  // Migrations and fixtures as the owner; the code under test as ict_web, as the app connects.
  process.env.MIGRATION_DATABASE_URL = url.toString();
  process.env.DATABASE_URL = appDatabaseUrl(url.toString());
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: process.env });
  return async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  };
}
