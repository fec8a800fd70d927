import "server-only";
import { db } from "@/lib/db";
import { runInScope } from "@/lib/db/context";
import { activeMembershipWhere } from "@/lib/authz/access";
import { londonToday } from "@/lib/dates";

export type StatusHere = "ACTIVE" | "SUSPENDED";

/**
 * The people of one school, each with their status IN THIS ORGANISATION (`statusHere`), never their
 * account's status as another organisation set it. An account is one per email address and may work for
 * several organisations, so:
 * - left: read from the membership itself (its end date), which the page shows as "Left" or "Leaving";
 *   an account marked as left because its every membership elsewhere ended is simply active here;
 * - suspended: only if the account is suspended and the suspension is this organisation's, which is when
 *   the last suspension was recorded in one of its schools (the audit row names the organisation), or, for
 *   a suspension with no record, when every membership the person has not ended is in this organisation;
 * - otherwise active.
 * So a person suspended or left elsewhere is shown as active here (they cannot sign in while suspended,
 * but why is the other organisation's business).
 */
export async function listPeople(school: { id: string; organisationId: string }, opts: { includeLeavers?: boolean } = {}) {
  const today = londonToday();
  const rows = await db.membership.findMany({
    where: { schoolId: school.id, ...(opts.includeLeavers ? {} : { OR: [{ endDate: null }, { endDate: { gte: today } }] }) },
    include: { person: { select: { id: true, name: true, email: true, status: true } } },
    orderBy: [{ person: { name: "asc" } }],
  });
  const ours = await suspendedHere(school, rows.filter((m) => m.person.status === "SUSPENDED").map((m) => m.personId));
  return rows.map((m) => ({ ...m, statusHere: (ours.has(m.personId) ? "SUSPENDED" : "ACTIVE") as StatusHere }));
}

/**
 * Of these suspended accounts, the ones whose suspension is this organisation's (listPeople says when).
 * The answer lies in other schools' rows, possibly other organisations': a SECURITY DEFINER function
 * (suspended_here, docs/decisions/0028) reads them for the school in scope and gives back only ids of
 * its own members.
 */
export async function suspendedHere(school: { id: string; organisationId: string }, suspendedIds: string[]): Promise<Set<string>> {
  if (suspendedIds.length === 0) return new Set();
  // The school the caller asks about is the scope of this one question (the caller has already checked access to it).
  const rows = await runInScope({ schoolId: school.id }, () =>
    db.$queryRaw<{ id: string }[]>`SELECT suspended_here AS id FROM suspended_here(${suspendedIds}::text[], ${londonToday()}::date)`,
  );
  return new Set(rows.map((r) => r.id));
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
