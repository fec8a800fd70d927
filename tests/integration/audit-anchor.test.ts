import { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach, vi } from "vitest";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { rawSuperuser } from "../support/raw-superuser";
import { startSmtp, bodyOf, mailTo } from "../support/smtp";
import { db } from "../support/owner-db";
import { record } from "@/lib/audit/record";
import { hashEvent, GENESIS, organisationChain } from "@/lib/audit/chain";
import * as verify from "@/lib/audit/verify";
import * as anchoring from "@/lib/audit/anchor";
import * as anchorCheck from "@/lib/audit/anchor-check";
import { lazyTrustedCertificates } from "@/lib/audit/anchor-check";
import { anchorSignatureProblem, signAnchor, type SignedAnchor } from "@/lib/audit/anchor-sign";
import { decodeAnchorText, encodeAnchorBlock } from "@/lib/audit/anchor-file";
import * as anchorQueries from "@/lib/audit/anchor-queries";
import * as jobs from "@/lib/audit/job";
import * as cli from "@/lib/audit/verify-cli";
import * as status from "@/lib/audit/status";
import { chainStatusMessage } from "@/lib/audit/status";
import { formatDateTime } from "@/lib/dates";
import { identityFromP12, makeSelfSignedP12, sealIdentity, sealKey } from "@/lib/seal/certificate";
import { makeOrganisation, makeSchool, makeMember, makeOrgRole } from "../support/fixtures";
import { runInScope } from "@/lib/db/context";
import { asOperatorScript } from "../support/operator-script";

// Anchoring is a daily job: it anchors each chain in that chain's scope, as the scheduler's job does
// (lib/audit/job.ts, decision 0028); the job itself sets its own scopes. audit:verify is an operator script,
// as the owner (decision 0025). A school's chain is checked in that school's scope, as the audit page's
// "Check the whole record" and integrity line check it.
const inChainsSchool = <F extends (chain: string, ...rest: never[]) => Promise<unknown>>(fn: F) =>
  ((chain: string, ...rest: never[]) => runInScope({ schoolId: chain }, () => fn(chain, ...rest))) as F;
const anchorChain = (chain: string, now = new Date()) => jobs.inChainScope(chain, () => anchoring.anchorChain(chain, now));
const verifyAuditLog = inChainsSchool(verify.verifyAuditLog);
const walkChain = inChainsSchool(verify.walkChain);
const anchorBreak = inChainsSchool(anchorCheck.anchorBreak);
const runAuditAnchoring = jobs.runAuditAnchoring;
const auditVerifyCommand = (argv: readonly string[]) => asOperatorScript(() => cli.auditVerifyCommand(argv));
const schoolChainStatus = (schoolId: string, full: boolean) => runInScope({ schoolId }, () => status.schoolChainStatus(schoolId, full));

// Issue 12 points 6 and 7: each chain's head is signed with the installation's sealing certificate and
// published outside the database, so a chain rewritten whole (every hash recomputed) or cut short is
// caught, as is a forged anchor. The certificate is the default one beside the data (not a directory of
// this file's own): other files' full checks read these anchors too and must trust the same certificate.

const { raw, tamper } = rawSuperuser();

async function add(schoolId: string, n: number) {
  for (let i = 0; i < n; i++) await db.$transaction((tx) => record(tx, { schoolId, action: "test.anchor", data: { i } }));
}
async function chainOf(n: number) {
  const school = await makeSchool();
  await add(school.id, n);
  return school;
}
const rowsOf = (chain: string) => db.auditEvent.findMany({ where: { chain }, orderBy: { seq: "asc" } });
const anchorRows = (chain: string) => db.auditAnchor.findMany({ where: { chain }, orderBy: { seq: "asc" } });

/** Puts back events removed by a test, exactly as they were. */
async function restoreEvents(rows: Awaited<ReturnType<typeof rowsOf>>) {
  for (const r of rows) {
    await tamper(
      `INSERT INTO "AuditEvent" (id, chain, seq, "schoolId", "organisationId", "actorId", action, "entityType", "entityId", data, at, "prevHash", hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13)`,
      [r.id, r.chain, r.seq, r.schoolId, r.organisationId, r.actorId, r.action, r.entityType, r.entityId, JSON.stringify(r.data), r.at, r.prevHash, r.hash],
    );
  }
}

