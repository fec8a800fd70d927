import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { IncidentCategory, IncidentStatus, SchoolRole, OrgRole } from "@/generated/prisma/enums";
import { db, type Tx } from "@/lib/db";
import { activeMembershipWhere, type SchoolContext } from "@/lib/authz/access";
import { withScope, scopeOf } from "@/lib/db/scope";
import { INCIDENT_CATEGORIES, FALLBACK_SCHOOL_ROLE, FALLBACK_ORG_ROLES, BREACH_ORG_ROLES } from "./categories";
import { breachTimeLeft, parseLondonDateTime } from "./breach-clock";
import { handlerIdsOf, isHandler } from "./holders";
import { markRead } from "./handled";
import { incidentReference } from "./paths";
import type { IncidentFilters } from "./schemas";
import type {
  IncidentList, IncidentRow, IncidentCounts, MyReportRow, IncidentView, HandlerView, SubjectOption, UrgentItem, BreachRecordView,
} from "./types";

// Every query here runs through withScope, so PostgreSQL's row-level security decides what exists for
// this person; the SQL conditions below only separate "handles it" from "reported it".

// The handler condition, exactly as the RLS policy states it (a reporter also sees their own row).
const HANDLES = Prisma.sql`incident_row_handler(i.id, i."schoolId", i."routedRoles", i."routedOrgRoles")`;

const MAY_HANDLE_ROLES = new Set<SchoolRole>([
  ...Object.values(INCIDENT_CATEGORIES).flatMap((c) => c.handlerRoles),
  FALLBACK_SCHOOL_ROLE, "HEADTEACHER", "DEPUTY_DSL",
]);
const MAY_HANDLE_ORG_ROLES = new Set<OrgRole>([...FALLBACK_ORG_ROLES, ...BREACH_ORG_ROLES]);

/** Whether to show this person a register at all (rather than only "My reports"). */
/** The reports of this school this person may see, as a handler or their reporter: row-level security decides. */
export async function visibleIncidentIds(ctx: SchoolContext): Promise<string[]> {
  return withScope(scopeOf(ctx), async (tx) =>
    (await tx.incident.findMany({ where: { schoolId: ctx.school.id }, select: { id: true } })).map((r) => r.id),
  );
}

