// Shared by the people, access and auth integration tests (not a test file itself).
import { expect } from "vitest";
import { db } from "../support/owner-db";
import { verifyAuditLog } from "@/lib/audit/verify";
import { runInScope } from "@/lib/db/context";
import { GENESIS } from "@/lib/audit/chain";
import { makeOrganisation, makeSchool, makeMember, makeOrgRole, schoolState } from "../support/fixtures";
import { signInAs, signOut, testSession } from "../support/session";
import { getCurrentPerson } from "@/lib/auth/session";

/**
 * A trust with two schools (A and A2), a school B in another trust, and people in every position a
 * people action cares about.
 */
export async function peopleWorld() {
  const trust = await makeOrganisation("TRUST");
  const a = await makeSchool(trust.id);
  const a2 = await makeSchool(trust.id);
  const b = await makeSchool();
  const [headA, ictA, bmA, teacherA, governorA, dslA, headA2, headB, teacherB] = await Promise.all([
    makeMember(a.id, { roles: ["HEADTEACHER"], name: "Head of A" }),
    makeMember(a.id, { roles: ["ICT_LEAD"], name: "ICT lead of A" }),
    makeMember(a.id, { roles: ["BUSINESS_MANAGER"], staffGroup: "OFFICE", name: "Business manager of A" }),
    makeMember(a.id, { roles: ["STAFF"], name: "Teacher of A" }),
    makeMember(a.id, { roles: ["GOVERNOR"], staffGroup: "GOVERNOR", name: "Governor of A" }),
    makeMember(a.id, { roles: ["DSL"], name: "DSL of A" }),
    makeMember(a2.id, { roles: ["HEADTEACHER"], name: "Head of A2" }),
    makeMember(b.id, { roles: ["HEADTEACHER"], name: "Head of B" }),
    makeMember(b.id, { roles: ["STAFF"], name: "Teacher of B" }),
  ]);
  const [trustAdmin, trustIct, otherTrustAdmin] = await Promise.all([
    makeOrgRole(trust.id, "TRUST_ADMIN"),
    makeOrgRole(trust.id, "TRUST_ICT_LEAD"),
    makeOrgRole(b.organisationId, "TRUST_ADMIN"),
  ]);
  return { trust, a, a2, b, headA, ictA, bmA, teacherA, governorA, dslA, headA2, headB, teacherB, trustAdmin, trustIct, otherTrustAdmin };
}
export type PeopleWorld = Awaited<ReturnType<typeof peopleWorld>>;

type Actor = { id: string; sessionVersion?: number } | null;

/** Who must be refused an action on school A's people, and with which code. */
export const REFUSED_IN_A: [string, (w: PeopleWorld) => Actor, "FORBIDDEN" | "NOT_FOUND" | "UNAUTHENTICATED"][] = [
  ["a teacher of the school", (w) => w.teacherA.person, "FORBIDDEN"],
  ["a governor of the school", (w) => w.governorA.person, "FORBIDDEN"],
  ["the DSL of the school (no people:manage)", (w) => w.dslA.person, "FORBIDDEN"],
  ["a trust ICT lead of its trust (no people:manage)", (w) => w.trustIct, "FORBIDDEN"],
  ["the head of a school in another trust", (w) => w.headB.person, "NOT_FOUND"],
  ["the head of a sibling school in the same trust", (w) => w.headA2.person, "NOT_FOUND"],
  ["a trust admin of another trust", (w) => w.otherTrustAdmin, "NOT_FOUND"],
  ["nobody signed in", () => null, "UNAUTHENTICATED"],
];

/** Who may manage school A's people. */
export const ALLOWED_IN_A: [string, (w: PeopleWorld) => { id: string }][] = [
  ["the Headteacher", (w) => w.headA.person],
  ["the ICT lead", (w) => w.ictA.person],
  ["the Business Manager", (w) => w.bmA.person],
  ["a trust admin of its trust", (w) => w.trustAdmin],
];

export function actAs(actor: Actor) {
  if (actor) signInAs(actor);
  else signOut();
}

/** Asserts a refusal with this code, and that nothing in these schools changed. */
export async function expectRefusedUnchanged(
  result: { ok: boolean; code?: string },
  code: string,
  before: Awaited<ReturnType<typeof schoolState>>,
  schoolIds: string[],
) {
  expect(result).toMatchObject({ ok: false, code });
  expect(await schoolState(...schoolIds)).toEqual(before);
}

/**
 * Asserts that exactly one audit row was added to this school's chain since `before`, that it links to
 * the previous one, that the chain still verifies, and returns it.
 */
export async function expectOneNewAuditRow(schoolId: string, beforeCount: number) {
  const rows = await db.auditEvent.findMany({ where: { schoolId }, orderBy: { seq: "asc" } });
  expect(rows).toHaveLength(beforeCount + 1);
  const row = rows[rows.length - 1];
  expect(row.chain).toBe(schoolId);
  expect(row.seq).toBe(beforeCount + 1);
  expect(row.prevHash).toBe(beforeCount === 0 ? GENESIS : rows[rows.length - 2].hash);
  // Checking a whole chain is the nightly job's work, done in the school's scope (decisions/0028).
  expect(await runInScope({ schoolId }, () => verifyAuditLog(schoolId))).toEqual({ checked: beforeCount + 1, broken: null });
  return row;
}

export const person = (id: string) => db.person.findUniqueOrThrow({ where: { id } });

/** As this person, with the claims they were given at sign-in, at their next request. */
export async function currentPersonAs(claims: { id: string; sessionVersion?: number }) {
  const saved = testSession.claims;
  signInAs(claims);
  const me = await getCurrentPerson();
  testSession.claims = saved;
  return me;
}
