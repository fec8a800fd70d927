import { describe, it, expect } from "vitest";
import { rawSuperuser } from "../support/raw-superuser";
import { db } from "../support/owner-db";
import { record } from "@/lib/audit/record";
import { verifyAuditLog } from "@/lib/audit/verify";
import { listSchoolAuditEvents } from "@/lib/audit/queries";
import { GENESIS, PLATFORM_CHAIN, hashEvent } from "@/lib/audit/chain";
import { makeSchool, makePerson } from "../support/fixtures";
import { db as appDb } from "@/lib/db";
import { runInScope } from "@/lib/db/context";

// record() as a service calls it: the app's client, in the school's scope the action factory sets.
const inSchool = <T>(schoolId: string, fn: () => Promise<T>) => runInScope({ schoolId }, fn);
// The audit page's full check ("Check the whole record") and its listing, in that school's scope.
const fullCheck = (schoolId: string) => inSchool(schoolId, () => verifyAuditLog(schoolId));

// A superuser connection of our own (tests/support/raw-superuser.ts).
const { raw, tamper } = rawSuperuser();

/** Runs SQL in a transaction that is always rolled back: if a trigger failed to stop it, no harm is done. */
async function attempt(sql: string, params: unknown[] = []): Promise<Error | null> {
  await raw.query("BEGIN");
  try {
    await raw.query(sql, params);
    return null;
  } catch (e) {
    return e as Error;
  } finally {
    await raw.query("ROLLBACK");
  }
}

async function schoolWithEvents(n: number) {
  const school = await makeSchool();
  const actor = await makePerson();
  for (let i = 1; i <= n; i++) {
    await inSchool(school.id, () =>
      appDb.$transaction((tx) =>
        record(tx, { schoolId: school.id, organisationId: school.organisationId, actorId: actor.id, action: "test.event", entityType: "Thing", entityId: `t${i}`, data: { i } }),
      ),
    );
  }
  const rows = await db.auditEvent.findMany({ where: { chain: school.id }, orderBy: { seq: "asc" } });
  return { school, actor, rows };
}

