import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { db as owner } from "../support/owner-db";
import { db } from "@/lib/db";
import { runInScope } from "@/lib/db/context";
import { asPerson } from "@/lib/db/scope";
import { makeOrganisation, makeSchool, makeMember } from "../support/fixtures";

// The app's own login (docs/decisions/0025-app-login-role.md): DATABASE_URL is ict_web here, as in the
// app. Not a member role reached by SET ROLE from a superuser: this connection logs in as ict_web.
const web = new pg.Client({ connectionString: process.env.DATABASE_URL });
let a: { id: string; organisationId: string };
let b: { id: string; organisationId: string };
let personA: string;

beforeAll(async () => {
  await web.connect();
  const trust = await makeOrganisation("TRUST");
  a = await makeSchool(trust.id);
  b = await makeSchool();
  personA = (await makeMember(a.id, { roles: ["STAFF"] })).person.id;
  await makeMember(b.id, { roles: ["STAFF"] });
  await owner.schoolHoliday.create({ data: { schoolId: b.id, date: new Date("2026-12-24"), label: "Christmas Eve" } });
});
afterAll(async () => {
  await web.end();
});

/** One statement in a transaction of its own on the ict_web login, with this school set (or none), rolled back. */
async function asWeb<T = Record<string, unknown>>(schoolId: string | null, sql: string, params: unknown[] = []): Promise<T[]> {
  await web.query("BEGIN");
  try {
    if (schoolId) await web.query("SELECT set_config('app.school_id', $1, true)", [schoolId]);
    return (await web.query(sql, params)).rows as T[];
  } finally {
    await web.query("ROLLBACK");
  }
}

/** Every table with a schoolId, and policy versions (which belong to a policy). */
async function tenantTables(): Promise<string[]> {
  const rows = await owner.$queryRaw<{ t: string }[]>`
    SELECT table_name::text AS t FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name = 'schoolId' ORDER BY 1`;
  return [...rows.map((r) => r.t), "PolicyVersion"];
}

/**
 * Tenant tables the app's role has no grant on at all (read only through definer functions, decision 0037):
 * refused outright rather than filtered. Named here, so that a table losing its grant by mistake shows.
 */
const CLOSED_TO_APP = ["GovernanceIncidentSnapshot"];
async function closedToApp(): Promise<string[]> {
  const rows = await owner.$queryRaw<{ t: string }[]>`
    SELECT table_name::text AS t FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name = 'schoolId' AND NOT has_table_privilege('ict_app', format('%I', table_name), 'SELECT') ORDER BY 1`;
  return rows.map((r) => r.t);
}

/** The append-only evidence: every table whose trigger refuses UPDATE or DELETE outright, and sealed PDFs. */
async function evidenceTables(): Promise<string[]> {
  const rows = await owner.$queryRaw<{ t: string }[]>`
    SELECT DISTINCT c.relname::text AS t FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_proc p ON p.oid = tg.tgfoid
    WHERE c.relnamespace = 'public'::regnamespace AND p.proname = 'refuse_change' AND (tg.tgtype & 24) <> 0 ORDER BY 1`;
  return [...rows.map((r) => r.t), "SealedDocument"];
}