export async function isIncidentHandler(ctx: SchoolContext): Promise<boolean> {
  if (ctx.schoolRoles.some((r) => MAY_HANDLE_ROLES.has(r)) || ctx.orgRoles.some((r) => MAY_HANDLE_ORG_ROLES.has(r))) return true;
  // Someone a report was re-routed to, in a role that is not usually a handler's.
  return withScope(scopeOf(ctx), async (tx) => {
    const rows = await tx.$queryRaw<{ ok: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM "Incident" i WHERE i."schoolId" = ${ctx.school.id} AND ${HANDLES}) AS ok`;
    return rows[0]?.ok === true;
  });
}

type RowSql = {
  id: string; number: number; category: IncidentCategory; status: IncidentStatus; createdAt: Date; awareAt: Date;
  urgent: boolean; urgentAckAt: Date | null; leadName: string | null; decidedAt: Date | null;
};

function filterSql(filters: IncidentFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filters.status === "OPEN") parts.push(Prisma.sql`i.status <> 'CLOSED'`);
  else if (filters.status) parts.push(Prisma.sql`i.status = ${filters.status}::"IncidentStatus"`);
  if (filters.category) parts.push(Prisma.sql`i.category = ${filters.category}::"IncidentCategory"`);
  // Dates are London calendar days of when the report was made.
  const from = filters.from ? parseLondonDateTime(`${filters.from}T00:00`) : null;
  if (from) parts.push(Prisma.sql`i."createdAt" >= ${from}`);
  const to = filters.to ? parseLondonDateTime(`${filters.to}T00:00`) : null;
  if (to) parts.push(Prisma.sql`i."createdAt" < ${new Date(to.getTime() + 24 * 3_600_000)}`);
  return parts.length ? Prisma.sql`AND ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

/** The register for handlers: only the reports they handle (never one about them), newest first. */
export async function listIncidents(ctx: SchoolContext, filters: IncidentFilters = {}): Promise<IncidentList> {
  const now = new Date();
  return withScope(scopeOf(ctx), async (tx) => {
    const [rows, counts] = await Promise.all([
      tx.$queryRaw<RowSql[]>`
        SELECT i.id, i.number, i.category, i.status, i."createdAt", i."awareAt", i.urgent, i."urgentAckAt",
               lead.name AS "leadName", b."decidedAt"
        FROM "Incident" i
          LEFT JOIN "Person" lead ON lead.id = i."leadId"
          LEFT JOIN "BreachRecord" b ON b."incidentId" = i.id
        WHERE i."schoolId" = ${ctx.school.id} AND ${HANDLES} ${filterSql(filters)}
        ORDER BY i."createdAt" DESC
        LIMIT 500`,
      countsOf(tx, ctx),
    ]);
    return { rows: rows.map((r) => toRow(r, now)), counts };
  });
}

function toRow(r: RowSql, now: Date): IncidentRow {
  const clock = INCIDENT_CATEGORIES[r.category].breachClock && !r.decidedAt && r.status !== "CLOSED";
  return {
    id: r.id,
    reference: incidentReference(r.number),
    category: r.category,
    status: r.status,
    createdAt: r.createdAt,
    awareAt: r.awareAt,
    leadName: r.leadName,
    breachClock: clock ? breachTimeLeft(r.awareAt, now) : null,
    urgentUnacknowledged: r.urgent && !r.urgentAckAt && r.status !== "CLOSED",
  };
}

/** Counts over the whole register (not the filtered rows), for the filter bar. */
async function countsOf(tx: Tx, ctx: SchoolContext): Promise<IncidentCounts> {
  const rows = await tx.$queryRaw<{ category: IncidentCategory; status: IncidentStatus; n: number }[]>`
    SELECT i.category, i.status, count(*)::int AS n FROM "Incident" i
    WHERE i."schoolId" = ${ctx.school.id} AND ${HANDLES}
    GROUP BY i.category, i.status`;
  const out: IncidentCounts = { total: 0, byStatus: { NEW: 0, ACKNOWLEDGED: 0, INVESTIGATING: 0, CLOSED: 0 }, byCategory: {} };
  for (const r of rows) {
    out.total += r.n;
    out.byStatus[r.status] += r.n;
    out.byCategory[r.category] = (out.byCategory[r.category] ?? 0) + r.n;
  }
  return out;
}

/** "My reports": the reporter's own, with their status and nothing the handlers wrote. */
export async function listMyReports(ctx: SchoolContext): Promise<MyReportRow[]> {
  return withScope(scopeOf(ctx), async (tx) => {
    const rows = await tx.incident.findMany({
      where: { schoolId: ctx.school.id, reporterId: ctx.person.id },
      select: { id: true, number: true, category: true, status: true, createdAt: true },
      orderBy: { createdAt: "desc" },
      take: 200,
    });
    return rows.map(({ number, ...r }) => ({ ...r, reference: incidentReference(number) }));
  });
}

/**
 * One report: the handler's view (and a read receipt the first time they open it), the reporter's own
 * limited view, or null, which the page shows as "not found" (a subject gets null, like a wrong id).
 */
export async function getIncident(ctx: SchoolContext, incidentId: string): Promise<IncidentView | null> {
  if (typeof incidentId !== "string" || incidentId.length === 0 || incidentId.length > 64) return null;
  return withScope(scopeOf(ctx), async (tx) => {
    const incident = await tx.incident.findFirst({ where: { id: incidentId, schoolId: ctx.school.id } });
    if (!incident) return null;
    const base = {
      id: incident.id,
      reference: incidentReference(incident.number),
      category: incident.category,
      status: incident.status,
      description: incident.description,
      occurredAt: incident.occurredAt,
      awareAt: incident.awareAt,
      createdAt: incident.createdAt,
      location: incident.location,
      pupilRefs: incident.pupilRefs,
      immediateAction: incident.immediateAction,
    };
    if (!(await isHandler(tx, incident.id))) {
      return incident.reporterId === ctx.person.id ? { view: "reporter" as const, ...base } : null;
    }
    await markRead(tx, ctx, incident.id);
    return { view: "handler" as const, ...base, ...(await handlerDetails(tx, ctx, incident)) };
  });
}

type IncidentRowModel = NonNullable<Awaited<ReturnType<Tx["incident"]["findFirst"]>>>;

async function handlerDetails(tx: Tx, ctx: SchoolContext, incident: IncidentRowModel): Promise<Omit<HandlerView, "view" | keyof ReporterBase>> {
  const [subjects, chronology, reads, handlerIds, breach] = await Promise.all([
    tx.incidentSubject.findMany({ where: { incidentId: incident.id }, select: { person: { select: { id: true, name: true, memberships: { where: { schoolId: ctx.school.id }, select: { jobTitle: true } } } } } }),
    tx.chronologyEntry.findMany({ where: { incidentId: incident.id }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { id: true, kind: true, note: true, at: true, author: { select: { id: true, name: true } } } }),
    tx.incidentRead.findMany({ where: { incidentId: incident.id }, orderBy: { firstReadAt: "asc" }, select: { firstReadAt: true, person: { select: { id: true, name: true } } } }),
    handlerIdsOf(tx, incident.id),
    tx.breachRecord.findUnique({ where: { incidentId: incident.id } }),
  ]);
  const people = await tx.person.findMany({
    where: { id: { in: [incident.reporterId, ...handlerIds, ...(incident.leadId ? [incident.leadId] : []), ...(breach?.decidedById ? [breach.decidedById] : [])] } },
    select: { id: true, name: true },
  });
  const ref = (id: string | null) => (id ? (people.find((p) => p.id === id) ?? null) : null);
  return {
    reporter: ref(incident.reporterId)!,
    subjects: subjects.map((s) => ({ id: s.person.id, name: s.person.name, jobTitle: s.person.memberships[0]?.jobTitle ?? null })),
    lead: ref(incident.leadId),
    routedRoles: incident.routedRoles,
    routedOrgRoles: incident.routedOrgRoles,
    outcome: incident.outcome,
    outcomeSummary: incident.outcomeSummary,
    closedAt: incident.closedAt,
    chronology: chronology.map((c) => ({ id: c.id, kind: c.kind, note: c.note, at: c.at, author: c.author })),
    readers: reads.map((r) => ({ ...r.person, firstReadAt: r.firstReadAt })),
    handlers: handlerIds.map((id) => ref(id)).filter((p): p is { id: string; name: string } => !!p).sort((a, b) => a.name.localeCompare(b.name)),
    urgentUnacknowledged: incident.urgent && !incident.urgentAckAt && incident.status !== "CLOSED",
    breach: INCIDENT_CATEGORIES[incident.category].breachClock ? breachView(incident.awareAt, breach, ref(breach?.decidedById ?? null)) : null,
  };
}

type ReporterBase = Omit<Extract<IncidentView, { view: "reporter" }>, "view">;

function breachView(awareAt: Date, b: Awaited<ReturnType<Tx["breachRecord"]["findUnique"]>>, decidedBy: { id: string; name: string } | null): BreachRecordView {
  return {
    breachType: b?.breachType ?? null,
    personalData: b?.personalData ?? null,
    peopleAffected: b?.peopleAffected ?? null,
    recordsAffected: b?.recordsAffected ?? null,
    consequences: b?.consequences ?? null,
    risk: b?.risk ?? null,
    remedialAction: b?.remedialAction ?? null,
    subjectsInformed: b?.subjectsInformed ?? null,
    subjectsInformedOn: b?.subjectsInformedOn ?? null,
    decided: !!b?.decidedAt,
    reported: b?.reported ?? null,
    icoReportedOn: b?.icoReportedOn ?? null,
    icoReference: b?.icoReference ?? null,
    notReportedReason: b?.notReportedReason ?? null,
    decidedAt: b?.decidedAt ?? null,
    decidedBy,
    clock: breachTimeLeft(awareAt, new Date()),
  };
}

/** The school's people for the "who does it concern" picker (not the reporter themselves). */
export async function reportFormOptions(ctx: SchoolContext): Promise<SubjectOption[]> {
  const rows = await db.membership.findMany({
    where: { schoolId: ctx.school.id, personId: { not: ctx.person.id }, ...activeMembershipWhere() },
    select: { jobTitle: true, person: { select: { id: true, name: true } } },
    orderBy: { person: { name: "asc" } },
  });
  return rows.map((r) => ({ id: r.person.id, name: r.person.name, jobTitle: r.jobTitle }));
}

/** For the banner on every page: open urgent reports this person handles and nobody has acknowledged. */
export async function urgentForViewer(ctx: SchoolContext): Promise<UrgentItem[]> {
  return withScope(scopeOf(ctx), async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; number: number }[]>`
      SELECT i.id, i.number FROM "Incident" i
      WHERE i."schoolId" = ${ctx.school.id} AND i.urgent AND i."urgentAckAt" IS NULL AND i.status <> 'CLOSED' AND ${HANDLES}
      ORDER BY i."createdAt" LIMIT 20`;
    return rows.map((r) => ({ id: r.id, reference: incidentReference(r.number) }));
  });
}

export { breachRegister, breachRegisterCsv } from "./breach-register";