/** `npm run audit:verify` itself, in a child process, on this test run's database (slow: once is enough). */
function auditVerify(...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      path.join(process.cwd(), "node_modules/.bin/tsx"),
      ["--conditions=react-server", "scripts/audit-verify.ts", ...args],
      // An operator's tool: it runs with the owner's connection string, as `npm run audit:verify` is documented to.
      { env: { ...process.env, DATABASE_URL: process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
  });
}

describe("anchoring a chain", () => {
  it("signs the chain's head with the installation's sealing certificate, once per new head", async () => {
    const school = await chainOf(3);
    const now = new Date();
    const first = await anchorChain(school.id, now);
    const rows = await rowsOf(school.id);
    expect(first).toMatchObject({ chain: school.id, fresh: true, broken: null, anchor: { seq: 3, hash: rows[2].hash, fingerprint: sealIdentity().fingerprint } });
    expect(anchorSignatureProblem(first.anchor!, sealKey())).toBeNull();
    expect(await anchorRows(school.id)).toEqual([expect.objectContaining({ seq: 3, schoolId: school.id, organisationId: school.organisationId })]);

    // Nothing new: nothing signed; the digest repeats the standing anchor.
    const again = await anchorChain(school.id);
    expect(again).toMatchObject({ fresh: false, broken: null, anchor: { seq: 3 } });
    await add(school.id, 2);
    const next = await anchorChain(school.id);
    expect(next).toMatchObject({ fresh: true, anchor: { seq: 5 } });
    expect((await anchorRows(school.id)).map((a) => a.seq)).toEqual([3, 5]);
    expect(await verifyAuditLog(school.id)).toEqual({ checked: 5, broken: null });

    // The audit page's "Check the whole record" says which anchor the record agrees with.
    const status = await schoolChainStatus(school.id, true);
    expect(chainStatusMessage(status, formatDateTime)).toEqual({
      success: `Integrity check passed: all 5 events in this school's chain were checked just now and are intact. They agree with the record's signed anchor of ${formatDateTime(next.anchor!.anchoredAt)} (event 5).`,
    });
  });

  it("anchors an organisation's chain (its sign-ins) under the organisation, with no school", async () => {
    const org = await makeOrganisation();
    await db.$transaction((tx) => record(tx, { organisationId: org.id, action: "test.anchor" }));
    const chain = organisationChain(org.id);
    const r = await anchorChain(chain);
    expect(r).toMatchObject({ fresh: true, anchor: { seq: 1 } });
    expect(await anchorRows(chain)).toEqual([expect.objectContaining({ schoolId: null, organisationId: org.id })]);
  });
});