describe("the app's login, ict_web", () => {
  it("is who the app connects as: not a superuser, no BYPASSRLS, and owns nothing", async () => {
    const [me] = await asWeb<{ u: string }>(null, "SELECT current_user AS u");
    expect(me.u).toBe("ict_web");
    const [role] = await owner.$queryRaw<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean; rolcreaterole: boolean }[]>`
      SELECT rolsuper, rolbypassrls, rolcanlogin, rolcreaterole FROM pg_roles WHERE rolname = 'ict_web'`;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: true, rolcreaterole: false });
    // Nothing in the database is owned by it or by the role whose grants it uses.
    const owned = await owner.$queryRaw<{ n: bigint }[]>`
      SELECT (SELECT count(*) FROM pg_class WHERE relowner IN ('ict_web'::regrole, 'ict_app'::regrole))
           + (SELECT count(*) FROM pg_proc WHERE proowner IN ('ict_web'::regrole, 'ict_app'::regrole))
           + (SELECT count(*) FROM pg_namespace WHERE nspowner IN ('ict_web'::regrole, 'ict_app'::regrole)) AS n`;
    expect(Number(owned[0].n)).toBe(0);
    // And it is a member of no role that could lift that: none with BYPASSRLS or superuser.
    const lifted = await owner.$queryRaw<{ r: string }[]>`
      SELECT r.rolname::text AS r FROM pg_roles r WHERE pg_has_role('ict_web', r.oid, 'MEMBER') AND (r.rolsuper OR r.rolbypassrls)`;
    expect(lifted).toEqual([]);
  });

  it("is the only login besides the owner: ict_system, which read past row-level security, can no longer log in (decision 0032)", async () => {
    const [system] = await owner.$queryRaw<{ rolcanlogin: boolean; rolbypassrls: boolean; grants: boolean }[]>`
      SELECT rolcanlogin, rolbypassrls, pg_has_role('ict_system', 'ict_app', 'MEMBER') AS grants FROM pg_roles WHERE rolname = 'ict_system'`;
    expect(system).toEqual({ rolcanlogin: false, rolbypassrls: false, grants: false });
    const url = new URL(process.env.DATABASE_URL!);
    url.username = "ict_system";
    const client = new pg.Client({ connectionString: url.toString() });
    await expect(client.connect()).rejects.toThrow(/not permitted to log in/);
    await client.end().catch(() => undefined);
  });

  it("has only SELECT and INSERT on every append-only evidence table", async () => {
    const tables = await evidenceTables();
    expect(tables).toEqual(expect.arrayContaining(["AuditEvent", "AuditAnchor", "Declaration", "ChronologyEntry", "LoanReceipt", "MonitoringDecision", "PermissionRequestHistory"]));
    for (const t of tables) {
      const [p] = await asWeb<Record<string, boolean>>(
        null,
        `SELECT has_table_privilege($1, 'SELECT') AS s, has_table_privilege($1, 'INSERT') AS i, has_table_privilege($1, 'UPDATE') AS u,
                has_table_privilege($1, 'DELETE') AS d, has_table_privilege($1, 'TRUNCATE') AS tr, has_table_privilege($1, 'TRIGGER') AS tg`,
        [`"${t}"`],
      );
      expect({ t, ...p }).toEqual({ t, s: true, i: true, u: false, d: false, tr: false, tg: false });
    }
  });

  it("cannot switch an evidence table's triggers off, alter it, or change a row of it", async () => {
    await owner.$transaction(async (tx) => {
      const { record } = await import("@/lib/audit/record");
      await record(tx, { schoolId: a.id, action: "test.app_role" });
    });
    await expect(asWeb(a.id, `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
    await expect(asWeb(a.id, `ALTER TABLE "AuditEvent" NO FORCE ROW LEVEL SECURITY`)).rejects.toThrow(/must be owner/);
    await expect(asWeb(a.id, `SET session_replication_role = replica`)).rejects.toThrow(/permission denied/);
    await expect(asWeb(a.id, `UPDATE "AuditEvent" SET action = 'changed' WHERE "schoolId" = $1`, [a.id])).rejects.toThrow(/permission denied/);
    await expect(asWeb(a.id, `DELETE FROM "AuditEvent" WHERE "schoolId" = $1`, [a.id])).rejects.toThrow(/permission denied/);
    await expect(asWeb(a.id, `DELETE FROM "Declaration"`)).rejects.toThrow(/permission denied/);
    expect(await asWeb(a.id, `SELECT action FROM "AuditEvent" WHERE "schoolId" = $1`, [a.id])).toEqual([{ action: "test.app_role" }]);
  });

  it("with no scope reads zero rows of every tenant table; the rows are there for the owner", async () => {
    const tables = await tenantTables();
    const closed = await closedToApp();
    expect(closed).toEqual(CLOSED_TO_APP);
    for (const t of tables) {
      if (closed.includes(t)) {
        await expect(asWeb(a.id, `SELECT count(*) AS n FROM "${t}"`)).rejects.toThrow(/permission denied/);
        continue;
      }
      const [{ n }] = await asWeb<{ n: string }>(null, `SELECT count(*) AS n FROM "${t}"`);
      expect({ t, n: Number(n) }).toEqual({ t, n: 0 });
    }
    expect(await owner.membership.count({ where: { schoolId: { in: [a.id, b.id] } } })).toBe(2);
  });

  it("with school A set reads no row of school B in any tenant table, and cannot write one", async () => {
    for (const t of await tenantTables()) {
      if (t === "PolicyVersion" || t === "Policy") continue; // by their policy, below
      if (CLOSED_TO_APP.includes(t)) continue; // refused outright, above
      const [{ n }] = await asWeb<{ n: string }>(a.id, `SELECT count(*) AS n FROM "${t}" WHERE "schoolId" IS DISTINCT FROM $1`, [a.id]);
      expect({ t, n: Number(n) }).toEqual({ t, n: 0 });
    }
    const policyB = await owner.policy.create({ data: { schoolId: b.id, title: "B's AUP" } });
    await owner.policyVersion.create({
      data: { policyId: policyB.id, number: 1, title: "B's AUP", sections: [], statements: [], declarationWording: "I agree", audience: ["TEACHER"] },
    });
    expect(await asWeb(a.id, `SELECT id FROM "Policy" WHERE id = $1`, [policyB.id])).toEqual([]);
    expect(await asWeb(a.id, `SELECT id FROM "PolicyVersion" WHERE "policyId" = $1`, [policyB.id])).toEqual([]);
    await expect(
      asWeb(a.id, `INSERT INTO "SchoolHoliday" (id, "schoolId", date, label) VALUES ($1, $2, '2026-12-31', 'Planted')`, [randomUUID(), b.id]),
    ).rejects.toThrow(/row-level security/);
    await expect(asWeb(a.id, `INSERT INTO "PolicyVersion" (id, "policyId", number, title, sections, "declarationWording") VALUES ($1, $2, 2, 'x', '[]', 'x')`, [randomUUID(), policyB.id])).rejects.toThrow(
      /row-level security/,
    );
    expect(await asWeb(a.id, `UPDATE "SchoolHoliday" SET label = 'Changed' WHERE "schoolId" = $1 RETURNING id`, [b.id])).toEqual([]);
    expect(await asWeb(a.id, `DELETE FROM "Membership" WHERE "schoolId" = $1 RETURNING id`, [b.id])).toEqual([]);
    expect(await owner.membership.count({ where: { schoolId: b.id } })).toBe(1);
  });
});

describe("lib/db: every query carries the scope of the work it belongs to", () => {
  it("outside any scope the app's client reads no tenant rows; in a school's scope only that school's", async () => {
    expect(await db.membership.count({ where: { schoolId: { in: [a.id, b.id] } } })).toBe(0);
    expect(await runInScope({ schoolId: a.id }, () => db.membership.count({ where: { schoolId: { in: [a.id, b.id] } } }))).toBe(1);
    // A transaction gets it too, with one statement, and so does a batch.
    const inTx = await runInScope({ schoolId: a.id }, () => db.$transaction((tx) => tx.membership.findMany({ select: { schoolId: true } })));
    expect(inTx).toEqual([{ schoolId: a.id }]);
    const batch = await runInScope({ schoolId: b.id }, () => db.$transaction([db.membership.count(), db.schoolHoliday.count()]));
    expect(batch).toEqual([1, 1]);
  });

  it("a person's own memberships in every school only with no school set; no scope sees none", async () => {
    expect(await runInScope({ personId: personA }, () => db.membership.count({ where: { personId: personA } }))).toBe(1);
    expect(await runInScope({ schoolId: b.id, personId: personA }, () => db.membership.count({ where: { personId: personA } }))).toBe(0);
    // Inside a school's transaction, asPerson looks at one person's memberships, then puts the school back.
    const seen = await runInScope({ schoolId: b.id }, () =>
      db.$transaction(async (tx) => {
        const theirs = await asPerson(tx, personA, (c) => c.membership.count({ where: { personId: personA } }));
        const after = await tx.membership.count({ where: { personId: personA } });
        return { theirs, after };
      }),
    );
    expect(seen).toEqual({ theirs: 1, after: 0 });
    // The jobs start here (decisions/0028): with no scope the app's role reads no tenant row at all.
    expect(await runInScope(null, () => db.membership.count({ where: { schoolId: { in: [a.id, b.id] } } }))).toBe(0);
  });

  it("an organisation's scope reads across its schools but writes none", async () => {
    const sibling = await makeSchool(a.organisationId);
    await makeMember(sibling.id, { roles: ["STAFF"] });
    const n = await runInScope({ organisationId: a.organisationId }, () => db.membership.count({ where: { schoolId: { in: [a.id, b.id, sibling.id] } } }));
    expect(n).toBe(2);
    await expect(
      runInScope({ organisationId: a.organisationId }, () => db.schoolHoliday.create({ data: { schoolId: a.id, date: new Date("2026-12-31"), label: "x" } })),
    ).rejects.toThrow(/row-level security/);
  });
});
