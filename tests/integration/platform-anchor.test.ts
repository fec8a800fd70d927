import { describe, it, expect } from "vitest";
import { db } from "../support/owner-db";
import { db as appDb, type Tx } from "@/lib/db";
import { runInScope } from "@/lib/db/context";
import { record } from "@/lib/audit/record";
import { GENESIS, PLATFORM_CHAIN, hashEvent } from "@/lib/audit/chain";
import { anchorSignatureProblem, signAnchor } from "@/lib/audit/anchor-sign";
import { anchorPlatformChain } from "@/lib/audit/anchor-platform";
import { runAuditAnchoring } from "@/lib/audit/job";
import { auditVerifyCommand } from "@/lib/audit/verify-cli";
import { sealKey } from "@/lib/seal/certificate";
import { makeSchool } from "../support/fixtures";
import { asOperatorScript } from "../support/operator-script";

// Issue 12 point 6 for the platform chain (strangers' sign-in attempts, /verify checks), which no scope can
// read (decision 0028): the daily job anchors its head as ict_web without reading it, and audit:verify (the
// owner) checks the whole chain against that anchor (decision 0033).
//
// Every test file shares the one platform chain and runs in parallel with this one: a tampering committed
// here would break their checks and collide with their appends. So the chain is tampered with inside an
// owner's transaction that is rolled back, and audit:verify's own code runs on that transaction (as
// tests/support/operator-script.ts runs it on the owner's client); nobody else ever sees the change.

const platformEvent = () => runInScope(null, () => appDb.$transaction((tx) => record(tx, { action: "test.platform_anchor", data: {} })));
const platformRows = () => db.auditEvent.findMany({ where: { chain: PLATFORM_CHAIN }, orderBy: { seq: "asc" } });
/** `npm run audit:verify -- --chain platform`, as the owner, on the committed chain. */
const verifyPlatform = () => asOperatorScript(() => auditVerifyCommand(["--chain", PLATFORM_CHAIN]));
const platformAnchors = () => db.auditAnchor.findMany({ where: { chain: PLATFORM_CHAIN }, orderBy: { seq: "asc" } });

class RolledBack extends Error {}

/** Runs `check` with lib/db on one owner's transaction in which `tamper` ran with the append-only triggers off; then undoes it all. */
async function whileTampered(tamper: (tx: Tx) => Promise<void>, check: () => Promise<void>) {
  const app = globalThis as unknown as { prisma?: unknown };
  const saved = { prisma: app.prisma, setRole: process.env.DATABASE_SET_ROLE };
  try {
    await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
        await tamper(tx);
        app.prisma = tx;
        // The owner's script sets no role, even on the embedded server.
        delete process.env.DATABASE_SET_ROLE;
        try {
          await check();
        } finally {
          app.prisma = saved.prisma;
          if (saved.setRole !== undefined) process.env.DATABASE_SET_ROLE = saved.setRole;
        }
        throw new RolledBack();
      },
      // One snapshot: other files' appends meanwhile are neither seen nor in the way.
      { isolationLevel: "RepeatableRead", timeout: 60_000, maxWait: 30_000 },
    );
  } catch (e) {
    if (!(e instanceof RolledBack)) throw e;
  }
}