describe("audit:verify against the anchors", () => {
  it("catches a chain cut short below its anchor, although every remaining link holds", async () => {
    const school = await chainOf(5);
    await anchorChain(school.id);
    expect(await auditVerify("--chain", school.id)).toMatchObject({ code: 0, out: expect.stringMatching(/^OK: 5 events in 1 chain verified, against 1 stored anchor/m) });

    const removed = (await rowsOf(school.id)).slice(3);
    await tamper(`DELETE FROM "AuditEvent" WHERE chain = $1 AND seq > 3`, [school.id]);
    try {
      // What the check could see before anchors: events 1 to 3 link up perfectly.
      expect(await walkChain(school.id)).toMatchObject({ checked: 3, broken: null });
      const run = await auditVerify("--chain", school.id);
      expect(run.code).toBe(1);
      expect(run.out).toMatch(new RegExp(`^BROKEN: chain ${school.id} seq 5 id - the chain ends at event 3, but event 5 was anchored on .*: events have been removed$`, "m"));
      // The break is recorded, so the audit page says so too, even on its quick check.
      expect(chainStatusMessage(await schoolChainStatus(school.id, false), formatDateTime).error).toMatch(
        /^The record has been altered: event 5 \(the chain ends at event 3, but event 5 was anchored on .*: events have been removed\)\. Tell your DPO\.$/,
      );
    } finally {
      await restoreEvents(removed);
    }
    expect(await verifyAuditLog(school.id)).toEqual({ checked: 5, broken: null });
  });

  it("catches a chain rewritten with every hash recomputed, and the anchor job will not sign the rewrite", async () => {
    const school = await chainOf(4);
    await anchorChain(school.id);
    const original = await rowsOf(school.id);
    // The attacker changes event 2 and recomputes every hash after it, as the app would have.
    let prev = GENESIS;
    const forged = original.map((r) => {
      const row = { ...r, data: r.seq === 2 ? { i: 999 } : r.data, prevHash: prev };
      const hash = hashEvent(row);
      prev = hash;
      return { ...row, hash };
    });
    const rewrite = async (rows: typeof original) => {
      for (const r of rows) await tamper(`UPDATE "AuditEvent" SET data = $2::jsonb, "prevHash" = $3, hash = $4 WHERE id = $1`, [r.id, JSON.stringify(r.data), r.prevHash, r.hash]);
    };
    await rewrite(forged);
    try {
      expect(await walkChain(school.id)).toMatchObject({ checked: 4, broken: null });
      expect((await verifyAuditLog(school.id)).broken).toEqual({
        chain: school.id,
        seq: 4,
        id: String(original[3].id),
        reason: expect.stringMatching(/^event 4 is not the event anchored on .*: the chain has been rewritten$/),
      });
      const job = await anchorChain(school.id);
      expect(job).toMatchObject({ fresh: false, broken: { seq: 4 } });
      expect(await anchorRows(school.id)).toHaveLength(1);
    } finally {
      await rewrite(original);
    }
    expect(await verifyAuditLog(school.id)).toEqual({ checked: 4, broken: null });
  });

  it("catches a forged anchor: one signed with another certificate, and one whose signature does not verify", async () => {
    const school = await chainOf(3);
    await anchorChain(school.id);
    await add(school.id, 2);
    const head = (await rowsOf(school.id))[4];
    const otherKey = sealKey(identityFromP12(makeSelfSignedP12("x"), "x", "self-signed"));
    const genuine = signAnchor({ chain: school.id, seq: 5, hash: head.hash, anchoredAt: new Date() }, sealKey());
    const forgeries: [SignedAnchor, RegExp][] = [
      [signAnchor({ chain: school.id, seq: 5, hash: head.hash, anchoredAt: new Date() }, otherKey), /^its anchor was not signed with this installation's certificate/],
      [{ ...genuine, anchoredAt: new Date(genuine.anchoredAt.getTime() - 86_400_000) }, /^its anchor's signature does not verify \(a forged or altered anchor\)/],
    ];
    for (const [anchor, reason] of forgeries) {
      // Anyone who can write to the database can insert a row; only the certificate's key can sign one.
      const row = await db.auditAnchor.create({ data: { ...anchor, schoolId: school.id, organisationId: school.organisationId } });
      try {
        expect((await verifyAuditLog(school.id)).broken).toMatchObject({ chain: school.id, seq: 5, reason: expect.stringMatching(reason) });
      } finally {
        await tamper(`DELETE FROM "AuditAnchor" WHERE id = $1`, [row.id]);
      }
    }
    expect(await verifyAuditLog(school.id)).toEqual({ checked: 5, broken: null });
  });

  it("after the certificate is replaced, trusts anchors of the previous one only when AUDIT_ANCHOR_PREVIOUS_CERTS lists it", async () => {
    const school = await chainOf(2);
    const walk = await walkChain(school.id);
    const previous = sealKey(identityFromP12(makeSelfSignedP12("old"), "old", "self-signed"));
    // Checked without storing it (verifyAuditLog would put a trusted one back): other files' full checks read the table.
    const held = signAnchor({ chain: school.id, seq: 2, hash: walk.last.hash, anchoredAt: new Date() }, previous);
    const check = (a: SignedAnchor) => anchorBreak(school.id, walk.last, [a], lazyTrustedCertificates());
    expect(await check(held)).toMatchObject({ seq: 2, reason: expect.stringMatching(/^its anchor was not signed with this installation's certificate/) });
    const pem = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "anchor-")), "previous-seal.pem");
    fs.writeFileSync(pem, previous.certificate.toString());
    vi.stubEnv("AUDIT_ANCHOR_PREVIOUS_CERTS", pem);
    try {
      expect(await check(held)).toBeNull();
      // Trusted for what it signed, not for anything: a changed hash still fails.
      expect(await check({ ...held, hash: "0".repeat(64) })).toMatchObject({ reason: expect.stringMatching(/does not verify/) });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("with the DPO's copy (--anchor), catches a truncation even when the anchors in the database were deleted too", async () => {
    const school = await chainOf(4);
    const { anchor } = await anchorChain(school.id);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "anchor-")), "digest.eml");
    fs.writeFileSync(file, `Subject: Audit record anchors\n\nKeep this email.\n\n${encodeAnchorBlock([anchor!])}\n`);
    expect(await auditVerifyCommand(["--chain", school.id, "--anchor", file])).toEqual({ code: 0, output: `OK: 4 events in 1 chain verified, against 1 stored anchor and 1 from ${file}` });

    const removed = (await rowsOf(school.id)).slice(2);
    const anchors = await anchorRows(school.id);
    await tamper(`DELETE FROM "AuditEvent" WHERE chain = $1 AND seq > 2`, [school.id]);
    await tamper(`DELETE FROM "AuditAnchor" WHERE chain = $1`, [school.id]);
    try {
      // The database alone now tells a consistent story.
      expect(await verifyAuditLog(school.id)).toEqual({ checked: 2, broken: null });
      const run = await auditVerifyCommand(["--chain", school.id, "--anchor", file]);
      expect(run).toEqual({ code: 1, output: expect.stringMatching(new RegExp(`^BROKEN: chain ${school.id} seq 4 id - the chain ends at event 2, but event 4 was anchored on .*: events have been removed$`)) });
      // The genuine anchor from the DPO's copy is back in the table: the next check without the copy still sees the cut.
      expect(await anchorRows(school.id)).toEqual(anchors.map(({ id: _id, ...rest }) => expect.objectContaining(rest)));
      expect((await verifyAuditLog(school.id)).broken).toMatchObject({ seq: 4, reason: expect.stringMatching(/events have been removed$/) });
    } finally {
      await restoreEvents(removed);
      for (const a of anchors)
        await tamper(`INSERT INTO "AuditAnchor" (id, chain, seq, hash, "schoolId", "organisationId", "anchoredAt", fingerprint, signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`, [
          a.id, a.chain, a.seq, a.hash, a.schoolId, a.organisationId, a.anchoredAt, a.fingerprint, a.signature,
        ]);
    }
    expect(await verifyAuditLog(school.id)).toEqual({ checked: 4, broken: null });
  });

  it("refuses an anchor file that is not one, without touching anything", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "anchor-")), "not-an-anchor.txt");
    fs.writeFileSync(file, "hello");
    expect(await auditVerifyCommand(["--chain", "no-such-chain", "--anchor", file])).toEqual({
      code: 2,
      output: "audit:verify could not run: The anchor file holds no anchor block and is not an anchor JSON file.",
    });
    expect(await auditVerifyCommand(["--anchor"])).toEqual({ code: 2, output: "audit:verify could not run: --anchor needs a value" });
    expect(await db.auditCheckpoint.findUnique({ where: { chain: "no-such-chain" } })).toBeNull();
  });
});

