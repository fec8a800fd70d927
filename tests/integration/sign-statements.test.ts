// Issue 11, point 4: a signing's work, counted in statements on the app's own login (ict_web, row-level
// security), with the evidence it leaves unchanged (docs/decisions/0030-signing-in-four-statements.md).
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import pg from "pg";
import { db as owner } from "../support/owner-db";
import { runInScope } from "@/lib/db/context";
import { signDeclarationAction } from "@/lib/declarations/actions";
import { signDeclaration } from "@/lib/declarations/service";
import { verifyAuditLog } from "@/lib/audit/verify";
import { signInAs, testSession } from "../support/session";
import { policyWorld, publishedPolicy, ctxOf, TINY_PNG, type PolicyWorld } from "./policies-world";

// Every statement the app's pg clients send (Prisma's driver adapter goes through pg.Client#query).
const sent: string[] = [];
const originalQuery = pg.Client.prototype.query;
beforeEach(() => {
  sent.length = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const q = args[0] as string | { text: string };
    sent.push(typeof q === "string" ? q : q.text);
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof originalQuery;
});
afterEach(() => {
  pg.Client.prototype.query = originalQuery;
});
async function counted<T>(fn: () => Promise<T>): Promise<{ out: T; statements: string[] }> {
  sent.length = 0;
  const out = await fn();
  return { out, statements: [...sent] };
}

let w: PolicyWorld;
let versionId: string;
beforeEach(async () => {
  w = await policyWorld();
  const head = await ctxOf(w.headA.person, w.a.slug);
  // Publishing is set up through the service, in the school's scope, as its own action would run it.
  versionId = (await runInScope({ schoolId: w.a.id, personId: w.headA.person.id }, () => publishedPolicy(head))).versionId;
  testSession.headers = { "user-agent": "Mozilla/5.0 (bench)", "x-forwarded-for": "203.0.113.9" };
});

const input = (over: Record<string, unknown> = {}) => ({ policyVersionId: versionId, typedName: "Laura Pemberton-Smith", signaturePng: TINY_PNG, confirmed: true, ...over });

