import { describe, it, expect, beforeEach } from "vitest";
import { db } from "../support/owner-db";
import { signDeclarationAction } from "@/lib/declarations/actions";
import * as obligations from "@/lib/declarations/obligations";
import * as queries from "@/lib/declarations/queries";
import * as declarations from "@/lib/declarations/service";
import { SupersededVersionError } from "@/lib/declarations/service";
import * as policies from "@/lib/policies/service";
import { inScopeOf } from "../support/school-scope";
import { runInScope } from "@/lib/db/context";
import { updateDraftSchema } from "@/lib/policies/schemas";
import { auditCount, makeMember, londonDay } from "../support/fixtures";
import { signInAs, testSession } from "../support/session";
import { policyWorld, publishedPolicy, policyState, ctxOf, actAs, draftInput, TINY_PNG, type PolicyWorld, type Actor } from "./policies-world";

// The pages' queries in the scope requireMember gives them; the services in the action factory's.
const obligationsForPerson = inScopeOf(obligations.obligationsForPerson);
const hasOverdueInductionPolicy = inScopeOf(obligations.hasOverdueInductionPolicy);
const inductionGatePolicy = inScopeOf(obligations.inductionGatePolicy);
const myDeclarations = inScopeOf(queries.myDeclarations);
const getSigningView = inScopeOf(queries.getSigningView);
const currentVersionFor = (school: { id: string; organisationId: string }, versionId: string) =>
  runInScope({ schoolId: school.id }, () => queries.currentVersionFor(school, versionId));
const signDeclaration = inScopeOf(declarations.signDeclaration);
const newVersionFromLatest = inScopeOf(policies.newVersionFromLatest);
const updateDraft = inScopeOf(policies.updateDraft);
const publishVersion = inScopeOf(policies.publishVersion);

let w: PolicyWorld;
beforeEach(async () => {
  w = await policyWorld();
});

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

async function newVersion(headCtx: Awaited<ReturnType<typeof ctxOf>>, policyId: string, publishedAt = new Date()) {
  const draft = await newVersionFromLatest(headCtx, { policyId, changeSummary: "Added a statement about personal devices." });
  await updateDraft(
    headCtx,
    updateDraftSchema.parse({ versionId: draft.versionId, ...draftInput({ changeSummary: "Added a statement about personal devices.", approvedOn: "2026-02-01" }) }),
  );
  return publishVersion(headCtx, { versionId: draft.versionId }, publishedAt);
}

