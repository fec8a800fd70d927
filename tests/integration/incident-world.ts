// Shared by the incident integration tests (not a test file itself).
import { expect } from "vitest";
import { db } from "../support/owner-db";
import { resolveAccess, type SchoolContext } from "@/lib/authz/access";
import { reportIncidentAction } from "@/lib/incidents/actions";
import { toLondonDateTimeInput } from "@/lib/incidents/breach-clock";
import type { IncidentCategory } from "@/generated/prisma/enums";
import { makeOrganisation, makeSchool, makeMember, makeOrgRole } from "../support/fixtures";
import { signInAs } from "../support/session";

/**
 * A trust with school A (one holder per role, two plain teachers and a governor), school A2 in the same
 * trust, school B in another trust, and the trust's own roles.
 */
export async function incidentWorld() {
  const trust = await makeOrganisation("TRUST");
  const a = await makeSchool(trust.id);
  const a2 = await makeSchool(trust.id);
  const b = await makeSchool();
  const m = (schoolId: string, roles: NonNullable<Parameters<typeof makeMember>[1]>["roles"], name: string) => makeMember(schoolId, { roles, name });
  const [head, dsl, ddsl, ict, bm, dpo, chair, teacher, teacher2, governor, headA2, headB, dslB] = await Promise.all([
    m(a.id, ["HEADTEACHER"], "Head"),
    m(a.id, ["DSL"], "DSL"),
    m(a.id, ["DEPUTY_DSL"], "Deputy DSL"),
    m(a.id, ["ICT_LEAD"], "ICT lead"),
    m(a.id, ["BUSINESS_MANAGER"], "Business manager"),
    m(a.id, ["DPO"], "DPO"),
    m(a.id, ["CHAIR_OF_GOVERNORS"], "Chair"),
    m(a.id, ["STAFF"], "Teacher"),
    m(a.id, ["STAFF"], "Teacher two"),
    m(a.id, ["GOVERNOR"], "Governor"),
    m(a2.id, ["HEADTEACHER"], "Head of A2"),
    m(b.id, ["HEADTEACHER"], "Head of B"),
    m(b.id, ["DSL"], "DSL of B"),
  ]);
  const [ceo, trustAdmin, trustDpo, trustIct] = await Promise.all([
    makeOrgRole(trust.id, "CEO"),
    makeOrgRole(trust.id, "TRUST_ADMIN"),
    makeOrgRole(trust.id, "TRUST_DPO"),
    makeOrgRole(trust.id, "TRUST_ICT_LEAD"),
  ]);
  const people = {
    head: head.person, dsl: dsl.person, ddsl: ddsl.person, ict: ict.person, bm: bm.person, dpo: dpo.person, chair: chair.person,
    teacher: teacher.person, teacher2: teacher2.person, governor: governor.person,
    ceo, trustAdmin, trustDpo, trustIct,
  };
  return { trust, a, a2, b, people, headA2: headA2.person, headB: headB.person, dslB: dslB.person };
}
export type IncidentWorld = Awaited<ReturnType<typeof incidentWorld>>;
export type Who = keyof IncidentWorld["people"];
export const EVERYONE_IN_A = (w: IncidentWorld) => Object.keys(w.people) as Who[];

/** What a person of the world sees as their school context (as the pages and actions resolve it). */
export async function ctxOf(person: { id: string; name: string; email: string }, slug: string): Promise<SchoolContext> {
  const ctx = await resolveAccess({ id: person.id, name: person.name, email: person.email, authMethod: "password" }, slug);
  if (!ctx) throw new Error(`no access to ${slug}`);
  return ctx;
}

const HOUR = 3_600_000;
export const hoursAgo = (h: number) => toLondonDateTimeInput(new Date(Date.now() - h * HOUR));

/** Reports through the server action, signed in as the reporter, as the form would. */
export async function report(
  reporter: { id: string },
  slug: string,
  category: IncidentCategory,
  opts: { subjectIds?: string[]; description?: string; awareHoursAgo?: number } = {},
): Promise<string> {
  signInAs(reporter);
  const res = await reportIncidentAction(slug, {
    category,
    description: opts.description ?? `Something happened that is a ${category} concern, written in full.`,
    occurredAt: "",
    awareAt: hoursAgo(opts.awareHoursAgo ?? 1),
    location: "Room 4",
    subjectIds: opts.subjectIds ?? [],
    pupilRefs: "",
    immediateAction: "",
  });
  expect(res).toMatchObject({ ok: true });
  if (!res.ok) throw new Error(res.error);
  return res.data.id;
}

/** Mail the dev mailbox holds for this incident's link, by recipient address. */
export async function mailedAbout(incidentId: string): Promise<string[]> {
  const mails = await db.devMail.findMany({ where: { text: { contains: incidentId } }, select: { to: true } });
  return mails.map((m) => m.to).sort();
}

/** Every row an incident action could change in these schools, to assert that nothing changed. */
export async function incidentState(...schoolIds: string[]) {
  const incidents = await db.incident.findMany({ where: { schoolId: { in: schoolIds } }, orderBy: { id: "asc" } });
  const ids = incidents.map((i) => i.id);
  const [subjects, chronology, reads, breaches, audit, mail] = await Promise.all([
    db.incidentSubject.findMany({ where: { incidentId: { in: ids } }, orderBy: [{ incidentId: "asc" }, { personId: "asc" }] }),
    db.chronologyEntry.findMany({ where: { incidentId: { in: ids } }, orderBy: { id: "asc" } }),
    db.incidentRead.findMany({ where: { incidentId: { in: ids } }, orderBy: [{ incidentId: "asc" }, { personId: "asc" }] }),
    db.breachRecord.findMany({ where: { incidentId: { in: ids } }, orderBy: { incidentId: "asc" } }),
    db.auditEvent.findMany({ where: { schoolId: { in: schoolIds } }, orderBy: { id: "asc" }, select: { id: true, hash: true } }),
    db.devMail.count({ where: { OR: ids.map((id) => ({ text: { contains: id } })) } }),
  ]);
  return { incidents, subjects, chronology, reads, breaches, audit, mail };
}
