import { describe, it, expect, beforeAll } from "vitest";
import { db } from "../support/owner-db";
import { appRoleLogin, type AppScope } from "../support/app-role";
import { authorisationSnapshot, snapshotHash } from "@/lib/monitoring/snapshot";
import { incidentWorld, type IncidentWorld } from "./incident-world";
import { requestAs, approveAs } from "./monitoring-world";

// "Enforced in the database": a connection that logs in as a member of the app's role (ict_app), not a
// superuser, reads nothing of an authorisation whose subject it is, cannot count it, and cannot decide it.

let w: IncidentWorld;
let id: string;
type Scope = AppScope;
const { asApp } = appRoleLogin("ict_mon");

beforeAll(async () => {
  w = await incidentWorld();
  id = await requestAs(w.people.dsl, w.a.slug, w.people.head.id);
  await approveAs(w.people.chair, w.a.slug, id);
});

const TABLES = { MonitoringAuthorisation: "id", MonitoringDecision: "authorisationId" } as const;
const counts = async (scope: Scope | null) => {
  const out: Record<string, number> = {};
  for (const [t, col] of Object.entries(TABLES)) out[t] = Number((await asApp<{ n: string }>(scope, `SELECT count(*) AS n FROM "${t}" WHERE "${col}" = $1`, [id]))[0].n);
  out.inSchool = Number((await asApp<{ n: string }>(scope, `SELECT count(*) AS n FROM "MonitoringAuthorisation" WHERE "schoolId" = $1`, [w.a.id]))[0].n);
  return out;
};
const as = (p: { id: string }, schoolId = w.a.id): Scope => ({ personId: p.id, schoolId });

describe("monitoring authorisations under row-level security, as a non-superuser member of ict_app", () => {
  it("the login neither is a superuser nor bypasses RLS", async () => {
    expect(await asApp(null, "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")).toEqual([{ rolsuper: false, rolbypassrls: false }]);
  });

  it("the subject (the Head) reads and counts zero rows, and its deciders' list is empty for them", async () => {
    expect(await counts(as(w.people.head))).toEqual({ MonitoringAuthorisation: 0, MonitoringDecision: 0, inSchool: 0 });
    expect(await asApp(as(w.people.head), "SELECT monitoring_visible($1) AS v", [id])).toEqual([{ v: false }]);
    expect(await asApp(as(w.people.head), "SELECT * FROM monitoring_deciders_of($1)", [id])).toEqual([]);
  });

  it("the requester and the Chair read it; other staff, other roles and the trust read nothing", async () => {
    for (const p of [w.people.dsl, w.people.chair]) expect(await counts(as(p))).toEqual({ MonitoringAuthorisation: 1, MonitoringDecision: 1, inSchool: 1 });
    for (const p of [w.people.teacher, w.people.ict, w.people.dpo, w.people.governor, w.people.trustAdmin, w.people.ceo]) {
      expect(await counts(as(p))).toEqual({ MonitoringAuthorisation: 0, MonitoringDecision: 0, inSchool: 0 });
    }
  });

  it("with no scope, or the Chair in another school's scope, zero rows", async () => {
    expect(await counts(null)).toEqual({ MonitoringAuthorisation: 0, MonitoringDecision: 0, inSchool: 0 });
    expect(await counts(as(w.people.chair, w.b.id))).toEqual({ MonitoringAuthorisation: 0, MonitoringDecision: 0, inSchool: 0 });
  });

  it("the subject cannot change it, decide it or record an outcome; nobody can delete it", async () => {
    const head = as(w.people.head);
    expect(await asApp(head, `UPDATE "MonitoringAuthorisation" SET status = 'ENDED', "endedAt" = now() WHERE id = $1 RETURNING id`, [id])).toEqual([]);
    await expect(asApp(head, `INSERT INTO "MonitoringOutcome" ("authorisationId", found, "actionTaken", "recordedById") VALUES ($1, 'x', 'y', $2)`, [id, w.people.head.id])).rejects.toThrow();
    await expect(
      asApp(head, `INSERT INTO "MonitoringDecision" ("authorisationId", decision, "deciderId", snapshot, sha256) VALUES ($1, 'DECLINED', $2, '{}', $3)`, [id, w.people.head.id, "0".repeat(64)]),
    ).rejects.toThrow();
    await expect(asApp(as(w.people.chair), `DELETE FROM "MonitoringAuthorisation" WHERE id = $1`, [id])).rejects.toThrow(/permission denied/);
    await expect(asApp(as(w.people.chair), `UPDATE "MonitoringDecision" SET reason = 'later' WHERE "authorisationId" = $1`, [id])).rejects.toThrow(/permission denied/);
    expect((await db.monitoringAuthorisation.findUniqueOrThrow({ where: { id } })).status).toBe("APPROVED");
  });

  it("a new request about the Chair: the Chair cannot insert a decision on it, the trust administrator can", async () => {
    const aboutChair = await requestAs(w.people.dsl, w.a.slug, w.people.chair.id);
    const a = await db.monitoringAuthorisation.findUniqueOrThrow({ where: { id: aboutChair } });
    const snap = JSON.stringify(authorisationSnapshot(a));
    const hash = snapshotHash(authorisationSnapshot(a));
    const insert = `INSERT INTO "MonitoringDecision" ("authorisationId", decision, "deciderId", snapshot, sha256) VALUES ($1, 'APPROVED', $2, $3::jsonb, $4) RETURNING "authorisationId"`;
    // The trigger (which runs before the policy's check) or the policy: either way, refused.
    await expect(asApp(as(w.people.chair), insert, [aboutChair, w.people.chair.id, snap, hash])).rejects.toThrow(/row-level security|only the Chair/);
    expect(await asApp(as(w.people.trustAdmin), insert, [aboutChair, w.people.trustAdmin.id, snap, hash])).toEqual([{ authorisationId: aboutChair }]);
  });
});