describe("signDeclarationAction", () => {
  it("records one declaration with its evidence, and one audit row", async () => {
    const head = await ctxOf(w.headA.person, w.a.slug);
    const { versionId, contentHash, policyId } = await publishedPolicy(head);
    const before = await auditCount(w.a.id);
    signInAs(w.teacherA.person, "magic-link");
    testSession.headers = { "user-agent": "Mozilla/5.0 (iPhone)", "x-forwarded-for": "198.51.100.7, 203.0.113.20" };

    const res = await signDeclarationAction(w.a.slug, {
      policyVersionId: versionId,
      typedName: "  laura   PEMBERTON-smith ",
      signaturePng: TINY_PNG,
      confirmed: true,
    });
    expect(res).toMatchObject({ ok: true, data: { alreadySigned: false } });
    if (!res.ok) return;
    const d = await db.declaration.findUniqueOrThrow({ where: { id: res.data.declarationId } });
    const version = await db.policyVersion.findUniqueOrThrow({ where: { id: versionId } });
    expect(d).toMatchObject({
      schoolId: w.a.id,
      personId: w.teacherA.person.id,
      membershipId: w.teacherA.membership.id,
      policyVersionId: versionId,
      contentHash,
      typedName: "laura   PEMBERTON-smith",
      consentWording: version.declarationWording,
      // No trusted proxies by default: the right-most entry, the TCP peer our server appended.
      ip: "203.0.113.20",
      userAgent: "Mozilla/5.0 (iPhone)",
      authMethod: "magic-link",
    });
    expect(Buffer.from(d.signaturePng!).toString("base64")).toBe(TINY_PNG.split(",")[1]);
    expect(Math.abs(d.signedAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await auditCount(w.a.id)).toBe(before + 1);
    const row = await db.auditEvent.findFirstOrThrow({ where: { schoolId: w.a.id }, orderBy: { seq: "desc" } });
    expect(row).toMatchObject({
      action: "declaration.signed",
      actorId: w.teacherA.person.id,
      entityId: d.id,
      data: { policyId, policyVersionId: versionId, contentHash, drawnSignature: true, authMethod: "magic-link" },
    });
  });

  it("the typed name alone is enough; a name that does not match is refused on the field", async () => {
    const head = await ctxOf(w.headA.person, w.a.slug);
    const { versionId } = await publishedPolicy(head);
    signInAs(w.teacherA.person);
    const before = await policyState([w.a.id]);
    const res = await signDeclarationAction(w.a.slug, { policyVersionId: versionId, typedName: "Laura Smith", confirmed: true });
    expect(res).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { typedName: expect.stringContaining("Laura Pemberton-Smith") } });
    expect(await policyState([w.a.id])).toEqual(before);

    const ok = await signDeclarationAction(w.a.slug, { policyVersionId: versionId, typedName: "LAURA PEMBERTON-SMITH", confirmed: true, signaturePng: "" });
    expect(ok).toMatchObject({ ok: true });
    if (!ok.ok) return;
    expect((await db.declaration.findUniqueOrThrow({ where: { id: ok.data.declarationId } })).signaturePng).toBeNull();
  });

  it("must be confirmed, and only a small, real PNG is accepted as a drawn signature", async () => {
    const head = await ctxOf(w.headA.person, w.a.slug);
    const { versionId } = await publishedPolicy(head);
    signInAs(w.teacherA.person);
    const base = { policyVersionId: versionId, typedName: "Laura Pemberton-Smith", confirmed: true };
    const before = await policyState([w.a.id]);
    expect(await signDeclarationAction(w.a.slug, { ...base, confirmed: false })).toMatchObject({ fieldErrors: { confirmed: expect.any(String) } });
    const gif = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
    expect(await signDeclarationAction(w.a.slug, { ...base, signaturePng: gif })).toMatchObject({ fieldErrors: { signaturePng: expect.any(String) } });
    const notPng = "data:image/png;base64," + Buffer.from("<svg onload=alert(1)>").toString("base64");
    expect(await signDeclarationAction(w.a.slug, { ...base, signaturePng: notPng })).toMatchObject({ fieldErrors: { signaturePng: expect.any(String) } });
    const huge = "data:image/png;base64," + Buffer.alloc(210 * 1024, 1).toString("base64");
    expect(await signDeclarationAction(w.a.slug, { ...base, signaturePng: huge })).toMatchObject({ fieldErrors: { signaturePng: expect.any(String) } });
    // A PNG header that claims to be enormous (a decompression bomb) is refused before decoding.
    const bomb = Buffer.from(TINY_PNG.split(",")[1], "base64");
    bomb.writeUInt32BE(60_000, 16);
    expect(await signDeclarationAction(w.a.slug, { ...base, signaturePng: "data:image/png;base64," + bomb.toString("base64") })).toMatchObject({
      fieldErrors: { signaturePng: expect.any(String) },
    });
    // A truncated PNG that passes the header checks is refused too (the PDF could not draw it).
    const truncated = Buffer.from(TINY_PNG.split(",")[1], "base64").subarray(0, 50);
    const t64 = truncated.toString("base64");
    expect(await signDeclarationAction(w.a.slug, { ...base, signaturePng: "data:image/png;base64," + t64 })).toMatchObject({
      fieldErrors: { signaturePng: expect.any(String) },
    });
    expect(await policyState([w.a.id])).toEqual(before);
  });

  it("is idempotent: two submissions at once make one declaration and one audit row", async () => {
    const head = await ctxOf(w.headA.person, w.a.slug);
    const { versionId } = await publishedPolicy(head);
    const before = await auditCount(w.a.id);
    signInAs(w.teacherA.person);
    const input = { policyVersionId: versionId, typedName: "Laura Pemberton-Smith", confirmed: true as const, signaturePng: TINY_PNG };
    const results = await Promise.all([signDeclarationAction(w.a.slug, input), signDeclarationAction(w.a.slug, input), signDeclarationAction(w.a.slug, input)]);
    for (const r of results) expect(r.ok).toBe(true);
    const ids = new Set(results.map((r) => (r.ok ? r.data.declarationId : null)));
    expect(ids.size).toBe(1);
    expect(await db.declaration.count({ where: { schoolId: w.a.id, personId: w.teacherA.person.id } })).toBe(1);
    expect(await auditCount(w.a.id)).toBe(before + 1);
    // And a later, separate submission returns the same one.
    expect(await signDeclarationAction(w.a.slug, input)).toMatchObject({ ok: true, data: { declarationId: [...ids][0], alreadySigned: true } });
  });

  it("six signings of one version at once by the service itself: one declaration, the other five told it is already signed", async () => {
    const head = await ctxOf(w.headA.person, w.a.slug);
    const { versionId } = await publishedPolicy(head);
    const ctx = await ctxOf(w.teacherA.person, w.a.slug);
    const input = { policyVersionId: versionId, typedName: "Laura Pemberton-Smith", confirmed: true as const, signaturePng: null };
    const out = await Promise.all(Array.from({ length: 6 }, () => signDeclaration(ctx, input, { ip: null, userAgent: null })));
    expect(new Set(out.map((o) => o.declarationId)).size).toBe(1);
    expect(out.filter((o) => !o.alreadySigned)).toHaveLength(1);
    expect(await db.declaration.count({ where: { policyVersionId: versionId } })).toBe(1);
  });

  it("refuses a superseded version and offers the current one", async () => {
    const head = await ctxOf(w.headA.person, w.a.slug);
    const { versionId: v1, policyId } = await publishedPolicy(head);
    const v2 = await newVersion(head, policyId);
    signInAs(w.teacherA.person);
    const before = await policyState([w.a.id]);
    const res = await signDeclarationAction(w.a.slug, { policyVersionId: v1, typedName: "Laura Pemberton-Smith", confirmed: true });
    expect(res).toMatchObject({ ok: false, code: "CONFLICT", error: expect.stringContaining("version 2") });
    expect(await policyState([w.a.id])).toEqual(before);
    // The service's error names the current version for the page; so does the query.
    const ctx = await ctxOf(w.teacherA.person, w.a.slug);
    const err = await signDeclaration(ctx, { policyVersionId: v1, typedName: "Laura Pemberton-Smith", confirmed: true, signaturePng: null }, { ip: null, userAgent: null }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(SupersededVersionError);
    expect(err.meta).toEqual({ policyId, currentVersionId: v2.versionId, currentVersionNumber: 2 });
    expect(await currentVersionFor(w.a, v1)).toMatchObject({ id: v2.versionId, number: 2 });
  });

  it("the database refuses UPDATE and DELETE of a declaration, and a declaration whose hash is not its version's", async () => {
    const head = await ctxOf(w.headA.person, w.a.slug);
    const { versionId } = await publishedPolicy(head);
    signInAs(w.teacherA.person);
    const res = await signDeclarationAction(w.a.slug, { policyVersionId: versionId, typedName: "Laura Pemberton-Smith", confirmed: true });
    if (!res.ok) throw new Error(res.error);
    const id = res.data.declarationId;
    const before = await db.declaration.findUniqueOrThrow({ where: { id } });
    await expect(db.$executeRaw`UPDATE "Declaration" SET "typedName" = 'Someone Else' WHERE id = ${id}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM "Declaration" WHERE id = ${id}`).rejects.toThrow(/append-only/);
    await expect(db.declaration.delete({ where: { id } })).rejects.toThrow();
    expect(await db.declaration.findUniqueOrThrow({ where: { id } })).toEqual(before);

    const forged = { ...before, id: undefined, personId: w.taA.person.id, membershipId: w.taA.membership.id, contentHash: "0".repeat(64) };
    delete (forged as { id?: string }).id;
    await expect(db.declaration.create({ data: forged })).rejects.toThrow();
  });

  it("only for a policy that applies here, to the person's staff group", async () => {
    const head = await ctxOf(w.headA.person, w.a.slug);
    const { versionId } = await publishedPolicy(head, { audience: ["TEACHER"] });
    signInAs(w.taA.person);
    expect(await signDeclarationAction(w.a.slug, { policyVersionId: versionId, typedName: "Tom Assistant", confirmed: true })).toMatchObject({
      ok: false,
      code: "INVALID",
    });
    // A draft cannot be signed.
    const draft = await newVersionFromLatest(head, { policyId: (await db.policyVersion.findUniqueOrThrow({ where: { id: versionId } })).policyId, changeSummary: "A draft nobody may sign." });
    signInAs(w.teacherA.person);
    expect(await signDeclarationAction(w.a.slug, { policyVersionId: draft.versionId, typedName: "Laura Pemberton-Smith", confirmed: true })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
  });
});

describe("signDeclarationAction is refused", () => {
  const REFUSED: [string, (w: PolicyWorld) => Actor, string][] = [
    ["a trust admin with no membership (not staff of the school)", (w) => w.trustAdmin, "FORBIDDEN"],
    ["the head of a school in another trust", (w) => w.headB.person, "NOT_FOUND"],
    ["the head of a sibling school", (w) => w.headA2.person, "NOT_FOUND"],
    ["nobody signed in", () => null, "UNAUTHENTICATED"],
  ];
  it.each(REFUSED)("to %s (%s), with nothing changed", async (_who, pick, code) => {
    const head = await ctxOf(w.headA.person, w.a.slug);
    const { versionId } = await publishedPolicy(head);
    const before = await policyState([w.a.id, w.a2.id, w.b.id]);
    actAs(pick(w));
    const res = await signDeclarationAction(w.a.slug, { policyVersionId: versionId, typedName: "Anyone", confirmed: true });
    expect(res).toMatchObject({ ok: false, code });
    expect(await policyState([w.a.id, w.a2.id, w.b.id])).toEqual(before);
  });

  it("for a version of another school's policy, signed through one's own school (NOT_FOUND)", async () => {
    const headB = await ctxOf(w.headB.person, w.b.slug);
    const { versionId } = await publishedPolicy(headB);
    const before = await policyState([w.a.id, w.b.id]);
    signInAs(w.teacherA.person);
    const res = await signDeclarationAction(w.a.slug, { policyVersionId: versionId, typedName: "Laura Pemberton-Smith", confirmed: true });
    expect(res).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await policyState([w.a.id, w.b.id])).toEqual(before);
  });
});

