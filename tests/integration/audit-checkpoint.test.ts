import { describe, it, expect } from "vitest";
import { rawSuperuser } from "../support/raw-superuser";
import { db } from "../support/owner-db";
import { record } from "@/lib/audit/record";
import { verifyAuditLog, checkChainSinceCheckpoint, walkChain } from "@/lib/audit/verify";
import { PLATFORM_CHAIN, CHAIN_START, organisationChain } from "@/lib/audit/chain";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { db as appDb } from "@/lib/db";
import { runInScope } from "@/lib/db/context";
import { inChainScope } from "@/lib/audit/job";
import { makeOrganisation, makeSchool, makeMember, makePerson, makeOrgRole, setPassword } from "../support/fixtures";

// Issue 11 point 3: the audit page checks only the events after a verified checkpoint, while the full
// check still catches an edit made before it; sign-ins chain per organisation, not on one platform chain.

const { raw, tamper } = rawSuperuser();

async function chainOf(n: number) {
  const school = await makeSchool();
  await add(school.id, n);
  return school.id;
}
async function add(schoolId: string, n: number) {
  for (let i = 0; i < n; i++) await db.$transaction((tx) => record(tx, { schoolId, action: "test.event", data: { i } }));
}
// The audit page's checks run in its school's scope (requireMember): the quick one on every view, the
// full one behind its "Check the whole record" button. Walking a chain for the anchor is the daily job's.
const quickCheck = (chain: string) => runInScope({ schoolId: chain }, () => checkChainSinceCheckpoint(chain));
const fullCheck = (chain: string) => runInScope({ schoolId: chain }, () => verifyAuditLog(chain));
const jobWalk = (chain: string, from: typeof CHAIN_START, batch: number) => inChainScope(chain, () => walkChain(chain, from, batch));
const rowAt = (chain: string, seq: number) => db.auditEvent.findUniqueOrThrow({ where: { chain_seq: { chain, seq } } });

describe("checkpoints", () => {
  it("a full check leaves a checkpoint at the chain's end; the page then checks only newer events", async () => {
    const chain = await chainOf(6);
    expect(await fullCheck(chain)).toEqual({ checked: 6, broken: null });
    const cp = await db.auditCheckpoint.findUniqueOrThrow({ where: { chain } });
    expect(cp).toMatchObject({ seq: 6, hash: (await rowAt(chain, 6)).hash, brokenSeq: null });
    expect(cp.fullVerifiedAt).not.toBeNull();

    expect(await quickCheck(chain)).toMatchObject({ checked: 0, lastSeq: 6, checkpointSeq: 6, broken: null });
    await add(chain, 3);
    expect(await quickCheck(chain)).toMatchObject({ checked: 3, lastSeq: 9, checkpointSeq: 6, broken: null });
    // That view moved the checkpoint on: the next one has nothing to recompute.
    expect(await db.auditCheckpoint.findUniqueOrThrow({ where: { chain } })).toMatchObject({ seq: 9 });
    expect(await quickCheck(chain)).toMatchObject({ checked: 0, lastSeq: 9, checkpointSeq: 9, broken: null });
  });

  it("with no checkpoint yet, the page checks the whole chain and leaves one", async () => {
    const chain = await chainOf(4);
    expect(await quickCheck(chain)).toMatchObject({ checked: 4, checkpointSeq: 0, broken: null });
    expect(await db.auditCheckpoint.findUniqueOrThrow({ where: { chain } })).toMatchObject({ seq: 4, fullVerifiedAt: null });
  });

  it("an edit after the checkpoint is caught by the page's check", async () => {
    const chain = await chainOf(3);
    await fullCheck(chain);
    await add(chain, 3);
    const target = await rowAt(chain, 5);
    await tamper(`UPDATE "AuditEvent" SET data = '{"i": 999}' WHERE id = $1`, [target.id]);
    try {
      expect(await quickCheck(chain)).toMatchObject({ broken: { seq: 5, reason: "content does not match its hash" } });
    } finally {
      await tamper(`UPDATE "AuditEvent" SET data = $2::jsonb WHERE id = $1`, [target.id, JSON.stringify(target.data)]);
    }
  });

  it("an edit of the checkpointed event itself is caught by the page's check", async () => {
    const chain = await chainOf(4);
    await fullCheck(chain);
    const target = await rowAt(chain, 4);
    await tamper(`UPDATE "AuditEvent" SET action = 'forged' WHERE id = $1`, [target.id]);
    try {
      expect((await quickCheck(chain)).broken).toMatchObject({ seq: 4, reason: "the last verified event has changed since it was verified" });
    } finally {
      await tamper(`UPDATE "AuditEvent" SET action = $2 WHERE id = $1`, [target.id, target.action]);
    }
  });

  it("an edit before the checkpoint passes the page's quick check but not the full check, and the page then says so", async () => {
    const chain = await chainOf(6);
    await fullCheck(chain);
    const target = await rowAt(chain, 2);
    await tamper(`UPDATE "AuditEvent" SET data = '{"i": 999}' WHERE id = $1`, [target.id]);
    try {
      // The quick check reads nothing before the checkpoint: that is its point, and its limit.
      expect((await quickCheck(chain)).broken).toBeNull();
      // The full check (audit:verify, the nightly job, the page's button) reads everything.
      expect(await fullCheck(chain)).toMatchObject({ broken: { chain, seq: 2, reason: "content does not match its hash" } });
      // From then on every view reports it, although the quick check alone would not find it.
      expect(await quickCheck(chain)).toMatchObject({ broken: { seq: 2, reason: "content does not match its hash" } });
      expect(await db.auditCheckpoint.findUniqueOrThrow({ where: { chain } })).toMatchObject({ seq: 6, brokenSeq: 2 });
    } finally {
      await tamper(`UPDATE "AuditEvent" SET data = $2::jsonb WHERE id = $1`, [target.id, JSON.stringify(target.data)]);
    }
    // Restored and fully checked again: the recorded break is cleared.
    expect(await fullCheck(chain)).toEqual({ checked: 6, broken: null });
    expect((await quickCheck(chain)).broken).toBeNull();
  });

  it("the full check walks a chain in batches and still finds a row missing at a batch boundary", async () => {
    const chain = await chainOf(10);
    expect(await jobWalk(chain, CHAIN_START, 3)).toMatchObject({ checked: 10, last: { seq: 10 }, broken: null });
    const gone = await rowAt(chain, 7);
    await raw.query(`CREATE TEMP TABLE IF NOT EXISTS saved_cp AS SELECT * FROM "AuditEvent" WITH NO DATA`);
    await raw.query(`INSERT INTO saved_cp SELECT * FROM "AuditEvent" WHERE id = $1`, [gone.id]);
    await tamper(`DELETE FROM "AuditEvent" WHERE id = $1`, [gone.id]);
    try {
      // Batches 1–3, 4–6, then 8–10: the walk expects 7 after 6.
      expect((await jobWalk(chain, CHAIN_START, 3)).broken).toMatchObject({ seq: 8, reason: "expected sequence 7" });
    } finally {
      await tamper(`INSERT INTO "AuditEvent" SELECT * FROM saved_cp WHERE id = $1`, [gone.id]);
    }
    expect((await jobWalk(chain, CHAIN_START, 3)).broken).toBeNull();
  });

  // The owner on purpose: the trigger refuses even the tables' owner.
  it("the database refuses to move a checkpoint backwards", async () => {
    const chain = await chainOf(3);
    await fullCheck(chain);
    const before = await db.auditCheckpoint.findUniqueOrThrow({ where: { chain } });
    await expect(db.$executeRaw`UPDATE "AuditCheckpoint" SET seq = 1 WHERE chain = ${chain}`).rejects.toThrow(/cannot move back/);
    expect(await db.auditCheckpoint.findUniqueOrThrow({ where: { chain } })).toEqual(before);
  });
});

