import { describe, it, expect, beforeAll } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "../support/owner-db";
import { makeOrganisation, makeSchool, makeMember } from "../support/fixtures";
import { appRoleLogin } from "../support/app-role";

// Every tenant table (every table with a schoolId) is guarded by PostgreSQL as well as by the code: a
// connection that logs in as a member of the app's role (ict_app), not a superuser, reads nothing with no
// school set, and with school A set neither reads nor writes a row of school B.

const app = appRoleLogin("ict_tenant");
let a: { id: string };
let b: { id: string };
let trustPolicyId: string;
let trustId: string;

beforeAll(async () => {
  const trust = await makeOrganisation("TRUST");
  trustId = trust.id;
  a = await makeSchool(trust.id);
  b = await makeSchool();
  await Promise.all([makeMember(a.id, { roles: ["STAFF"] }), makeMember(b.id, { roles: ["STAFF"] })]);
  await db.schoolHoliday.create({ data: { schoolId: b.id, date: new Date("2026-12-24"), label: "Christmas Eve" } });
  trustPolicyId = (await db.policy.create({ data: { organisationId: trust.id, title: "Trust AUP" } })).id;
});

async function tenantTables(): Promise<string[]> {
  const rows = await db.$queryRaw<{ t: string }[]>`
    SELECT table_name::text AS t FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name = 'schoolId' ORDER BY 1`;
  return rows.map((r) => r.t);
}

/**
 * Tenant tables the app's role has no grant on at all (read only through definer functions, decision 0037):
 * refused outright rather than filtered. Named here, so that a table losing its grant by mistake shows.
 */
const CLOSED_TO_APP = ["GovernanceIncidentSnapshot"];
async function closedToApp(): Promise<string[]> {
  const rows = await db.$queryRaw<{ t: string }[]>`
    SELECT table_name::text AS t FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name = 'schoolId' AND NOT has_table_privilege('ict_app', format('%I', table_name), 'SELECT') ORDER BY 1`;
  return rows.map((r) => r.t);
}

/** One transaction on the app-role connection, with school A set (or nothing), rolled back. */
function asApp<T = Record<string, unknown>>(schoolId: string | null, sql: string, params: unknown[] = []): Promise<T[]> {
  return app.asApp<T>(schoolId ? { schoolId } : null, sql, params);
}

