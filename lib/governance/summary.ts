import "server-only";
import { db } from "@/lib/db";
import { runAsSystem } from "@/lib/db/context";
import type { SchoolContext } from "@/lib/authz/access";
import { can } from "@/lib/authz/access";
import { londonToday } from "@/lib/dates";
import { instantsOf, type Period } from "./period";
import { declarationSection } from "./sections/declarations";
import { policySection } from "./sections/policies";
import { incidentSection } from "./sections/incidents";
import { equipmentSection } from "./sections/equipment";
import { auditSection } from "./sections/audit";
import { requestSection } from "./sections/requests";
import { filteringSection } from "./sections/filtering";
import { monitoringSection } from "./sections/monitoring";

// The figures behind a governors' summary, for one school or every school of a trust, in one read
// transaction: each section is one grouped statement across the list of schools (no loop per school), so
// the number of queries is the same for one school as for fifty, and for ten rows as for a million.

export type SchoolRef = { id: string; name: string; slug: string };

export async function gatherFigures(schools: SchoolRef[], period: Period, viewerId: string, now = new Date()) {
  const ids = schools.map((s) => s.id);
  const today = londonToday(now);
  const at = instantsOf(period);
  // Counts across the listed schools, including need-to-know rows no governor may read one by one (incidents,
  // monitoring): read as ict_system, after the caller's permission check (decisions/0025). Only counts leave.
  const sections = await runAsSystem(() => db.$transaction(async (tx) => ({
    declarations: await declarationSection(tx, ids, period.from, period.to, today),
    policies: await policySection(tx, ids, today),
    incidents: await incidentSection(tx, ids, at.from, at.to, viewerId),
    equipment: await equipmentSection(tx, ids, at.from, at.to, today),
    audit: await auditSection(tx, ids),
    requests: await requestSection(tx, ids, at.from, at.to),
    filtering: await filteringSection(tx, ids, at.from, at.to, now),
    monitoring: await monitoringSection(tx, ids, at.from, at.to, viewerId),
  })));
  return { schools, period, today, generatedAt: now, ...sections };
}

export type Figures = Awaited<ReturnType<typeof gatherFigures>>;

/** The school's summary (the page has checked governance:view). */
export function schoolFigures(ctx: SchoolContext, period: Period, now = new Date()): Promise<Figures> {
  return gatherFigures([{ id: ctx.school.id, name: ctx.school.name, slug: ctx.school.slug }], period, ctx.person.id, now);
}

/** Every school of the organisation, for governance:trust only (null otherwise); the caller has resolved access. */
export async function trustFigures(ctx: SchoolContext, period: Period, now = new Date()): Promise<{ organisation: string; figures: Figures } | null> {
  if (!can(ctx, "governance:trust")) return null;
  const organisation = await db.organisation.findUniqueOrThrow({
    where: { id: ctx.school.organisationId },
    select: { name: true, schools: { select: { id: true, name: true, slug: true }, orderBy: { name: "asc" } } },
  });
  return { organisation: organisation.name, figures: await gatherFigures(organisation.schools, period, ctx.person.id, now) };
}
