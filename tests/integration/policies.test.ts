import { describe, it, expect, beforeEach } from "vitest";
import { db } from "../support/owner-db";
import {
  createPolicyAction,
  updateDraftAction,
  publishVersionAction,
  newVersionAction,
  discardDraftAction,
  updatePolicySettingsAction,
} from "@/lib/policies/actions";
import { policyContentHash } from "@/lib/policies/content";
import * as queries from "@/lib/policies/queries";
import * as service from "@/lib/policies/service";
import { inScopeOf } from "../support/school-scope";
import { auditCount } from "../support/fixtures";
import { signInAs } from "../support/session";
import { policyWorld, policyInput, draftInput, policyState, publishedPolicy, ctxOf, actAs, type PolicyWorld, type Actor } from "./policies-world";

// The policy pages' queries in the scope requireMember gives them; the service in the factory's.
const listPolicies = inScopeOf(queries.listPolicies);
const getPolicy = inScopeOf(queries.getPolicy);
const getPolicyVersion = inScopeOf(queries.getPolicyVersion);
const newVersionFromLatest = inScopeOf(service.newVersionFromLatest);

let w: PolicyWorld;
beforeEach(async () => {
  w = await policyWorld();
});

describe("createPolicyAction", () => {
  it.each([
    ["the Headteacher", (w: PolicyWorld) => w.headA.person],
    ["the DSL", (w: PolicyWorld) => w.dslA.person],
    ["the ICT lead", (w: PolicyWorld) => w.ictA.person],
    ["a trust admin", (w: PolicyWorld) => w.trustAdmin],
  ])("%s creates a school policy with a first draft and one audit row", async (_who, pick) => {
    const before = await auditCount(w.a.id);
    signInAs(pick(w));
    const res = await createPolicyAction(w.a.slug, policyInput());
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const policy = await db.policy.findUniqueOrThrow({ where: { id: res.data.policyId }, include: { versions: true } });
    expect(policy).toMatchObject({ schoolId: w.a.id, organisationId: null, title: "Staff Acceptable Use of ICT", dueDays: 14, firstReminderDays: 7 });
    expect(policy.versions).toHaveLength(1);
    expect(policy.versions[0]).toMatchObject({
      id: res.data.versionId,
      number: 1,
      status: "DRAFT",
      contentHash: null,
      publishedAt: null,
      audience: ["OFFICE", "TEACHER", "TEACHING_ASSISTANT"],
      approvedOn: new Date("2026-01-21T00:00:00.000Z"),
      changeSummary: null,
    });
    expect(await auditCount(w.a.id)).toBe(before + 1);
    const row = await db.auditEvent.findFirstOrThrow({ where: { schoolId: w.a.id }, orderBy: { seq: "desc" } });
    expect(row).toMatchObject({ action: "policy.created", entityId: policy.id, organisationId: w.trust.id });
  });

  it("a trust-wide policy needs a trust role: the Headteacher is refused, the trust admin is not", async () => {
    signInAs(w.headA.person);
    const refused = await createPolicyAction(w.a.slug, policyInput({ scope: "organisation" }));
    expect(refused).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { scope: expect.any(String) } });

    signInAs(w.trustAdmin);
    const res = await createPolicyAction(w.a2.slug, policyInput({ scope: "organisation", title: "Trust AUP" }));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const policy = await db.policy.findUniqueOrThrow({ where: { id: res.data.policyId } });
    expect(policy).toMatchObject({ schoolId: null, organisationId: w.trust.id });
  });

  it("rejects unknown fields and bad values with field errors", async () => {
    signInAs(w.headA.person);
    expect(await createPolicyAction(w.a.slug, { ...policyInput(), schoolId: w.b.id })).toMatchObject({ ok: false, code: "INVALID" });
    const bad = await createPolicyAction(w.a.slug, policyInput({ title: "", audience: ["PUPIL"], approvedOn: "2026-02-30", dueDays: -1 }));
    expect(bad).toMatchObject({ ok: false, code: "INVALID" });
    if (bad.ok) return;
    expect(Object.keys(bad.fieldErrors ?? {})).toEqual(expect.arrayContaining(["title", "audience.0", "approvedOn", "dueDays"]));
  });
});

