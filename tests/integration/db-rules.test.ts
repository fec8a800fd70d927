import { describe, it, expect, beforeEach } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "../support/owner-db";
import * as policies from "@/lib/policies/service";
import { inScopeOf } from "../support/school-scope";
import { createPolicySchema } from "@/lib/policies/schemas";
import { canonicalPolicyContent, policyContentHash } from "@/lib/policies/content";
import { makeMember } from "../support/fixtures";
import { policyWorld, publishedPolicy, policyInput, policyState, ctxOf, type PolicyWorld } from "./policies-world";

// Issue 6 point 9: the database keeps its own promises. Every statement here is raw SQL, as a script,
// a console or a bug elsewhere in the code would send it: the refusal must come from the database.
// The raw SQL goes as the tables' owner on purpose: not even the owner gets past these triggers.

// The services, as the action factory runs them (its scope, as ict_web).
const createPolicy = inScopeOf(policies.createPolicy);
const publishVersion = inScopeOf(policies.publishVersion);

let w: PolicyWorld;
beforeEach(async () => {
  w = await policyWorld();
});

const everything = (w: PolicyWorld) => policyState([w.a.id, w.a2.id, w.b.id], [w.trust.id, w.b.organisationId]);

type DeclarationRow = { schoolId: string; personId: string; membershipId: string; policyVersionId: string; contentHash: string };

function insertDeclaration(r: DeclarationRow) {
  return db.$executeRaw`
    INSERT INTO "Declaration" (id, "schoolId", "personId", "membershipId", "policyVersionId", "contentHash", "typedName",
                               "consentWording", "signedAt", "authMethod")
    VALUES (${"forged-" + randomUUID()}, ${r.schoolId}, ${r.personId}, ${r.membershipId}, ${r.policyVersionId}, ${r.contentHash},
            'Forged Name', 'I agree.', now(), 'password')`;
}

async function schoolPolicy(w: PolicyWorld) {
  const head = await ctxOf(w.headA.person, w.a.slug);
  return publishedPolicy(head, { audience: ["TEACHER", "TEACHING_ASSISTANT", "OFFICE"] });
}

describe("a declaration's school, person and membership belong together", () => {
  it("accepts a consistent row (the same raw INSERT the refusals below vary)", async () => {
    const { versionId, contentHash } = await schoolPolicy(w);
    const t = w.teacherA;
    await expect(
      insertDeclaration({ schoolId: w.a.id, personId: t.person.id, membershipId: t.membership.id, policyVersionId: versionId, contentHash }),
    ).resolves.toBe(1);
  });

  it("refuses someone else's membership, another school's membership, and ids that do not exist", async () => {
    const { versionId, contentHash } = await schoolPolicy(w);
    const otherA2 = await makeMember(w.a2.id, { roles: ["STAFF"] });
    const before = await everything(w);
    const base = { schoolId: w.a.id, personId: w.teacherA.person.id, membershipId: w.teacherA.membership.id, policyVersionId: versionId, contentHash };
    const forged: [string, DeclarationRow][] = [
      ["the teacher's name on the TA's membership", { ...base, membershipId: w.taA.membership.id }],
      ["school A with a membership of school A2", { ...base, personId: otherA2.person.id, membershipId: otherA2.membership.id }],
      ["a person who does not exist", { ...base, personId: "no-such-person" }],
      ["a school that does not exist", { ...base, schoolId: "no-such-school" }],
      ["a membership that does not exist", { ...base, membershipId: "no-such-membership" }],
    ];
    for (const [label, row] of forged) {
      await expect(insertDeclaration(row), label).rejects.toThrow();
    }
    expect(await everything(w)).toEqual(before);
  });

  it("refuses a declaration in a school where the policy does not apply", async () => {
    const { versionId, contentHash } = await schoolPolicy(w);
    const before = await everything(w);
    // School B's teacher, with B's own membership: consistent, but A's policy is not B's to sign.
    await expect(
      insertDeclaration({ schoolId: w.b.id, personId: w.teacherB.person.id, membershipId: w.teacherB.membership.id, policyVersionId: versionId, contentHash }),
    ).rejects.toThrow(/does not apply/);
    // Nor in A2, a school of the same trust: the policy is A's own.
    await expect(
      insertDeclaration({ schoolId: w.a2.id, personId: w.headA2.person.id, membershipId: w.headA2.membership.id, policyVersionId: versionId, contentHash }),
    ).rejects.toThrow(/does not apply/);
    expect(await everything(w)).toEqual(before);
  });

  it("a membership with declarations cannot be moved to another school or person", async () => {
    const { versionId, contentHash } = await schoolPolicy(w);
    const t = w.teacherA;
    await insertDeclaration({ schoolId: w.a.id, personId: t.person.id, membershipId: t.membership.id, policyVersionId: versionId, contentHash });
    const before = await everything(w);
    const membership = await db.membership.findUniqueOrThrow({ where: { id: t.membership.id } });
    await expect(db.$executeRaw`UPDATE "Membership" SET "schoolId" = ${w.a2.id} WHERE id = ${t.membership.id}`).rejects.toThrow();
    await expect(db.$executeRaw`UPDATE "Membership" SET "personId" = ${w.taA.person.id} WHERE id = ${t.membership.id}`).rejects.toThrow();
    expect(await db.membership.findUniqueOrThrow({ where: { id: t.membership.id } })).toEqual(membership);
    expect(await everything(w)).toEqual(before);
  });
});