describe("who must sign", () => {
  it("outstanding, then overdue after the due days, then signed; a new version asks again", async () => {
    const head = await ctxOf(w.headA.person, w.a.slug);
    const { policyId, versionId: v1 } = await publishedPolicy(head, { publishedAt: daysAgo(20) });
    const teacher = await ctxOf(w.teacherA.person, w.a.slug);

    const [o] = await obligationsForPerson(teacher);
    expect(o).toMatchObject({ policyId, versionId: v1, versionNumber: 1, state: "overdue", inductionRequired: true, declaration: null, previouslySigned: null });
    expect(o.dueOn).toEqual(new Date((await londonDay(-20)).getTime() + 14 * DAY));
    expect(await hasOverdueInductionPolicy(teacher)).toMatchObject({ policyId });

    signInAs(w.teacherA.person);
    const signed = await signDeclarationAction(w.a.slug, { policyVersionId: v1, typedName: "Laura Pemberton-Smith", confirmed: true });
    if (!signed.ok) throw new Error(signed.error);
    expect((await obligationsForPerson(teacher))[0]).toMatchObject({ state: "signed", declaration: { id: signed.data.declarationId } });
    expect(await hasOverdueInductionPolicy(teacher)).toBeNull();
    expect(await inductionGatePolicy(teacher)).toBeNull();

    // Version 2: everyone signs again; the version 1 declaration stays.
    const v2 = await newVersion(head, policyId);
    const [again] = await obligationsForPerson(teacher);
    expect(again).toMatchObject({ versionId: v2.versionId, versionNumber: 2, state: "outstanding", previouslySigned: { versionId: v1, number: 1 } });
    expect(again.changeSummary).toBe("Added a statement about personal devices.");
    // Someone who signed the last version keeps access while the new one is within its days.
    expect(await inductionGatePolicy(teacher)).toBeNull();
    expect(await db.declaration.count({ where: { policyVersionId: v1 } })).toBe(1);

    const mine = await myDeclarations(teacher);
    expect(mine).toEqual([expect.objectContaining({ declarationId: signed.data.declarationId, versionNumber: 1, current: false })]);
  });

  it("the due date runs from a later start date; a new starter is held at the gate until they sign", async () => {
    const head = await ctxOf(w.headA.person, w.a.slug);
    const { policyId, versionId } = await publishedPolicy(head, { publishedAt: daysAgo(100) });
    const starter = await makeMember(w.a.id, { name: "Nia Newstart", startDate: await londonDay(-2) });
    const ctx = await ctxOf(starter.person, w.a.slug);
    const [o] = await obligationsForPerson(ctx);
    expect(o).toMatchObject({ state: "outstanding", dueOn: new Date((await londonDay(-2)).getTime() + 14 * DAY) });
    expect(await hasOverdueInductionPolicy(ctx)).toBeNull();
    expect(await inductionGatePolicy(ctx)).toMatchObject({ policyId, versionId });

    signInAs(starter.person);
    expect(await signDeclarationAction(w.a.slug, { policyVersionId: versionId, typedName: "nia newstart", confirmed: true })).toMatchObject({ ok: true });
    expect(await inductionGatePolicy(ctx)).toBeNull();
  });

  it("only the audience, only active members, only policies that apply in the school", async () => {
    const head = await ctxOf(w.headA.person, w.a.slug);
    await publishedPolicy(head, { audience: ["TEACHER"] });
    const headB = await ctxOf(w.headB.person, w.b.slug);
    await publishedPolicy(headB);
    expect(await obligationsForPerson(await ctxOf(w.taA.person, w.a.slug))).toEqual([]);
    expect(await obligationsForPerson(await ctxOf(w.governorA.person, w.a.slug))).toEqual([]);
    expect(await obligationsForPerson(await ctxOf(w.teacherA.person, w.a.slug))).toHaveLength(1);
    // A trust role without a membership owes nothing.
    expect(await obligationsForPerson(await ctxOf(w.trustAdmin, w.a.slug))).toEqual([]);
  });

  it("a trust policy is signed in each school of the trust", async () => {
    const admin = await ctxOf(w.trustAdmin, w.a.slug);
    const { policyId } = await publishedPolicy(admin, { scope: "organisation" });
    expect((await obligationsForPerson(await ctxOf(w.teacherA.person, w.a.slug)))[0]).toMatchObject({ policyId, scope: "organisation" });
    expect((await obligationsForPerson(await ctxOf(w.headA2.person, w.a2.slug)))[0]).toMatchObject({ policyId, scope: "organisation" });
    expect(await obligationsForPerson(await ctxOf(w.teacherB.person, w.b.slug))).toEqual([]);
  });

  it("the signing view renders the text safely and knows the name on record", async () => {
    const head = await ctxOf(w.headA.person, w.a.slug);
    const { policyId, contentHash } = await publishedPolicy(head, {
      over: { sections: [{ heading: "Rules", body: "Do <b>not</b> share.\n\n<img src=x onerror=alert(1)>\n\n![pic](https://example.org/p.png)" }] },
    });
    const view = await getSigningView(await ctxOf(w.teacherA.person, w.a.slug), policyId);
    expect(view).toMatchObject({ version: { contentHash, number: 1 }, obligation: { state: "outstanding" }, nameOnRecord: "Laura Pemberton-Smith" });
    const html = view!.version.sections[0].html;
    expect(html).not.toMatch(/<b>|<img/);
    expect(html).toContain("&lt;b&gt;not&lt;/b&gt;");
    expect(await getSigningView(await ctxOf(w.headB.person, w.b.slug), policyId)).toBeNull();
  });
});
