import { beforeAll, afterAll } from "vitest";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { db } from "./owner-db";

export type AppScope = { personId?: string; schoolId: string };

/**
 * A connection that logs in as a fresh member of the app's role (ict_app): not a superuser, no BYPASSRLS,
 * so the row-level security policies apply to it as they do to the app. Made before the file's tests and
 * dropped after them. `asApp` runs one statement in a transaction with this school (and person, if given)
 * set, or nothing, rolled back.
 */
export function appRoleLogin(prefix = "ict_rls") {
  let login = "";
  let client: pg.Client | null = null;
  beforeAll(async () => {
    login = `${prefix}_${randomUUID().slice(0, 8)}`;
    await db.$executeRawUnsafe(`CREATE ROLE "${login}" LOGIN NOSUPERUSER NOBYPASSRLS INHERIT IN ROLE ict_app`);
    const url = new URL(process.env.DATABASE_URL!);
    url.username = login;
    url.password = "";
    client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    if (login) await db.$executeRawUnsafe(`DROP ROLE IF EXISTS "${login}"`);
  });
  async function asApp<T>(scope: AppScope | null, sql: string, params: unknown[] = []): Promise<T[]> {
    const c = client!;
    await c.query("BEGIN");
    try {
      if (scope) await c.query("SELECT set_config('app.school_id', $1, true)", [scope.schoolId]);
      if (scope?.personId) await c.query("SELECT set_config('app.person_id', $1, true)", [scope.personId]);
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.query("ROLLBACK");
    }
  }
  return { asApp };
}