describe("the platform chain's daily anchor", () => {
  it("is made by the job as ict_web from the head it cannot read, signed and stored with no school or organisation", async () => {
    for (let i = 0; i < 3; i++) await platformEvent();
    const before = new Date();
    const out = await runAuditAnchoring(new Date(), { chains: [PLATFORM_CHAIN] });
    expect(out).toMatchObject({ chains: 1, anchored: 1, broken: [], digests: { sent: 0, failed: 0 } });

    const anchors = await platformAnchors();
    const latest = anchors[anchors.length - 1];
    expect(latest).toMatchObject({ schoolId: null, organisationId: null, fingerprint: sealKey().fingerprint });
    expect(latest.anchoredAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    // The head as it was: the anchored event is in the chain with that hash, and it is at least our last event.
    const event = await db.auditEvent.findUniqueOrThrow({ where: { chain_seq: { chain: PLATFORM_CHAIN, seq: latest.seq } } });
    expect(event.hash).toBe(latest.hash);
    expect(latest.seq).toBeGreaterThanOrEqual(3);
    expect(anchorSignatureProblem(latest, sealKey())).toBeNull();

    // The owner's check walks the chain from the genesis and agrees with it.
    expect(await verifyPlatform()).toMatchObject({ code: 0 });

    // ict_web still reads neither the chain nor its anchors, in no scope or a school's.
    const school = await makeSchool();
    for (const scope of [null, { schoolId: school.id }]) {
      expect(await runInScope(scope, () => appDb.auditEvent.findMany({ where: { chain: PLATFORM_CHAIN } }))).toEqual([]);
      expect(await runInScope(scope, () => appDb.auditAnchor.findMany({ where: { chain: PLATFORM_CHAIN } }))).toEqual([]);
    }
  });

  it("stores nothing for an event whose hash the caller does not have, and keeps the first anchor of a head", async () => {
    await platformEvent();
    const forged = signAnchor({ chain: PLATFORM_CHAIN, seq: 1, hash: "f".repeat(64), anchoredAt: new Date() }, sealKey());
    await expect(
      runInScope(null, () => appDb.$queryRaw`SELECT * FROM audit_anchor_platform(${forged.seq}, ${forged.hash}, ${forged.anchoredAt}, ${forged.fingerprint}, ${forged.signature})`),
    ).rejects.toThrow(/the platform chain has no event 1 with that hash/);
    expect((await platformAnchors()).filter((a) => a.hash === forged.hash)).toEqual([]);

    // Two runs on one head (nothing else appended between them inside one snapshot): one row, both report it.
    await whileTampered(
      async () => {},
      async () => {
        const first = await anchorPlatformChain(new Date());
        const second = await anchorPlatformChain(new Date(Date.now() + 1000));
        expect(first).toMatchObject({ fresh: true, broken: null });
        expect(second).toMatchObject({ fresh: false, broken: null, anchor: first!.anchor });
      },
    );
  });
});

describe("audit:verify against the platform chain's anchor", () => {
  it("catches the chain cut short below its anchor, and the job then refuses to anchor it", async () => {
    for (let i = 0; i < 2; i++) await platformEvent();
    await runAuditAnchoring(new Date(), { chains: [PLATFORM_CHAIN] });
    const anchored = (await platformAnchors()).at(-1)!;
    await whileTampered(
      async (tx) => {
        await tx.$executeRaw`DELETE FROM "AuditEvent" WHERE chain = ${PLATFORM_CHAIN} AND seq >= ${anchored.seq - 1}`;
      },
      async () => {
        const run = await auditVerifyCommand(["--chain", PLATFORM_CHAIN]);
        expect(run.code).toBe(1);
        // The first anchor above the cut (an earlier one may sit at seq - 1), named as removed.
        expect(run.output).toMatch(new RegExp(`^BROKEN: chain platform seq (${anchored.seq - 1}|${anchored.seq}) id - the chain ends at event ${anchored.seq - 2}, but event \\d+ was anchored on .*: events have been removed$`));
        // The job's database check sees it too, and signs nothing.
        const before = await db.auditAnchor.count({ where: { chain: PLATFORM_CHAIN } });
        const job = await anchorPlatformChain(new Date());
        expect(job).toMatchObject({ fresh: false, anchor: null, broken: { chain: PLATFORM_CHAIN, reason: expect.stringMatching(/events have been removed$/) } });
        expect(job!.broken!.seq).toBeGreaterThanOrEqual(anchored.seq - 1);
        expect(await db.auditAnchor.count({ where: { chain: PLATFORM_CHAIN } })).toBe(before);
      },
    );
    expect(await verifyPlatform()).toMatchObject({ code: 0 });
  });

  it("catches the chain rewritten whole, every hash recomputed, after its anchor", async () => {
    await platformEvent();
    await runAuditAnchoring(new Date(), { chains: [PLATFORM_CHAIN] });
    const first = (await platformAnchors())[0];
    await whileTampered(
      async (tx) => {
        const rows = await tx.auditEvent.findMany({ where: { chain: PLATFORM_CHAIN }, orderBy: { seq: "asc" } });
        let prev = GENESIS;
        for (const r of rows) {
          const row = { ...r, data: r.seq === 1 ? { rewritten: true } : r.data, prevHash: prev };
          prev = hashEvent(row);
          await tx.$executeRaw`UPDATE "AuditEvent" SET data = ${JSON.stringify(row.data)}::jsonb, "prevHash" = ${row.prevHash}, hash = ${prev} WHERE id = ${r.id}`;
        }
      },
      async () => {
        // Every link holds: only the anchor shows that these are not the events that were there.
        const run = await auditVerifyCommand(["--chain", PLATFORM_CHAIN]);
        expect(run.code).toBe(1);
        expect(run.output).toMatch(new RegExp(`^BROKEN: chain platform seq ${first.seq} id \\d+ event ${first.seq} is not the event anchored on .*: the chain has been rewritten$`));
        expect(await anchorPlatformChain(new Date())).toMatchObject({ anchor: null, broken: { seq: first.seq, reason: expect.stringMatching(/rewritten$/) } });
      },
    );
    expect(await verifyPlatform()).toMatchObject({ code: 0 });
  });
});