describe("drafts, publication and versions", () => {
  it("publishing freezes the version with the SHA-256 of its canonical content", async () => {
    signInAs(w.headA.person);
    const created = await createPolicyAction(w.a.slug, policyInput({ title: "Draft title" }));
    if (!created.ok) throw new Error(created.error);
    const { versionId, policyId } = created.data;

    const updated = await updateDraftAction(w.a.slug, { versionId, ...draftInput({ title: "Final title", statements: ["One", "", "Two"] }) });
    expect(updated.ok).toBe(true);

    const before = await auditCount(w.a.id);
    const published = await publishVersionAction(w.a.slug, { versionId });
    expect(published.ok).toBe(true);
    if (!published.ok) return;

    const v = await db.policyVersion.findUniqueOrThrow({ where: { id: versionId } });
    expect(v.status).toBe("PUBLISHED");
    expect(v.statements).toEqual(["One", "Two"]);
    expect(v.publishedAt).toBeInstanceOf(Date);
    expect(v.publishedById).toBe(w.headA.person.id);
    expect(v.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // Recomputed from the stored row: the hash covers exactly what is stored.
    expect(policyContentHash(v)).toBe(v.contentHash);
    expect(published.data.contentHash).toBe(v.contentHash);
    // The policy takes the published title.
    expect((await db.policy.findUniqueOrThrow({ where: { id: policyId } })).title).toBe("Final title");
    const row = await db.auditEvent.findFirstOrThrow({ where: { schoolId: w.a.id }, orderBy: { seq: "desc" } });
    expect(row).toMatchObject({ action: "policy.version_published", entityId: versionId, data: { contentHash: v.contentHash, number: 1 } });
    expect(await auditCount(w.a.id)).toBe(before + 1);

    // Any change to the content changes the hash.
    expect(policyContentHash({ ...v, statements: ["One", "Two."] })).not.toBe(v.contentHash);
    expect(policyContentHash({ ...v, audience: [...v.audience].reverse() })).toBe(v.contentHash);
  });

  it("the service refuses to edit or republish a published version, and the database refuses UPDATE and DELETE", async () => {
    const ctx = await ctxOf(w.headA.person, w.a.slug);
    const { versionId } = await publishedPolicy(ctx);
    const stateBefore = await policyState([w.a.id]);

    signInAs(w.headA.person);
    expect(await updateDraftAction(w.a.slug, { versionId, ...draftInput({ title: "Changed" }) })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await publishVersionAction(w.a.slug, { versionId })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await discardDraftAction(w.a.slug, { versionId })).toMatchObject({ ok: false, code: "CONFLICT" });

    await expect(db.$executeRaw`UPDATE "PolicyVersion" SET title = 'Tampered' WHERE id = ${versionId}`).rejects.toThrow(/immutable/);
    await expect(db.$executeRaw`UPDATE "PolicyVersion" SET status = 'DRAFT' WHERE id = ${versionId}`).rejects.toThrow(/immutable/);
    await expect(db.$executeRaw`DELETE FROM "PolicyVersion" WHERE id = ${versionId}`).rejects.toThrow(/immutable/);
    await expect(db.policyVersion.update({ where: { id: versionId }, data: { statements: ["x"] } })).rejects.toThrow();
    expect(await policyState([w.a.id])).toEqual(stateBefore);
  });

  it("a draft cannot be published without text, declaration, audience and approval", async () => {
    signInAs(w.headA.person);
    const cases: [Record<string, unknown>, string][] = [
      [{ sections: [] }, "sections"],
      [{ sections: [{ heading: "Empty", body: "  " }] }, "sections.0.body"],
      [{ declarationWording: "" }, "declarationWording"],
      [{ audience: [] }, "audience"],
      [{ approvedBy: "" }, "approvedBy"],
      [{ approvedOn: "" }, "approvedOn"],
      [{ reviewDue: "2025-01-01" }, "reviewDue"],
    ];
    for (const [over, field] of cases) {
      const created = await createPolicyAction(w.a.slug, policyInput(over));
      if (!created.ok) throw new Error(created.error);
      const res = await publishVersionAction(w.a.slug, { versionId: created.data.versionId });
      expect(res).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { [field]: expect.any(String) } });
      expect((await db.policyVersion.findUniqueOrThrow({ where: { id: created.data.versionId } })).status).toBe("DRAFT");
    }
  });

  it("a new version starts as a copy of the last published one, with what changed; only one draft at a time", async () => {
    const ctx = await ctxOf(w.headA.person, w.a.slug);
    const { policyId, versionId: v1 } = await publishedPolicy(ctx);
    signInAs(w.ictA.person);

    expect(await newVersionAction(w.a.slug, { policyId, changeSummary: "short" })).toMatchObject({
      ok: false,
      code: "INVALID",
      fieldErrors: { changeSummary: expect.any(String) },
    });
    const started = await newVersionAction(w.a.slug, { policyId, changeSummary: "Added a statement about personal devices." });
    expect(started).toMatchObject({ ok: true, data: { number: 2 } });
    if (!started.ok) return;
    const [old, draft] = await Promise.all([
      db.policyVersion.findUniqueOrThrow({ where: { id: v1 } }),
      db.policyVersion.findUniqueOrThrow({ where: { id: started.data.versionId } }),
    ]);
    expect(draft).toMatchObject({
      status: "DRAFT",
      number: 2,
      title: old.title,
      sections: old.sections,
      statements: old.statements,
      declarationWording: old.declarationWording,
      audience: old.audience,
      approvedBy: old.approvedBy,
      approvedOn: null,
      changeSummary: "Added a statement about personal devices.",
    });
    expect(await newVersionAction(w.a.slug, { policyId, changeSummary: "Another change at the same time." })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });

    // Publishing version 2 needs its approval date again; then v1 stays as it was.
    expect(await publishVersionAction(w.a.slug, { versionId: draft.id })).toMatchObject({ ok: false, fieldErrors: { approvedOn: expect.any(String) } });
    const edited = await updateDraftAction(w.a.slug, {
      versionId: draft.id,
      ...draftInput({ statements: [...old.statements, "I will not use personal devices for school data."], changeSummary: "Added a statement about personal devices." }),
    });
    expect(edited.ok).toBe(true);
    expect(await publishVersionAction(w.a.slug, { versionId: draft.id })).toMatchObject({ ok: true, data: { number: 2 } });
    expect(await db.policyVersion.findUniqueOrThrow({ where: { id: v1 } })).toEqual(old);

    const view = await getPolicy(ctx, policyId);
    expect(view?.versions.map((v) => [v.number, v.status])).toEqual([
      [2, "PUBLISHED"],
      [1, "PUBLISHED"],
    ]);
  });

  it("a later version needs a change summary to be published", async () => {
    const ctx = await ctxOf(w.headA.person, w.a.slug);
    const { policyId } = await publishedPolicy(ctx);
    signInAs(w.headA.person);
    const started = await newVersionAction(w.a.slug, { policyId, changeSummary: "Changed the monitoring section." });
    if (!started.ok) throw new Error(started.error);
    expect(await updateDraftAction(w.a.slug, { versionId: started.data.versionId, ...draftInput({ changeSummary: "" }) })).toMatchObject({ ok: true });
    expect(await publishVersionAction(w.a.slug, { versionId: started.data.versionId })).toMatchObject({
      ok: false,
      fieldErrors: { changeSummary: expect.any(String) },
    });
  });

  it("discarding the only draft of a never-published policy removes the policy", async () => {
    signInAs(w.headA.person);
    const created = await createPolicyAction(w.a.slug, policyInput());
    if (!created.ok) throw new Error(created.error);
    expect(await discardDraftAction(w.a.slug, { versionId: created.data.versionId })).toMatchObject({ ok: true, data: { policyDeleted: true } });
    expect(await db.policy.findUnique({ where: { id: created.data.policyId } })).toBeNull();
  });

  it("settings (days to sign, days before the first reminder) are validated and audited", async () => {
    const ctx = await ctxOf(w.headA.person, w.a.slug);
    const { policyId } = await publishedPolicy(ctx);
    signInAs(w.headA.person);
    expect(await updatePolicySettingsAction(w.a.slug, { policyId, dueDays: 10, firstReminderDays: 0 })).toMatchObject({
      ok: false,
      fieldErrors: { firstReminderDays: expect.any(String) },
    });
    expect(await updatePolicySettingsAction(w.a.slug, { policyId, dueDays: "10", firstReminderDays: 3 })).toMatchObject({ ok: true });
    expect(await db.policy.findUniqueOrThrow({ where: { id: policyId } })).toMatchObject({ dueDays: 10, firstReminderDays: 3 });
    // The database keeps the ranges too, whoever writes.
    await expect(db.policy.update({ where: { id: policyId }, data: { firstReminderDays: 0 } })).rejects.toThrow();
  });
});