describe("anchors are evidence", () => {
  it("cannot be changed, removed or truncated, by the owner or by the app's role", async () => {
    const school = await chainOf(1);
    await anchorChain(school.id);
    const [row] = await anchorRows(school.id);
    await expect(raw.query(`UPDATE "AuditAnchor" SET hash = 'x' WHERE id = $1`, [row.id])).rejects.toThrow(/AuditAnchor is append-only: UPDATE refused/);
    await expect(raw.query(`DELETE FROM "AuditAnchor" WHERE id = $1`, [row.id])).rejects.toThrow(/AuditAnchor is append-only: DELETE refused/);
    await expect(raw.query(`TRUNCATE "AuditAnchor"`)).rejects.toThrow(/AuditAnchor is append-only: TRUNCATE refused/);
    await raw.query("BEGIN");
    try {
      await raw.query("SET LOCAL ROLE ict_app");
      await raw.query("SELECT set_config('app.school_id', $1, true)", [school.id]);
      await expect(raw.query(`UPDATE "AuditAnchor" SET hash = 'x' WHERE id = $1`, [row.id])).rejects.toThrow(/permission denied/);
    } finally {
      await raw.query("ROLLBACK");
    }
    expect(await anchorRows(school.id)).toEqual([row]);
  });

  it("latestAnchors gives a school its latest anchor, and nothing for a school with none (nor another school's)", async () => {
    const [a, b] = await Promise.all([chainOf(2), chainOf(1)]);
    await anchorChain(a.id);
    await add(a.id, 1);
    await anchorChain(a.id);
    // As the audit status line reads them, in each school's scope.
    const latest = await runInScope({ schoolId: a.id }, () => anchorQueries.latestAnchors([a.id, b.id]));
    expect(latest).toEqual([expect.objectContaining({ schoolId: a.id, chain: a.id, seq: 3, hash: (await rowsOf(a.id))[2].hash, signatureValid: true })]);
    expect(await runInScope({ schoolId: b.id }, () => anchorQueries.latestAnchors([a.id, b.id]))).toEqual([]);
  });
});