describe("record()", () => {
  it("starts each school's chain at 1 from the genesis hash, and links every row to the one before", async () => {
    const { school, actor, rows } = await schoolWithEvents(4);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(rows[0].prevHash).toBe(GENESIS);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    for (const r of rows) {
      expect(r).toMatchObject({ chain: school.id, schoolId: school.id, organisationId: school.organisationId, actorId: actor.id });
      expect(r.hash).toBe(hashEvent(r));
    }
  });

  it("keeps chains per school: two schools each have their own sequence", async () => {
    const a = await schoolWithEvents(2);
    const b = await schoolWithEvents(3);
    expect(a.rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(b.rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(b.rows[0].prevHash).toBe(GENESIS);
  });

  it("writes nothing when the transaction it is part of fails, and leaves no gap", async () => {
    const school = await makeSchool();
    await expect(
      inSchool(school.id, () =>
        appDb.$transaction(async (tx) => {
          await record(tx, { schoolId: school.id, action: "test.rolled_back" });
          throw new Error("the change failed");
        }),
      ),
    ).rejects.toThrow("the change failed");
    expect(await db.auditEvent.count({ where: { chain: school.id } })).toBe(0);
    const row = await inSchool(school.id, () => appDb.$transaction((tx) => record(tx, { schoolId: school.id, action: "test.kept" })));
    expect(row).toMatchObject({ seq: 1, prevHash: GENESIS });
  });

  it("stores data that still verifies after the JSON round trip through Postgres", async () => {
    const school = await makeSchool();
    const data = {
      z: "Zoë — ✓ \"quoted\"\nnew line 🙂",
      a: [1, 12.5, 0.1, -3, 1e21, true, false, null, { y: [], x: {} }],
      when: new Date("2026-03-29T00:30:00.000Z"),
      nested: { b: { d: 1, c: 2 }, a: "first" },
      gone: undefined,
    };
    await inSchool(school.id, () => appDb.$transaction((tx) => record(tx, { schoolId: school.id, action: "test.json", data })));
    const [row] = await db.auditEvent.findMany({ where: { chain: school.id } });
    expect(row.data).toMatchObject({ when: "2026-03-29T00:30:00.000Z", nested: { b: { d: 1, c: 2 } } });
    expect(row.data).not.toHaveProperty("gone");
    expect(await fullCheck(school.id)).toEqual({ checked: 1, broken: null });
  });

  it("puts events with no school on the platform chain", async () => {
    const actor = await makePerson();
    // As sign-in records it: the app's client, with no school's scope.
    const row = await appDb.$transaction((tx) => record(tx, { actorId: actor.id, action: "test.platform" }));
    expect(row).toMatchObject({ chain: PLATFORM_CHAIN, schoolId: null, organisationId: null, data: {} });
    const prev = await db.auditEvent.findUnique({ where: { chain_seq: { chain: PLATFORM_CHAIN, seq: row.seq - 1 } } });
    expect(row.prevHash).toBe(prev ? prev.hash : GENESIS);
  });

  it("10 parallel transactions in one school (and 10 in another) still make contiguous, valid chains", async () => {
    const [a, b] = await Promise.all([makeSchool(), makeSchool()]);
    const write = (schoolId: string, i: number) =>
      inSchool(schoolId, () => appDb.$transaction(async (tx) => {
        // Some work in the transaction before the audit row, as a service would do.
        await tx.$executeRaw`SELECT pg_sleep(${(i % 3) * 0.01})`;
        return record(tx, { schoolId, action: "test.parallel", data: { i } });
      }));
    await Promise.all(Array.from({ length: 10 }, (_, i) => [write(a.id, i), write(b.id, i)]).flat());
    for (const s of [a, b]) {
      const rows = await db.auditEvent.findMany({ where: { chain: s.id }, orderBy: { seq: "asc" } });
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(rows.map((r) => (r.data as { i: number }).i).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(await fullCheck(s.id)).toEqual({ checked: 10, broken: null });
    }
  });

  it("listSchoolAuditEvents lists one school's events, newest first, and pages with `before`", async () => {
    const { school, rows } = await schoolWithEvents(5);
    await schoolWithEvents(2);
    const page1 = await inSchool(school.id, () => listSchoolAuditEvents(school.id, { take: 3 }));
    expect(page1.map((r) => r.seq)).toEqual([5, 4, 3]);
    const page2 = await inSchool(school.id, () => listSchoolAuditEvents(school.id, { take: 3, before: page1[2].id }));
    expect(page2.map((r) => r.seq)).toEqual([2, 1]);
    expect([...page1, ...page2].every((r) => r.schoolId === school.id)).toBe(true);
    expect(rows).toHaveLength(5);
  });
});

describe("the database refuses to change the audit log", () => {
  // As the owner on purpose: the trigger refuses even the tables' owner.
  it("refuses UPDATE, through Prisma and in SQL", async () => {
    const { school, rows } = await schoolWithEvents(2);
    await expect(db.auditEvent.update({ where: { id: rows[0].id }, data: { action: "rewritten" } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`UPDATE "AuditEvent" SET "data" = '{}' WHERE "chain" = ${school.id}`).rejects.toThrow(/append-only: UPDATE refused/);
    expect((await attempt(`UPDATE "AuditEvent" SET "hash" = 'x' WHERE "chain" = $1`, [school.id]))?.message).toMatch(/append-only: UPDATE refused/);
    expect(await db.auditEvent.findMany({ where: { chain: school.id }, orderBy: { seq: "asc" } })).toEqual(rows);
  });

  it("refuses DELETE, through Prisma and in SQL", async () => {
    const { school, rows } = await schoolWithEvents(2);
    await expect(db.auditEvent.delete({ where: { id: rows[1].id } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.deleteMany({ where: { chain: school.id } })).rejects.toThrow(/append-only/);
    expect((await attempt(`DELETE FROM "AuditEvent" WHERE "chain" = $1`, [school.id]))?.message).toMatch(/append-only: DELETE refused/);
    expect(await db.auditEvent.findMany({ where: { chain: school.id }, orderBy: { seq: "asc" } })).toEqual(rows);
  });

  it("refuses TRUNCATE", async () => {
    const { school, rows } = await schoolWithEvents(1);
    expect((await attempt(`TRUNCATE "AuditEvent"`))?.message).toMatch(/append-only: TRUNCATE refused/);
    expect(await db.auditEvent.findMany({ where: { chain: school.id } })).toEqual(rows);
  });
});

describe("verifyAuditLog", () => {
  it("finds no broken link in a valid chain, and counts its rows", async () => {
    const { school } = await schoolWithEvents(5);
    expect(await fullCheck(school.id)).toEqual({ checked: 5, broken: null });
  });

  it("checks a chain with no rows as valid", async () => {
    const school = await makeSchool();
    expect(await fullCheck(school.id)).toEqual({ checked: 0, broken: null });
  });

  it("names the first broken link after a row's data is edited behind the trigger's back", async () => {
    const { school, rows } = await schoolWithEvents(5);
    const target = rows[2];
    await tamper(`UPDATE "AuditEvent" SET "data" = '{"i": 999}' WHERE "id" = $1`, [target.id]);
    try {
      expect(await fullCheck(school.id)).toEqual({
        checked: 5,
        broken: { chain: school.id, seq: 3, id: String(target.id), reason: "content does not match its hash" },
      });
    } finally {
      await tamper(`UPDATE "AuditEvent" SET "data" = $2::jsonb WHERE "id" = $1`, [target.id, JSON.stringify(target.data)]);
    }
    expect(await fullCheck(school.id)).toEqual({ checked: 5, broken: null });
  });

  it("names the row whose actor or time was edited", async () => {
    const { school, rows } = await schoolWithEvents(3);
    const target = rows[1];
    await tamper(`UPDATE "AuditEvent" SET "at" = "at" + interval '1 hour' WHERE "id" = $1`, [target.id]);
    try {
      expect((await fullCheck(school.id)).broken).toMatchObject({ seq: 2, id: String(target.id) });
    } finally {
      await tamper(`UPDATE "AuditEvent" SET "at" = $2 WHERE "id" = $1`, [target.id, target.at]);
    }
    expect((await fullCheck(school.id)).broken).toBeNull();
  });

  it("names the row whose stored hash was edited", async () => {
    const { school, rows } = await schoolWithEvents(4);
    const target = rows[1];
    await tamper(`UPDATE "AuditEvent" SET "hash" = $2 WHERE "id" = $1`, [target.id, "0".repeat(64)]);
    try {
      expect((await fullCheck(school.id)).broken).toEqual({
        chain: school.id,
        seq: 2,
        id: String(target.id),
        reason: "content does not match its hash",
      });
    } finally {
      await tamper(`UPDATE "AuditEvent" SET "hash" = $2 WHERE "id" = $1`, [target.id, target.hash]);
    }
  });

  it("notices a row removed from the middle of the chain", async () => {
    const { school, rows } = await schoolWithEvents(4);
    const target = rows[1];
    await raw.query(`CREATE TEMP TABLE IF NOT EXISTS saved_audit AS SELECT * FROM "AuditEvent" WITH NO DATA`);
    await raw.query(`INSERT INTO saved_audit SELECT * FROM "AuditEvent" WHERE "id" = $1`, [target.id]);
    await tamper(`DELETE FROM "AuditEvent" WHERE "id" = $1`, [target.id]);
    try {
      expect((await fullCheck(school.id)).broken).toEqual({ chain: school.id, seq: 3, id: String(rows[2].id), reason: "expected sequence 2" });
    } finally {
      await raw.query(`INSERT INTO "AuditEvent" SELECT * FROM saved_audit WHERE "id" = $1`, [target.id]);
    }
    expect(await fullCheck(school.id)).toEqual({ checked: 4, broken: null });
  });

  it("notices a forged row whose hash was recomputed: the next row's link breaks", async () => {
    const { school, rows } = await schoolWithEvents(3);
    const target = rows[1];
    const forged = { ...target, data: { i: 2, forged: true } };
    await tamper(`UPDATE "AuditEvent" SET "data" = $2::jsonb, "hash" = $3 WHERE "id" = $1`, [target.id, JSON.stringify(forged.data), hashEvent(forged)]);
    try {
      expect((await fullCheck(school.id)).broken).toMatchObject({ seq: 3, id: String(rows[2].id), reason: "previous hash does not match" });
    } finally {
      await tamper(`UPDATE "AuditEvent" SET "data" = $2::jsonb, "hash" = $3 WHERE "id" = $1`, [target.id, JSON.stringify(target.data), target.hash]);
    }
  });

  it("an edit in one school's chain does not make another school's chain fail", async () => {
    const a = await schoolWithEvents(2);
    const b = await schoolWithEvents(2);
    await tamper(`UPDATE "AuditEvent" SET "action" = 'forged' WHERE "id" = $1`, [a.rows[0].id]);
    try {
      expect((await fullCheck(a.school.id)).broken).toMatchObject({ seq: 1 });
      expect(await fullCheck(b.school.id)).toEqual({ checked: 2, broken: null });
    } finally {
      await tamper(`UPDATE "AuditEvent" SET "action" = $2 WHERE "id" = $1`, [a.rows[0].id, a.rows[0].action]);
    }
  });
});