describe("trust-wide policies", () => {
  it("apply in every school of the trust and nowhere else; only trust roles change them", async () => {
    const adminCtx = await ctxOf(w.trustAdmin, w.a.slug);
    const { policyId, versionId } = await publishedPolicy(adminCtx, { scope: "organisation" });

    const inA = await listPolicies(await ctxOf(w.teacherA.person, w.a.slug));
    const inA2 = await listPolicies(await ctxOf(w.headA2.person, w.a2.slug));
    const inB = await listPolicies(await ctxOf(w.headB.person, w.b.slug));
    expect(inA.map((p) => p.id)).toContain(policyId);
    expect(inA2.find((p) => p.id === policyId)).toMatchObject({ scope: "organisation", canManage: false });
    expect(inB.map((p) => p.id)).not.toContain(policyId);

    // The Headteacher of A sees it but cannot start a new version of it, from either school.
    signInAs(w.headA.person);
    const before = await policyState([w.a.id, w.a2.id], [w.trust.id]);
    expect(await newVersionAction(w.a.slug, { policyId, changeSummary: "A head's local change." })).toMatchObject({ ok: false, code: "INVALID" });
    expect(await policyState([w.a.id, w.a2.id], [w.trust.id])).toEqual(before);

    // The trust ICT lead may, from the other school.
    signInAs(w.trustIct);
    expect(await newVersionAction(w.a2.slug, { policyId, changeSummary: "Trust-wide change to monitoring." })).toMatchObject({ ok: true });

    // From a school in another trust, it does not exist.
    signInAs(w.otherTrustAdmin);
    expect(await newVersionAction(w.b.slug, { policyId, changeSummary: "Not our policy at all." })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await getPolicyVersion(await ctxOf(w.headB.person, w.b.slug), versionId)).toBeNull();
  });
});