describe("one signing's statements", () => {
  it("signDeclaration is BEGIN, the scope, two locks in one statement, one read, one insert, COMMIT", async () => {
    const ctx = await ctxOf(w.teacherA.person, w.a.slug);
    const { out, statements } = await counted(() =>
      runInScope({ schoolId: w.a.id, personId: w.teacherA.person.id }, () =>
        signDeclaration(ctx, { policyVersionId: versionId, typedName: "Laura Pemberton-Smith", signaturePng: null, confirmed: true }, { ip: null, userAgent: null }),
      ),
    );
    expect(out.alreadySigned).toBe(false);
    console.log(`signDeclaration: ${statements.length} statements`);
    expect(statements.length).toBe(6);
    expect(statements[0]).toMatch(/^BEGIN/);
    // The transaction's scope (lib/db.ts), as its first statement.
    expect(statements[1]).toMatch(/set_config\('app.school_id'/);
    expect(statements[2]).toMatch(/FOR SHARE[\s\S]*pg_advisory_xact_lock/);
    expect(statements[3]).toContain("audit_chain_head");
    expect(statements[4]).toMatch(/INSERT INTO "Declaration"[\s\S]*INSERT INTO "AuditEvent"[\s\S]*INSERT INTO "SealJob"/);
    expect(statements[5]).toMatch(/^COMMIT/);
  });

  it("the whole guarded action (session, access, permission, zod, service) is 11 statements (it was 30, then 12)", async () => {
    // A session made beforehand, so that only the app's own statements are counted.
    const sessionId = `sign-statements-${w.teacherA.person.id}`.slice(0, 64);
    await owner.authSession.create({ data: { id: sessionId, personId: w.teacherA.person.id, authMethod: "password", expiresAt: new Date(Date.now() + 86_400_000) } });
    signInAs({ id: w.teacherA.person.id, sessionId });
    const { out, statements } = await counted(() => signDeclarationAction(w.a.slug, input()));
    expect(out).toMatchObject({ ok: true, data: { alreadySigned: false } });
    console.log(`signDeclarationAction: ${statements.length} statements\n  ${statements.map((s) => s.replace(/\s+/g, " ").slice(0, 90)).join("\n  ")}`);
    expect(statements.length).toBeLessThanOrEqual(11);
    expect(statements.filter((q) => /^BEGIN/.test(q))).toHaveLength(2);
    // The session is one read, before any transaction: the person and their session row, joined (decision 0034).
    expect(statements[0]).toMatch(/FROM "Person"[\s\S]*JOIN "AuthSession"/);
    expect(statements[1]).toMatch(/^BEGIN/);
  });
});

describe("the evidence a signing leaves", () => {
  it("one declaration with its evidence, one audit event on the school's chain that verifies, both PDFs queued", async () => {
    signInAs(w.teacherA.person, "password+totp");
    const res = await signDeclarationAction(w.a.slug, input());
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const id = res.data.declarationId;
    const d = await owner.declaration.findUniqueOrThrow({ where: { id } });
    const version = await owner.policyVersion.findUniqueOrThrow({ where: { id: versionId } });
    expect(d).toMatchObject({
      schoolId: w.a.id,
      personId: w.teacherA.person.id,
      membershipId: w.teacherA.membership.id,
      policyVersionId: versionId,
      contentHash: version.contentHash,
      consentWording: version.declarationWording,
      typedName: "Laura Pemberton-Smith",
      ip: "203.0.113.9",
      userAgent: "Mozilla/5.0 (bench)",
      authMethod: "password+totp",
    });
    expect(Buffer.from(d.signaturePng!).toString("base64")).toBe(TINY_PNG.split(",")[1]);

    const events = await owner.auditEvent.findMany({ where: { entityId: id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      chain: w.a.id,
      schoolId: w.a.id,
      organisationId: w.a.organisationId,
      actorId: w.teacherA.person.id,
      action: "declaration.signed",
      entityType: "Declaration",
      data: { policyId: version.policyId, policyVersionId: versionId, versionNumber: version.number, contentHash: version.contentHash, drawnSignature: true, authMethod: "password+totp" },
    });
    // The event is the chain's next link after publishing's, and the whole chain verifies.
    const previous = await owner.auditEvent.findFirstOrThrow({ where: { chain: w.a.id, seq: events[0].seq - 1 } });
    expect(events[0].prevHash).toBe(previous.hash);
    expect(await verifyAuditLog(w.a.id)).toMatchObject({ broken: null });

    const jobs = await owner.sealJob.findMany({ where: { declarationId: id }, orderBy: { part: "asc" } });
    expect(jobs.map((j) => [j.schoolId, j.part, j.doneAt, j.attempts])).toEqual([[w.a.id, 1, null, 0], [w.a.id, 2, null, 0]]);
    expect(jobs.every((j) => /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/.test(j.reference))).toBe(true);
  });

  it("a second signing of the same version, later or at the same moment, gives back the first and writes nothing", async () => {
    signInAs(w.teacherA.person);
    const [x, y] = await Promise.all([signDeclarationAction(w.a.slug, input()), signDeclarationAction(w.a.slug, input())]);
    const later = await signDeclarationAction(w.a.slug, input());
    const results = [x, y, later].map((r) => (r.ok ? r.data : null));
    expect(results.filter((r) => r?.alreadySigned === false)).toHaveLength(1);
    const first = results.find((r) => r?.alreadySigned === false)!;
    expect(results.every((r) => r?.declarationId === first.declarationId)).toBe(true);
    expect(await owner.declaration.count({ where: { personId: w.teacherA.person.id } })).toBe(1);
    expect(await owner.auditEvent.count({ where: { entityId: first.declarationId } })).toBe(1);
    expect(await owner.sealJob.count({ where: { declarationId: first.declarationId } })).toBe(2);
    expect(await verifyAuditLog(w.a.id)).toMatchObject({ broken: null });
  });

  it("refusals write nothing: another school's version, a wrong name, a role not asked to sign", async () => {
    const headB = await ctxOf(w.headB.person, w.b.slug);
    const inB = (await runInScope({ schoolId: w.b.id, personId: w.headB.person.id }, () => publishedPolicy(headB))).versionId;
    signInAs(w.teacherA.person);
    const before = await owner.auditEvent.count({ where: { chain: w.a.id } });
    expect(await signDeclarationAction(w.a.slug, input({ policyVersionId: inB }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await signDeclarationAction(w.a.slug, input({ typedName: "Somebody Else" }))).toMatchObject({ ok: false, fieldErrors: { typedName: expect.any(String) } });
    signInAs(w.governorA.person);
    expect(await signDeclarationAction(w.a.slug, input({ typedName: "Gwen Governor" }))).toMatchObject({ ok: false, code: "INVALID" });
    expect(await owner.declaration.count({ where: { schoolId: { in: [w.a.id, w.b.id] } } })).toBe(0);
    expect(await owner.auditEvent.count({ where: { chain: w.a.id } })).toBe(before);
  });
});
