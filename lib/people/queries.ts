import "server-only";
import { db } from "@/lib/db";
import { activeMembershipWhere } from "@/lib/authz/access";
import { londonToday } from "@/lib/dates";

export async function listPeople(schoolId: string, opts: { includeLeavers?: boolean } = {}) {
  return db.membership.findMany({
    where: { schoolId, ...(opts.includeLeavers ? {} : { OR: [{ endDate: null }, { endDate: { gte: londonToday() } }] }) },
    include: { person: { select: { id: true, name: true, email: true, status: true } } },
    orderBy: [{ person: { name: "asc" } }],
  });
}

export async function getMembership(schoolId: string, membershipId: string) {
  return db.membership.findFirst({
    where: { id: membershipId, schoolId },
    include: { person: { select: { id: true, name: true, email: true, status: true } } },
  });
}

/** The schools this person can open: active memberships and schools of organisations where they hold a role. */
export async function schoolsForPerson(personId: string) {
  const [memberships, orgRoles] = await Promise.all([
    db.membership.findMany({
      where: { personId, ...activeMembershipWhere() },
      select: { school: { select: { id: true, slug: true, name: true, organisation: { select: { name: true } } } } },
    }),
    db.organisationRole.findMany({
      where: { personId },
      select: { organisation: { select: { name: true, schools: { select: { id: true, slug: true, name: true } } } } },
    }),
  ]);
  const bySlug = new Map<string, { slug: string; name: string; organisation: string }>();
  for (const m of memberships) bySlug.set(m.school.slug, { slug: m.school.slug, name: m.school.name, organisation: m.school.organisation.name });
  for (const r of orgRoles)
    for (const s of r.organisation.schools) bySlug.set(s.slug, { slug: s.slug, name: s.name, organisation: r.organisation.name });
  return [...bySlug.values()].sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
}
