import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { londonToday } from "@/lib/dates";
import { suspendedHere, type StatusHere } from "./queries";
import { DIRECTORY_PAGE_SIZE, type DirectoryQuery } from "./directory-query";

/**
 * One page of a school's people, searched, filtered, counted and paged in the database (a count query and
 * a page query), never the whole list: a school of 2,000 answers in a few milliseconds (bench/directory.ts).
 * Status is their status in this organisation, as listPeople defines it.
 */
export async function searchPeople(school: { id: string; organisationId: string }, query: DirectoryQuery) {
  const today = londonToday();
  const current: Prisma.MembershipWhereInput = { OR: [{ endDate: null }, { endDate: { gte: today } }] };
  // Which suspended accounts are suspended by this organisation: needed up front only to filter by it,
  // otherwise only for the suspended people on the page (usually none, so no query at all).
  const filtersOnSuspension = query.status === "active" || query.status === "suspended";
  const ours = filtersOnSuspension ? await suspendedHere(school, await suspendedIn(school.id)) : new Set<string>();
  const byStatus: Record<DirectoryQuery["status"], Prisma.MembershipWhereInput> = {
    current,
    active: { ...current, personId: { notIn: [...ours] } },
    suspended: { ...current, personId: { in: [...ours] } },
    leaving: { endDate: { gte: today } },
    left: { endDate: { lt: today } },
    all: {},
  };
  const where: Prisma.MembershipWhereInput = {
    schoolId: school.id,
    ...byStatus[query.status],
    ...(query.group ? { staffGroup: query.group } : {}),
    ...(query.role ? { roles: { has: query.role } } : {}),
    ...(query.q ? { person: { OR: [{ name: { contains: query.q, mode: "insensitive" } }, { email: { contains: query.q.toLowerCase() } }] } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.membership.count({ where }),
    db.membership.findMany({
      where,
      include: { person: { select: { id: true, name: true, email: true, status: true } } },
      orderBy: [{ person: { name: "asc" } }, { id: "asc" }],
      skip: (query.page - 1) * DIRECTORY_PAGE_SIZE,
      take: DIRECTORY_PAGE_SIZE,
    }),
  ]);
  if (!filtersOnSuspension) for (const id of await suspendedHere(school, rows.filter((m) => m.person.status === "SUSPENDED").map((m) => m.personId))) ours.add(id);
  const pages = Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE));
  return {
    total,
    pages,
    page: query.page,
    people: rows.map((m) => ({ ...m, statusHere: (ours.has(m.personId) ? "SUSPENDED" : "ACTIVE") as StatusHere })),
  };
}

async function suspendedIn(schoolId: string): Promise<string[]> {
  const rows = await db.membership.findMany({ where: { schoolId, person: { status: "SUSPENDED" } }, select: { personId: true } });
  return rows.map((m) => m.personId);
}
