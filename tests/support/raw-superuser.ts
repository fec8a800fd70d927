import { beforeAll, afterAll } from "vitest";
import pg from "pg";

/**
 * A superuser connection of the test file's own, for what the app can never do: try to change the log, and
 * (with triggers switched off for one transaction) tamper with it the way an attacker with disk access could.
 */
export function rawSuperuser() {
  const raw = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL });
  beforeAll(async () => {
    await raw.connect();
  });
  afterAll(async () => {
    await raw.end();
  });

  /** Runs SQL with the append-only triggers switched off, committed. */
  async function tamper(sql: string, params: unknown[] = []) {
    await raw.query("BEGIN");
    try {
      await raw.query("SET LOCAL session_replication_role = replica");
      await raw.query(sql, params);
      await raw.query("COMMIT");
    } catch (e) {
      await raw.query("ROLLBACK");
      throw e;
    }
  }
  return { raw, tamper };
}
