import { describe, it, expect, beforeAll } from "vitest";
import { db } from "../support/owner-db";
import { appRoleLogin } from "../support/app-role";
import { withScope } from "@/lib/db/scope";
import { addChronologyEntry } from "@/lib/incidents/service";
import { incidentWorld, ctxOf, report, type IncidentWorld } from "./incident-world";

// Acceptance point 3 "in PostgreSQL, not only in code": a connection that logs in as a member of the
// app's role (ict_app), not a superuser, reads nothing of a report it is the subject of.

let w: IncidentWorld;
let incidentId: string;
let breachId: string;
const { asApp } = appRoleLogin();

beforeAll(async () => {
  w = await incidentWorld();
  incidentId = await report(w.people.teacher, w.a.slug, "COLLEAGUE_MISUSE", { subjectIds: [w.people.head.id] });
  breachId = await report(w.people.teacher, w.a.slug, "DATA_BREACH");
  await addChronologyEntry(await ctxOf(w.people.chair, w.a.slug), { incidentId, kind: "NOTE", note: "Spoke to the reporter." });
});

const count = async (scope: { personId: string; schoolId: string } | null, table: string) =>
  Number((await asApp<{ n: string }>(scope, `SELECT count(*) AS n FROM "${table}" WHERE "${table === "Incident" ? "id" : "incidentId"}" = $1`, [incidentId]))[0].n);

describe("row-level security as a non-superuser member of ict_app", () => {
  it("the login is not a superuser and does not bypass RLS", async () => {
    const [me] = await asApp<{ rolsuper: boolean; rolbypassrls: boolean }>(null, "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user");
    expect(me).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it("the subject (the Head) reads zero rows of the report, its subjects and its chronology", async () => {
    const head = { personId: w.people.head.id, schoolId: w.a.id };
    for (const table of ["Incident", "IncidentSubject", "ChronologyEntry", "IncidentRead"]) expect({ table, n: await count(head, table) }).toEqual({ table, n: 0 });
    expect(await asApp(head, `SELECT id FROM "Incident" WHERE "schoolId" = $1 AND category = 'COLLEAGUE_MISUSE'`, [w.a.id])).toEqual([]);
  });

  it("a handler (the Chair of Governors) reads the row and its chronology", async () => {
    const chair = { personId: w.people.chair.id, schoolId: w.a.id };
    expect(await count(chair, "Incident")).toBe(1);
    expect(await count(chair, "IncidentSubject")).toBe(1);
    expect(await count(chair, "ChronologyEntry")).toBe(1);
  });

  it("the reporter reads their own row but not the chronology", async () => {
    const teacher = { personId: w.people.teacher.id, schoolId: w.a.id };
    expect(await count(teacher, "Incident")).toBe(1);
    expect(await count(teacher, "ChronologyEntry")).toBe(0);
  });

  it("with no scope, or the handler in another school's scope, zero rows", async () => {
    expect(await count(null, "Incident")).toBe(0);
    expect(Number((await asApp<{ n: string }>(null, `SELECT count(*) AS n FROM "Incident"`))[0].n)).toBe(0);
    expect(await count({ personId: w.people.chair.id, schoolId: w.b.id }, "Incident")).toBe(0);
  });

  it("the subject cannot change the report or write to its chronology", async () => {
    const head = { personId: w.people.head.id, schoolId: w.a.id };
    const updated = await asApp<{ id: string }>(head, `UPDATE "Incident" SET status = 'CLOSED' WHERE id = $1 RETURNING id`, [incidentId]);
    expect(updated).toEqual([]);
    await expect(asApp(head, `INSERT INTO "ChronologyEntry" (id, "incidentId", kind, note, "authorId") VALUES ('x', $1, 'NOTE', 'n', $2)`, [incidentId, w.people.head.id]))
      .rejects.toThrow(/row-level security/);
    expect(await db.incident.findUniqueOrThrow({ where: { id: incidentId } })).toMatchObject({ status: "NEW" });
  });

  it("withScope runs as ict_app with the person and school set for the transaction only", async () => {
    const inside = await withScope({ personId: w.people.head.id, schoolId: w.a.id }, (tx) =>
      tx.$queryRaw<{ who: string; person: string; n: bigint }[]>`
        SELECT current_user::text AS who, current_setting('app.person_id', true) AS person, (SELECT count(*) FROM "Incident" WHERE id = ${incidentId}) AS n`);
    expect(inside).toEqual([{ who: "ict_app", person: w.people.head.id, n: 0n }]);
    const after = await db.$queryRaw<{ who: string; person: string | null }[]>`SELECT current_user::text AS who, nullif(current_setting('app.person_id', true), '') AS person`;
    expect(after[0].who).not.toBe("ict_app");
    expect(after[0].person).toBeNull();
  });
});

describe("evidence in the database", () => {
  it("the chronology is append-only: UPDATE and DELETE refused, for the app role and for the owner", async () => {
    const chair = { personId: w.people.chair.id, schoolId: w.a.id };
    const before = await db.chronologyEntry.findMany({ where: { incidentId } });
    await expect(asApp(chair, `UPDATE "ChronologyEntry" SET note = 'changed' WHERE "incidentId" = $1`, [incidentId])).rejects.toThrow(/permission denied/);
    await expect(asApp(chair, `DELETE FROM "ChronologyEntry" WHERE "incidentId" = $1`, [incidentId])).rejects.toThrow(/permission denied/);
    await expect(db.$executeRaw`UPDATE "ChronologyEntry" SET note = 'changed' WHERE "incidentId" = ${incidentId}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM "ChronologyEntry" WHERE "incidentId" = ${incidentId}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM "IncidentSubject" WHERE "incidentId" = ${incidentId}`).rejects.toThrow(/append-only/);
    expect(await db.chronologyEntry.findMany({ where: { incidentId } })).toEqual(before);
    expect(await db.incidentSubject.count({ where: { incidentId } })).toBe(1);
  });

  it("what was reported cannot be rewritten, the report cannot be deleted, and routing never narrows", async () => {
    const before = await db.incident.findUniqueOrThrow({ where: { id: incidentId } });
    await expect(db.$executeRaw`UPDATE "Incident" SET description = 'rewritten' WHERE id = ${incidentId}`).rejects.toThrow(/not changed after it is reported/);
    await expect(db.$executeRaw`DELETE FROM "Incident" WHERE id = ${incidentId}`).rejects.toThrow(/never deleted/);
    await expect(db.$executeRaw`UPDATE "Incident" SET "routedRoles" = '{}' WHERE id = ${incidentId}`).rejects.toThrow(/more roles, never fewer/);
    expect(await db.incident.findUniqueOrThrow({ where: { id: incidentId } })).toEqual(before);
  });

  it("a data breach cannot be closed before the ICO decision, even by a direct UPDATE", async () => {
    await expect(db.$executeRaw`
      UPDATE "Incident" SET status = 'CLOSED', outcome = 'NO_FURTHER_ACTION', "outcomeSummary" = 'done', "closedAt" = now()
      WHERE id = ${breachId}`).rejects.toThrow(/decision on reporting it to the ICO/);
    await expect(db.$executeRaw`UPDATE "Incident" SET status = 'CLOSED' WHERE id = ${incidentId}`).rejects.toThrow(/outcome and a summary/);
    expect((await db.incident.findUniqueOrThrow({ where: { id: breachId } })).status).toBe("NEW");
  });
});