describe("reads", () => {
  it("drafts are shown only to those who may change the policy; sections are rendered safely", async () => {
    const ctx = await ctxOf(w.headA.person, w.a.slug);
    signInAs(w.headA.person);
    const created = await createPolicyAction(
      w.a.slug,
      policyInput({ sections: [{ heading: "Links", body: "<script>alert(1)</script> [bad](javascript:alert(1)) [good](https://example.org)" }] }),
    );
    if (!created.ok) throw new Error(created.error);
    const teacherCtx = await ctxOf(w.teacherA.person, w.a.slug);
    expect(await getPolicy(teacherCtx, created.data.policyId)).toBeNull();
    expect((await listPolicies(teacherCtx)).map((p) => p.id)).not.toContain(created.data.policyId);
    const view = await getPolicyVersion(ctx, created.data.versionId);
    expect(view?.canManage).toBe(true);
    const html = view!.sectionsHtml[0].html;
    expect(html).not.toContain("<script");
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow">good</a>');
  });
});

// ---- Refusals: every action, for another school, a wrong role and no session, with nothing changed ----

type Call = (w: PolicyWorld, ids: { policyId: string; versionId: string; draftId: string }) => Promise<{ ok: boolean; code?: string }>;
const ACTIONS: [string, Call][] = [
  ["createPolicyAction", (w) => createPolicyAction(w.a.slug, policyInput())],
  ["updateDraftAction", (w, ids) => updateDraftAction(w.a.slug, { versionId: ids.draftId, ...draftInput({ title: "Hijacked" }) })],
  ["publishVersionAction", (w, ids) => publishVersionAction(w.a.slug, { versionId: ids.draftId })],
  ["newVersionAction", (w, ids) => newVersionAction(w.a.slug, { policyId: ids.policyId, changeSummary: "Someone else's change." })],
  ["discardDraftAction", (w, ids) => discardDraftAction(w.a.slug, { versionId: ids.draftId })],
  ["updatePolicySettingsAction", (w, ids) => updatePolicySettingsAction(w.a.slug, { policyId: ids.policyId, dueDays: 1, firstReminderDays: 1 })],
];
const REFUSED: [string, (w: PolicyWorld) => Actor, string][] = [
  ["a teacher of the school", (w) => w.teacherA.person, "FORBIDDEN"],
  ["the Business Manager (coverage, not authoring)", (w) => w.bmA.person, "FORBIDDEN"],
  ["a governor", (w) => w.governorA.person, "FORBIDDEN"],
  ["the CEO (coverage only)", (w) => w.ceo, "FORBIDDEN"],
  ["the head of a school in another trust", (w) => w.headB.person, "NOT_FOUND"],
  ["the head of a sibling school", (w) => w.headA2.person, "NOT_FOUND"],
  ["a trust admin of another trust", (w) => w.otherTrustAdmin, "NOT_FOUND"],
  ["nobody signed in", () => null, "UNAUTHENTICATED"],
];