describe("the daily digest to the DPOs", () => {
  // One catcher for the block; each test starts with an empty inbox.
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => smtp.close());
  beforeEach(() => {
    smtp.received.length = 0;
    mailTo(smtp.url);
  });
  afterEach(() => vi.unstubAllEnvs());

  it("sends each DPO the heads and signatures of their chains over SMTP, in a block audit:verify accepts", async () => {
    const trust = await makeOrganisation();
    const [withDpo, withoutDpo] = await Promise.all([makeSchool(trust.id), makeSchool(trust.id)]);
    const dpo = await makeMember(withDpo.id, { roles: ["DPO"] });
    const head = await makeMember(withDpo.id, { roles: ["HEADTEACHER"] });
    const staff = await makeMember(withDpo.id, { roles: ["STAFF"] });
    const formerDpo = await makeMember(withDpo.id, { roles: ["DPO"], endDate: new Date("2021-07-31T00:00:00.000Z") });
    const trustDpo = await makeOrgRole(trust.id, "TRUST_DPO");
    await add(withDpo.id, 3);
    await add(withoutDpo.id, 2);

    const out = await runAuditAnchoring(new Date(), { chains: [withDpo.id, withoutDpo.id] });
    expect(out).toMatchObject({ chains: 2, anchored: 2, broken: [], digests: { sent: 2, failed: 0 } });

    const to = smtp.received.map((m) => m.to[0]).sort();
    expect(to).toEqual([dpo.person.email, trustDpo.email].sort());
    expect(to).not.toContain(head.person.email);
    expect(to).not.toContain(staff.person.email);
    expect(to).not.toContain(formerDpo.person.email);

    const schoolDigest = bodyOf(smtp.received.find((m) => m.to[0] === dpo.person.email)!.raw);
    const h3 = (await rowsOf(withDpo.id))[2].hash;
    expect(schoolDigest).toContain(`${withDpo.name}: event 3, hash ${h3}, anchored`);
    expect(schoolDigest).toContain(`SHA-256 fingerprint ${sealIdentity().fingerprint}`);
    expect(schoolDigest.replace(/\r\n/g, "\n")).toContain(sealKey().certificate.toString().trim());
    expect(schoolDigest).not.toContain(withoutDpo.name);
    const held = decodeAnchorText(schoolDigest);
    expect(held).toEqual([expect.objectContaining({ chain: withDpo.id, seq: 3, hash: h3 })]);
    expect(anchorSignatureProblem(held[0], sealKey())).toBeNull();

    const trustDigest = bodyOf(smtp.received.find((m) => m.to[0] === trustDpo.email)!.raw);
    expect(decodeAnchorText(trustDigest).map((a) => a.chain).sort()).toEqual([withDpo.id, withoutDpo.id].sort());
    // The copy from the mailbox checks the chain.
    expect(await verifyAuditLog(withDpo.id, new Date(), { anchors: held })).toEqual({ checked: 3, broken: null });
  });

  it("sends a Headteacher the digest where no DPO is appointed, and says a broken chain was not anchored", async () => {
    const school = await chainOf(2);
    const head = await makeMember(school.id, { roles: ["HEADTEACHER"] });
    const second = (await rowsOf(school.id))[1];
    await tamper(`UPDATE "AuditEvent" SET data = '{"i": 999}' WHERE id = $1`, [second.id]);
    try {
      const out = await runAuditAnchoring(new Date(), { chains: [school.id] });
      expect(out).toMatchObject({ anchored: 0, broken: [{ chain: school.id, seq: 2 }], digests: { sent: 1 } });
      expect(smtp.received.map((m) => m.to)).toEqual([[head.person.email]]);
      const body = bodyOf(smtp.received[0].raw);
      expect(body).toContain(`${school.name}: NOT ANCHORED TODAY. The record failed its integrity check at event 2. Open the audit page: https://ict.example.test/s/${school.slug}/audit`);
      expect(body).not.toContain("BEGIN ICT AUDIT ANCHOR");
      expect(await anchorRows(school.id)).toEqual([]);
    } finally {
      await tamper(`UPDATE "AuditEvent" SET data = $2::jsonb WHERE id = $1`, [second.id, JSON.stringify(second.data)]);
    }
  });
});
