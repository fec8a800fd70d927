import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { AUDIT_PAGE_SIZE, londonDayStart, type AuditCursor, type AuditFilters } from "./schemas";

export async function listSchoolAuditEvents(schoolId: string, opts: { take?: number; before?: bigint } = {}) {
  return db.auditEvent.findMany({
    where: { schoolId, ...(opts.before ? { id: { lt: opts.before } } : {}) },
    orderBy: { id: "desc" },
    take: opts.take ?? 100,
  });
}

export async function actorNames(ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (unique.length === 0) return new Map();
  const people = await db.person.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(people.map((p) => [p.id, p.name]));
}

type SchoolRef = { id: string; organisationId: string };

/** More people than this matching a search is not a useful filter: the page asks for more of the name. */
export const PERSON_MATCH_LIMIT = 200;

/**
 * People of this school (members, past or present, and its organisation's role holders) whose name or
 * email contains the text. Only they can be found, so a search never reveals anyone else's id.
 */
export async function matchPeople(school: SchoolRef, text: string): Promise<string[]> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT p.id FROM "Person" p
     WHERE (p.name ILIKE ${pattern} OR p.email ILIKE ${pattern})
       AND (EXISTS (SELECT 1 FROM "Membership" m WHERE m."personId" = p.id AND m."schoolId" = ${school.id})
            OR EXISTS (SELECT 1 FROM "OrganisationRole" r WHERE r."personId" = p.id AND r."organisationId" = ${school.organisationId}))
     LIMIT ${PERSON_MATCH_LIMIT + 1}`;
  return rows.map((r) => r.id);
}

/** The WHERE clause for a school's events under these filters; null when nothing can match. */
/**
 * What the reader may know exists. An incident's audit rows hold only ids, but "the Chair opened a
 * report" still tells a Headteacher that there is a report they cannot see: a reader sees the rows of
 * the reports they may see (lib/incidents visibleIncidentIds, decided by row-level security) and no others.
 * The same for monitoring authorisations (lib/monitoring visibleMonitoringIds): never shown to their subject.
 */
export type AuditReader = { visibleIncidentIds: readonly string[]; visibleMonitoringIds: readonly string[] };

export async function auditWhere(
  school: SchoolRef,
  filters: AuditFilters,
  reader?: AuditReader,
): Promise<{ where: Prisma.AuditEventWhereInput; tooManyPeople: boolean } | null> {
  const where: Prisma.AuditEventWhereInput = { schoolId: school.id };
  if (reader) {
    where.NOT = [
      { entityType: "Incident", entityId: { notIn: [...reader.visibleIncidentIds] } },
      { entityType: "MonitoringAuthorisation", entityId: { notIn: [...reader.visibleMonitoringIds] } },
    ];
  }
  let tooManyPeople = false;
  if (filters.action) where.action = filters.action;
  if (filters.from || filters.to) {
    // "To" is inclusive: events before the start of the London day after it.
    const dayAfter = filters.to ? new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : null;
    const from = filters.from ? londonDayStart(filters.from) : null;
    const until = dayAfter ? londonDayStart(dayAfter) : null;
    where.at = { ...(from ? { gte: from } : {}), ...(until ? { lt: until } : {}) };
    // Pages are ordered by id, but Postgres cannot know that ids follow times: asked for "the newest 50
    // in March", it walks back from today. The range's first and last ids (read through the
    // (schoolId, at) index) bound the walk; the time condition above still decides each row.
    const bounds = await db.auditEvent.aggregate({ where: { schoolId: school.id, at: where.at }, _min: { id: true }, _max: { id: true } });
    if (bounds._min.id === null || bounds._max.id === null) return null;
    where.id = { gte: bounds._min.id, lte: bounds._max.id };
  }
  if (filters.person) {
    const ids = await matchPeople(school, filters.person);
    if (ids.length === 0) return null;
    tooManyPeople = ids.length > PERSON_MATCH_LIMIT;
    const some = ids.slice(0, PERSON_MATCH_LIMIT);
    where.OR = [{ actorId: { in: some } }, { entityType: "Person", entityId: { in: some } }];
  }
  return { where, tooManyPeople };
}

export type AuditPage = {
  events: Awaited<ReturnType<typeof listSchoolAuditEvents>>;
  names: Map<string, string>;
  /** Cursors for the neighbouring pages, when there are events there. */
  newer: bigint | null;
  older: bigint | null;
  tooManyPeople: boolean;
};

/** One page (50 events) of a school's audit log, newest first, filtered and paged in the database. */
export async function searchAuditEvents(
  school: SchoolRef,
  filters: AuditFilters,
  cursor: AuditCursor = {},
  size = AUDIT_PAGE_SIZE,
  reader?: AuditReader,
): Promise<AuditPage> {
  const w = await auditWhere(school, filters, reader);
  if (!w) return { events: [], names: new Map(), newer: null, older: null, tooManyPeople: false };
  const { where } = w;
  let events;
  if (cursor.after) {
    events = (await db.auditEvent.findMany({ where: { AND: [where, { id: { gt: cursor.after } }] }, orderBy: { id: "asc" }, take: size })).reverse();
  } else {
    events = await db.auditEvent.findMany({ where: cursor.before ? { AND: [where, { id: { lt: cursor.before } }] } : where, orderBy: { id: "desc" }, take: size });
  }
  const first = events[0]?.id;
  const last = events[events.length - 1]?.id;
  const [newerRow, olderRow, names] = await Promise.all([
    first !== undefined ? db.auditEvent.findFirst({ where: { AND: [where, { id: { gt: first } }] }, select: { id: true }, orderBy: { id: "asc" } }) : null,
    last !== undefined ? db.auditEvent.findFirst({ where: { AND: [where, { id: { lt: last } }] }, select: { id: true }, orderBy: { id: "desc" } }) : null,
    actorNames(events.map((e) => e.actorId)),
  ]);
  return { events, names, newer: newerRow ? first! : null, older: olderRow ? last! : null, tooManyPeople: w.tooManyPeople };
}

/** Every event under these filters, newest first, a batch at a time (the CSV export streams them). */
export async function* auditEventBatches(school: SchoolRef, filters: AuditFilters, batch = 2000, reader?: AuditReader) {
  const w = await auditWhere(school, filters, reader);
  if (!w) return;
  let before: bigint | undefined;
  for (;;) {
    const events = await db.auditEvent.findMany({
      where: before ? { AND: [w.where, { id: { lt: before } }] } : w.where,
      orderBy: { id: "desc" },
      take: batch,
    });
    if (events.length === 0) return;
    yield { events, names: await actorNames(events.map((e) => e.actorId)) };
    if (events.length < batch) return;
    before = events[events.length - 1].id;
  }
}