describe.each(ACTIONS)("%s is refused", (_name, call) => {
  it.each(REFUSED)("to %s (%s)", async (_who, pick, code) => {
    const ctx = await ctxOf(w.headA.person, w.a.slug);
    const { policyId, versionId } = await publishedPolicy(ctx);
    const draft = await publishedPolicy(ctx).then(async (p) => {
      return newVersionFromLatest(ctx, { policyId: p.policyId, changeSummary: "A draft to be attacked." });
    });
    const before = await policyState([w.a.id, w.a2.id, w.b.id], [w.trust.id, w.b.organisationId]);
    actAs(pick(w));
    const res = await call(w, { policyId, versionId, draftId: draft.versionId });
    expect(res).toMatchObject({ ok: false, code });
    expect(await policyState([w.a.id, w.a2.id, w.b.id], [w.trust.id, w.b.organisationId])).toEqual(before);
  });

  it("when the ids belong to another school (the head of B acting in B)", async () => {
    if (_name === "createPolicyAction") return; // takes no id
    const ctx = await ctxOf(w.headA.person, w.a.slug);
    const { policyId, versionId } = await publishedPolicy(ctx);
    const other = await publishedPolicy(ctx);
    const draft = await newVersionFromLatest(ctx, { policyId: other.policyId, changeSummary: "A draft to be attacked." });
    const before = await policyState([w.a.id, w.b.id], [w.trust.id, w.b.organisationId]);
    signInAs(w.headB.person);
    // The same calls through school B's slug, where the head of B holds every policy permission.
    const res = await call({ ...w, a: w.b }, { policyId, versionId, draftId: draft.versionId });
    expect(res).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await policyState([w.a.id, w.b.id], [w.trust.id, w.b.organisationId])).toEqual(before);
  });
});
