import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { execFileSync } from "node:child_process";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { findBrokenLink } from "@/lib/audit/chain";
import path from "node:path";
import { startEmbedded, type Embedded } from "../../scripts/lib/embedded";

// The demo, seeded into a database of its own (its slugs and emails are fixed, and it seeds every
// organisation it finds): every record it adds has the audit event the app would have written, and the
// chains verify. New tables are covered as they come: every table with an id must be accounted for.

// Records that are not evidence of anything done in the app (or are the log itself).
// Append-only parts of a record whose own audit events name the parent (a chronology entry is written
// by the incident step that adds it, and that step's event names the incident).
const PART_OF: Record<string, string> = { ChronologyEntry: "incidentId", LoanItem: "loanId" };
PART_OF.PermissionRequestHistory = "requestId";
PART_OF.FilteringChangeStep = "changeId";
const NOT_AUDITED = new Set(["AuditEvent", "AuditAnchor", "DevMail", "SignInAttempt", "MagicLinkToken", "JobRun", "_prisma_migrations"]);

let url = "";
let dropDatabase: (() => Promise<void>) | null = null;
let embedded: Embedded | null = null;
let seeded: PrismaClient;

beforeAll(async () => {
  if (process.env.PGLITE === "1") {
    embedded = await startEmbedded();
    url = embedded.url;
  } else {
    const admin = new URL(process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL!);
    const name = `ict_seed_${process.pid}_${Date.now()}`;
    admin.pathname = "/postgres";
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`CREATE DATABASE "${name}"`);
    await c.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDatabase = async () => {
      const d = new pg.Client({ connectionString: admin.toString() });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await d.end();
    };
  }
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: { ...process.env, DATABASE_URL: url, MIGRATION_DATABASE_URL: url } });
  // The seed's later domains go through the app's own services, which use the app's database client
  // (DATABASE_URL): run it the way `npm run db:seed` does, in a process of its own pointed at this database.
  execFileSync(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "prisma/seed/index.ts", "--demo"], {
    stdio: "ignore",
    env: { ...process.env, DATABASE_URL: url, MIGRATION_DATABASE_URL: url, JOBS_DISABLED: "1" },
  });
  seeded = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) });
}, 300_000);

afterAll(async () => {
  await seeded?.$disconnect();
  await dropDatabase?.();
  await embedded?.stop();
});

describe("the demo seed's audit events", () => {
  it("every record in every table has its audit event (by entity id)", async () => {
    const tables = await seeded.$queryRaw<{ table_name: string }[]>`
      SELECT table_name::text AS table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id' ORDER BY table_name`;
    const unaccounted: Record<string, number> = {};
    const checked: string[] = [];
    for (const { table_name: t } of tables) {
      if (NOT_AUDITED.has(t) || t === "Person") continue;
      const rows = await seeded.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "${t}" r WHERE NOT EXISTS (SELECT 1 FROM "AuditEvent" a WHERE a."entityId" = r."${PART_OF[t] ?? "id"}")`,
      );
      checked.push(t);
      if (rows[0].n > 0) unaccounted[t] = rows[0].n;
    }
    expect(unaccounted).toEqual({});
    expect(checked).toEqual(expect.arrayContaining(["Declaration", "Membership", "Organisation", "OrganisationRole", "Policy", "PolicyVersion", "School"]));
  });

  it("every person appears in the event that added them", async () => {
    const rows = await seeded.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Person" p WHERE NOT EXISTS (SELECT 1 FROM "AuditEvent" a WHERE a.data->>'personId' = p.id)`;
    expect(rows[0].n).toBe(0);
  });

  it("each event is the app's: declarations signed by their signer on their school's chain; versions published; people added", async () => {
    const declarations = await seeded.declaration.findMany({ select: { id: true, schoolId: true, personId: true, policyVersionId: true } });
    expect(declarations.length).toBeGreaterThan(100);
    const events = new Map((await seeded.auditEvent.findMany({ where: { action: "declaration.signed" } })).map((e) => [e.entityId, e]));
    for (const d of declarations) {
      expect(events.get(d.id)).toMatchObject({ chain: d.schoolId, schoolId: d.schoolId, actorId: d.personId, data: expect.objectContaining({ policyVersionId: d.policyVersionId }) });
    }
    const published = await seeded.policyVersion.findMany({ where: { status: "PUBLISHED" }, select: { id: true, contentHash: true } });
    const publishEvents = new Map((await seeded.auditEvent.findMany({ where: { action: "policy.version_published" } })).map((e) => [e.entityId, e]));
    for (const v of published) expect(publishEvents.get(v.id)?.data).toMatchObject({ contentHash: v.contentHash });
    const memberships = await seeded.membership.findMany({ select: { id: true, schoolId: true, personId: true } });
    const added = new Map((await seeded.auditEvent.findMany({ where: { action: "person.added" } })).map((e) => [e.entityId, e]));
    for (const m of memberships) expect(added.get(m.id)).toMatchObject({ chain: m.schoolId, data: expect.objectContaining({ personId: m.personId }) });
  });

  it("every chain verifies", async () => {
    const chains = (await seeded.auditEvent.findMany({ distinct: ["chain"], select: { chain: true } })).map((c) => c.chain);
    expect(chains.length).toBeGreaterThan(3);
    for (const chain of chains) {
      const rows = await seeded.auditEvent.findMany({ where: { chain }, orderBy: { seq: "asc" } });
      expect(findBrokenLink(rows)).toBeNull();
    }
  });
});