describe("a published policy stays where it was published", () => {
  it("refuses moving a published school policy to another school or to an organisation", async () => {
    const { policyId } = await schoolPolicy(w);
    const before = await everything(w);
    await expect(db.$executeRaw`UPDATE "Policy" SET "schoolId" = ${w.b.id} WHERE id = ${policyId}`).rejects.toThrow(/published/);
    await expect(db.$executeRaw`UPDATE "Policy" SET "schoolId" = ${w.a2.id} WHERE id = ${policyId}`).rejects.toThrow(/published/);
    await expect(
      db.$executeRaw`UPDATE "Policy" SET "schoolId" = NULL, "organisationId" = ${w.trust.id} WHERE id = ${policyId}`,
    ).rejects.toThrow(/published/);
    expect(await everything(w)).toEqual(before);
  });

  it("refuses moving a published trust policy to another organisation or into one school", async () => {
    const admin = await ctxOf(w.trustAdmin, w.a.slug);
    const { policyId } = await publishedPolicy(admin, { scope: "organisation" });
    const before = await everything(w);
    await expect(db.$executeRaw`UPDATE "Policy" SET "organisationId" = ${w.b.organisationId} WHERE id = ${policyId}`).rejects.toThrow(/published/);
    await expect(
      db.$executeRaw`UPDATE "Policy" SET "organisationId" = NULL, "schoolId" = ${w.a.id} WHERE id = ${policyId}`,
    ).rejects.toThrow(/published/);
    expect(await everything(w)).toEqual(before);
  });

  it("still allows its other settings to change, and a never-published draft to be re-homed", async () => {
    const { policyId } = await schoolPolicy(w);
    await expect(db.$executeRaw`UPDATE "Policy" SET "dueDays" = 21 WHERE id = ${policyId}`).resolves.toBe(1);
    const head = await ctxOf(w.headA.person, w.a.slug);
    const draft = await createPolicy(head, createPolicySchema.parse(policyInput()));
    await expect(db.$executeRaw`UPDATE "Policy" SET "schoolId" = ${w.a2.id} WHERE id = ${draft.policyId}`).resolves.toBe(1);
  });
});