describe("row-level security on every tenant table", () => {
  it("every table with a schoolId has row-level security enabled and forced", async () => {
    const tables = await tenantTables();
    expect(tables).toEqual(expect.arrayContaining(["Membership", "Declaration", "AuditEvent", "Policy", "Asset", "Incident", "SealedDocument"]));
    expect(tables).toEqual(expect.arrayContaining(["PermissionRequest", "PermissionRequestHistory"]));
    // Filtering and monitoring (docs/decisions/0018-filtering.md)
    expect(tables).toEqual(expect.arrayContaining(["FilteringChange", "FilteringChangeStep", "FilteringCheck", "FilteringResponsibility", "FilteringAnnualReview"]));
    expect(tables).toEqual(expect.arrayContaining(["MonitoringAuthorisation"]));
    expect(tables).toEqual(expect.arrayContaining(["StaffImportMapping"]));
    const rows = await db.$queryRaw<{ t: string; on: boolean; forced: boolean }[]>`
      SELECT relname::text AS t, relrowsecurity AS on, relforcerowsecurity AS forced FROM pg_class
      WHERE relnamespace = 'public'::regnamespace AND relname = ANY(${tables})`;
    expect(rows.filter((r) => !r.on || !r.forced).map((r) => r.t)).toEqual([]);
    expect(rows).toHaveLength(tables.length);
  });

  it("with no school set, the app's role reads zero rows of every tenant table", async () => {
    const closed = await closedToApp();
    expect(closed).toEqual(CLOSED_TO_APP);
    for (const t of await tenantTables()) {
      if (closed.includes(t)) {
        await expect(asApp(a.id, `SELECT count(*) AS n FROM "${t}"`)).rejects.toThrow(/permission denied/);
        continue;
      }
      const [{ n }] = await asApp<{ n: string }>(null, `SELECT count(*) AS n FROM "${t}"`);
      expect({ t, n: Number(n) }).toEqual({ t, n: 0 });
    }
    // The rows are there for the owner: zero above is the policy, not an empty table.
    expect(await db.membership.count({ where: { schoolId: { in: [a.id, b.id] } } })).toBe(2);
  });

  it("with school A set, no row of school B is readable in any tenant table, and A's own rows are", async () => {
    for (const t of await tenantTables()) {
      if (CLOSED_TO_APP.includes(t)) continue; // refused outright, above
      // A's own trust's trust-wide policies (no schoolId) are A's too.
      const notA = t === "Policy" ? `"schoolId" IS DISTINCT FROM $1 AND "organisationId" IS DISTINCT FROM '${trustId}'` : `"schoolId" IS DISTINCT FROM $1`;
      const [{ n }] = await asApp<{ n: string }>(a.id, `SELECT count(*) AS n FROM "${t}" WHERE ${notA}`, [a.id]);
      expect({ t, n: Number(n) }).toEqual({ t, n: 0 });
    }
    const [{ n }] = await asApp<{ n: string }>(a.id, `SELECT count(*) AS n FROM "Membership"`);
    expect(Number(n)).toBe(1);
    // A trust-wide policy belongs to every school of its trust.
    expect(await asApp(a.id, `SELECT id FROM "Policy" WHERE id = $1`, [trustPolicyId])).toEqual([{ id: trustPolicyId }]);
    expect(await asApp(b.id, `SELECT id FROM "Policy" WHERE id = $1`, [trustPolicyId])).toEqual([]);
  });

  it("with school A set, writing a row of school B is refused, and B's rows cannot be changed", async () => {
    await expect(
      asApp(a.id, `INSERT INTO "SchoolHoliday" (id, "schoolId", date, label) VALUES ($1, $2, '2026-12-31', 'Planted')`, [randomUUID(), b.id]),
    ).rejects.toThrow(/row-level security/);
    const changed = await asApp(a.id, `UPDATE "SchoolHoliday" SET label = 'Changed' WHERE "schoolId" = $1 RETURNING id`, [b.id]);
    expect(changed).toEqual([]);
    expect((await db.schoolHoliday.findFirstOrThrow({ where: { schoolId: b.id } })).label).toBe("Christmas Eve");
  });
});

// Audit anchors (docs/decisions/0024): a school chain's anchors are that school's data.
describe("row-level security on AuditAnchor", () => {
  it("with school A set, only A's anchors are readable, and an anchor of B cannot be written", async () => {
    const { record } = await import("@/lib/audit/record");
    const { anchorChain } = await import("@/lib/audit/anchor");
    const { inChainScope } = await import("@/lib/audit/job");
    for (const s of [a, b]) await db.$transaction((tx) => record(tx, { schoolId: s.id, action: "test.anchor" }));
    // The anchor job's work, each chain in its own school's scope (docs/decisions/0028).
    for (const c of [a.id, b.id]) await inChainScope(c, () => anchorChain(c));
    expect(await tenantTables()).toContain("AuditAnchor");
    expect(await asApp(null, `SELECT chain FROM "AuditAnchor"`)).toEqual([]);
    expect(await asApp(a.id, `SELECT chain FROM "AuditAnchor"`)).toEqual([{ chain: a.id }]);
    await expect(
      asApp(a.id, `INSERT INTO "AuditAnchor" (chain, seq, hash, "schoolId", "anchoredAt", fingerprint, signature) VALUES ($1, 9, 'h', $1, now(), 'f', 's')`, [b.id]),
    ).rejects.toThrow(/row-level security/);
  });
});
