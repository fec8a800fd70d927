import { randomUUID } from "node:crypto";
import { db } from "./owner-db";
import type { SchoolRole, StaffGroup, OrgRole, OrganisationKind } from "@/generated/prisma/enums";

// Every test builds its own organisation and schools with unique slugs, so tests never share rows.
const uid = () => randomUUID().slice(0, 8);

export async function makeOrganisation(kind: OrganisationKind = "TRUST") {
  return db.organisation.create({ data: { name: `Test Trust ${uid()}`, kind } });
}

export async function makeSchool(organisationId?: string) {
  const orgId = organisationId ?? (await makeOrganisation()).id;
  const tag = uid();
  return db.school.create({ data: { name: `Test School ${tag}`, slug: `test-${tag}`, organisationId: orgId } });
}

export async function makePerson(opts: { name?: string; email?: string; status?: "ACTIVE" | "LEFT" | "SUSPENDED" } = {}) {
  const tag = uid();
  return db.person.create({
    data: { name: opts.name ?? `Person ${tag}`, email: opts.email ?? `person-${tag}@example.org.uk`, status: opts.status ?? "ACTIVE" },
  });
}

export async function makeMember(
  schoolId: string,
  opts: { roles?: SchoolRole[]; staffGroup?: StaffGroup; name?: string; startDate?: Date; endDate?: Date | null } = {},
) {
  const person = await makePerson({ name: opts.name });
  const membership = await db.membership.create({
    data: {
      schoolId,
      personId: person.id,
      staffGroup: opts.staffGroup ?? "TEACHER",
      roles: opts.roles ?? ["STAFF"],
      startDate: opts.startDate ?? new Date("2020-09-01T00:00:00.000Z"),
      endDate: opts.endDate ?? null,
    },
  });
  return { person, membership };
}

export async function makeOrgRole(organisationId: string, role: OrgRole) {
  const person = await makePerson();
  await db.organisationRole.create({ data: { organisationId, personId: person.id, role } });
  return person;
}

/** Two schools in two organisations, each with a Headteacher and a teacher. */
export async function twoSchools() {
  const a = await makeSchool();
  const b = await makeSchool();
  const headA = await makeMember(a.id, { roles: ["HEADTEACHER"] });
  const teacherA = await makeMember(a.id, { roles: ["STAFF"] });
  const headB = await makeMember(b.id, { roles: ["HEADTEACHER"] });
  return { a, b, headA, teacherA, headB };
}

export async function auditCount(schoolId: string) {
  return db.auditEvent.count({ where: { schoolId } });
}

// ---- People, sign-in and audit helpers ----

/** Gives a fixture person a password (argon2id, as sign-in expects). */
export async function setPassword(personId: string, password: string) {
  const { hashPassword } = await import("@/lib/auth/password");
  await db.person.update({ where: { id: personId }, data: { passwordHash: await hashPassword(password) } });
}

/** London's calendar date `days` from today, as a @db.Date value (UTC midnight). */
export async function londonDay(days: number) {
  const { londonToday } = await import("@/lib/dates");
  const d = londonToday();
  d.setUTCDate(d.getUTCDate() + days);
  return d;
}

/**
 * Everything a people action could change in these schools: every membership with its person, and every
 * audit row. Compare two snapshots with toEqual to assert that nothing changed.
 */
export async function schoolState(...schoolIds: string[]) {
  const [memberships, audit] = await Promise.all([
    db.membership.findMany({
      where: { schoolId: { in: schoolIds } },
      orderBy: { id: "asc" },
      include: { person: { select: { id: true, name: true, email: true, status: true, sessionVersion: true, updatedAt: true } } },
    }),
    db.auditEvent.findMany({ where: { schoolId: { in: schoolIds } }, orderBy: { id: "asc" }, select: { id: true, hash: true } }),
  ]);
  return { memberships, audit };
}