describe("the publish trigger checks the content hash it is given", () => {
  async function draft() {
    const head = await ctxOf(w.headA.person, w.a.slug);
    return createPolicy(head, createPolicySchema.parse(policyInput()));
  }

  it("refuses publishing with a hash that is not the content's, in any form", async () => {
    const { versionId } = await draft();
    const v = await db.policyVersion.findUniqueOrThrow({ where: { id: versionId } });
    const right = policyContentHash(v);
    const before = await everything(w);
    const wrong = [
      "0".repeat(64),
      policyContentHash({ ...v, statements: [...v.statements, "A statement nobody was shown."] }),
      right.toUpperCase(),
      right.slice(0, 63),
      "not a hash",
    ];
    for (const hash of wrong) {
      await expect(
        db.$executeRaw`UPDATE "PolicyVersion" SET status = 'PUBLISHED', "contentHash" = ${hash}, "publishedAt" = now() WHERE id = ${versionId}`,
        hash,
      ).rejects.toThrow(/content hash/);
    }
    // A text changed in the same statement that publishes it, with the old text's hash.
    await expect(
      db.$executeRaw`UPDATE "PolicyVersion" SET status = 'PUBLISHED', "contentHash" = ${right}, "publishedAt" = now(),
                       "declarationWording" = 'I agree to something else.' WHERE id = ${versionId}`,
    ).rejects.toThrow(/content hash/);
    expect(await everything(w)).toEqual(before);
  });

  it("accepts the hash the application computes (SQL and TypeScript agree byte for byte)", async () => {
    const { versionId } = await draft();
    const v = await db.policyVersion.findUniqueOrThrow({ where: { id: versionId } });
    await expect(
      db.$executeRaw`UPDATE "PolicyVersion" SET status = 'PUBLISHED', "contentHash" = ${policyContentHash(v)}, "publishedAt" = now() WHERE id = ${versionId}`,
    ).resolves.toBe(1);
  });

  it("refuses a version inserted as PUBLISHED with a wrong hash or none, and a draft carrying a hash", async () => {
    const { policyId } = await draft();
    const before = await everything(w);
    const insert = (status: "DRAFT" | "PUBLISHED", hash: string | null, publishedAt: Date | null) => db.$executeRaw`
      INSERT INTO "PolicyVersion" (id, "policyId", number, status, title, sections, statements, "declarationWording", audience,
                                   "contentHash", "publishedAt")
      VALUES (${"v-" + randomUUID()}, ${policyId}, 2, ${status}::"PolicyVersionStatus", 'Forged', '[{"heading":"A","body":"B"}]'::jsonb,
              ARRAY['I agree.'], 'I agree.', ARRAY['TEACHER']::"StaffGroup"[], ${hash}, ${publishedAt})`;
    await expect(insert("PUBLISHED", "0".repeat(64), new Date())).rejects.toThrow(/content hash/);
    await expect(insert("PUBLISHED", null, new Date())).rejects.toThrow(/content hash/);
    await expect(insert("DRAFT", "0".repeat(64), null)).rejects.toThrow(/draft/);
    await expect(insert("DRAFT", null, new Date())).rejects.toThrow(/draft/);
    expect(await everything(w)).toEqual(before);
  });

  it("computes the same canonical text as lib/policies/content.ts for awkward content", async () => {
    const head = await ctxOf(w.headA.person, w.a.slug);
    const awkward = createPolicySchema.parse(
      policyInput({
        title: 'Ünïcödé “quotes” \\ back\\slash and "straight" — 🙂',
        sections: [
          { heading: "Tabs\tand\nnew lines", body: "Line 1\r\nLine 2\u2028separator\u2029paragraph\u0007bell\u001fus\u007fdel / slash" },
          { heading: "École", body: "日本語 and emoji 👩‍🏫 and <script>alert(1)</script> &amp;" },
        ],
        statements: ["I will — always — use “quotes” correctly…", 'A "quoted" \\ statement'],
        audience: ["VOLUNTEER", "TEACHER", "CONTRACTOR", "OFFICE"],
        approvedBy: "Governing Board \u00e9\u0301",
        reviewDue: "",
        inductionRequired: false,
      }),
    );
    const { versionId } = await createPolicy(head, awkward);
    const v = await db.policyVersion.findUniqueOrThrow({ where: { id: versionId } });
    const [row] = await db.$queryRaw<{ canonical: string; hash: string }[]>`
      SELECT policy_version_canonical(v) AS canonical, policy_version_content_hash(v) AS hash FROM "PolicyVersion" v WHERE id = ${versionId}`;
    expect(row.canonical).toBe(canonicalPolicyContent(v));
    expect(row.hash).toBe(policyContentHash(v));
    // And publishing through the service (hash from TypeScript) passes the trigger.
    await expect(publishVersion(head, { versionId })).resolves.toMatchObject({ contentHash: policyContentHash(v) });
  });
});