describe("sign-in events chain per organisation", () => {
  it("a member's sign-in goes on their organisation's chain, not the platform chain", async () => {
    const [orgA, orgB] = await Promise.all([makeOrganisation(), makeOrganisation()]);
    const [schoolA, schoolB] = await Promise.all([makeSchool(orgA.id), makeSchool(orgB.id)]);
    const a = await makeMember(schoolA.id);
    const b = await makeMember(schoolB.id);
    await Promise.all([setPassword(a.person.id, "a long enough password"), setPassword(b.person.id, "a long enough password")]);
    const platformBefore = await db.auditEvent.count({ where: { chain: PLATFORM_CHAIN } });

    await Promise.all([signInWithPassword(a.person.email, "a long enough password", null), signInWithPassword(b.person.email, "a long enough password", null)]);

    const rowA = await db.auditEvent.findFirstOrThrow({ where: { actorId: a.person.id, action: "auth.sign_in" } });
    const rowB = await db.auditEvent.findFirstOrThrow({ where: { actorId: b.person.id, action: "auth.sign_in" } });
    expect(rowA).toMatchObject({ chain: organisationChain(orgA.id), organisationId: orgA.id, schoolId: null, seq: 1 });
    expect(rowB).toMatchObject({ chain: organisationChain(orgB.id), organisationId: orgB.id, schoolId: null, seq: 1 });
    expect(await db.auditEvent.count({ where: { chain: PLATFORM_CHAIN, actorId: { in: [a.person.id, b.person.id] } } })).toBe(0);
    expect(await db.auditEvent.count({ where: { chain: PLATFORM_CHAIN } })).toBe(platformBefore);
    // And the full check covers those chains.
    // The nightly full check, in the organisation's scope as the job checks an organisation's chain.
    expect(await inChainScope(organisationChain(orgA.id), () => verifyAuditLog(organisationChain(orgA.id)))).toEqual({ checked: 1, broken: null });
  });

  it("a trust role holder with no membership uses the trust's chain; a stranger stays on the platform chain", async () => {
    const org = await makeOrganisation();
    const admin = await makeOrgRole(org.id, "TRUST_ADMIN");
    const stranger = await makePerson();
    // As sign-in records it: the app's client, before any scope.
    const one = await appDb.$transaction((tx) => record(tx, { actorId: admin.id, action: "auth.sign_in" }));
    const two = await appDb.$transaction((tx) => record(tx, { actorId: stranger.id, action: "auth.sign_in" }));
    const three = await appDb.$transaction((tx) => record(tx, { action: "auth.sign_in_failed" }));
    expect(one).toMatchObject({ chain: organisationChain(org.id), organisationId: org.id });
    expect(two).toMatchObject({ chain: PLATFORM_CHAIN, organisationId: null });
    expect(three).toMatchObject({ chain: PLATFORM_CHAIN, organisationId: null });
  });

  it("a school's own events are unchanged: on the school's chain", async () => {
    const school = await makeSchool();
    const { person } = await makeMember(school.id);
    // As a service records it, in the school's scope the action factory sets.
    const row = await runInScope({ schoolId: school.id, personId: person.id }, () => appDb.$transaction((tx) => record(tx, { schoolId: school.id, organisationId: school.organisationId, actorId: person.id, action: "test.x" })));
    expect(row).toMatchObject({ chain: school.id, organisationId: school.organisationId });
  });
});
