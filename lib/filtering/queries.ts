import "server-only";
import type { Tx } from "@/lib/db";
import { activeMembershipWhere, can, type SchoolContext } from "@/lib/authz/access";
import { londonToday } from "@/lib/dates";
import type { FilteringStatus, SchoolRole } from "@/generated/prisma/enums";
import type { Prisma } from "@/generated/prisma/client";
import { inSchool } from "./service";
import { reviewState, REVIEW_SOON_DAYS, type ReviewState } from "./rules";

export type ChangeFilters = { status?: FilteringStatus; attention?: "review" | "revert"; from?: Date; to?: Date };

/** Names for person ids kept as plain columns (Person has no school: read on the same transaction). */
export async function namesOf(tx: Tx, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (wanted.length === 0) return new Map();
  const people = await tx.person.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(people.map((p) => [p.id, p.name]));
}

export function madeByLabel(c: { madeById: string | null; madeByName: string | null; madeByCompany: string | null }, names: Map<string, string>): string {
  if (c.madeById) return names.get(c.madeById) ?? "";
  if (c.madeByName) return c.madeByCompany ? `${c.madeByName} (${c.madeByCompany})` : c.madeByName;
  return "";
}

/** Those who read the log see every change; anyone else who may ask for one sees their own requests. */
function visibleWhere(ctx: SchoolContext): Prisma.FilteringChangeWhereInput {
  return can(ctx, "filtering:read") ? { schoolId: ctx.school.id } : { schoolId: ctx.school.id, requestedById: ctx.person.id };
}

export type ChangeRow = Awaited<ReturnType<typeof listChanges>>[number];

/** The page shows the latest PAGE_LIMIT; the CSV passes `all` and gets the whole log. */
export const PAGE_LIMIT = 500;

export async function listChanges(ctx: SchoolContext, filters: ChangeFilters = {}, now = new Date(), opts: { all?: boolean } = {}) {
  const today = londonToday(now);
  const soon = new Date(today.getTime() + REVIEW_SOON_DAYS * 86_400_000);
  const where: Prisma.FilteringChangeWhereInput = {
    ...visibleWhere(ctx),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.from || filters.to ? { createdAt: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lt: new Date(filters.to.getTime() + 86_400_000) } : {}) } } : {}),
    ...(filters.attention === "review" ? { status: "CONFIRMED" as const, reviewOn: { lte: soon } } : {}),
    ...(filters.attention === "revert" ? { OR: [{ status: "REVERT_DUE" as const }, { status: "CONFIRMED" as const, temporary: true, endsOn: { lt: today } }] } : {}),
  };
  return inSchool(ctx, async (tx) => {
    const rows = await tx.filteringChange.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "asc" }], ...(opts.all ? {} : { take: PAGE_LIMIT }) });
    const names = await namesOf(tx, rows.flatMap((r) => [r.requestedById, r.authorisedById, r.madeById, r.confirmedById]));
    return rows.map((r) => ({
      ...r,
      requestedBy: names.get(r.requestedById) ?? "",
      authorisedBy: r.authorisedById ? (names.get(r.authorisedById) ?? "") : "",
      madeBy: madeByLabel(r, names),
      confirmedBy: r.confirmedById ? (names.get(r.confirmedById) ?? "") : "",
      review: reviewState(r, today) as ReviewState,
    }));
  });
}

/** The log's figures, over the whole log whatever the filters: counted in the database. */
export async function logFigures(ctx: SchoolContext, now = new Date()) {
  const today = londonToday(now);
  const schoolId = ctx.school.id;
  return inSchool(ctx, async (tx) => ({
    awaitingConfirmation: await tx.filteringChange.count({ where: { schoolId, status: "MADE" } }),
    reviewsOverdue: await tx.filteringChange.count({ where: { schoolId, status: "CONFIRMED", reviewOn: { lt: today }, NOT: { temporary: true, endsOn: { lt: today } } } }),
    revertDue: await tx.filteringChange.count({ where: { schoolId, OR: [{ status: "REVERT_DUE" }, { status: "CONFIRMED", temporary: true, endsOn: { lt: today } }] } }),
  }));
}

export async function changeDetail(ctx: SchoolContext, changeId: string, now = new Date()) {
  if (typeof changeId !== "string" || changeId.length > 64) return null;
  return inSchool(ctx, async (tx) => {
    const change = await tx.filteringChange.findFirst({ where: { id: changeId, ...visibleWhere(ctx) }, include: { steps: { orderBy: [{ at: "asc" }, { id: "asc" }] } } });
    if (!change) return null;
    const names = await namesOf(tx, [change.requestedById, change.authorisedById, change.madeById, change.confirmedById, ...change.steps.map((s) => s.actorId)]);
    return {
      ...change,
      names,
      madeBy: madeByLabel(change, names),
      review: reviewState(change, londonToday(now)) as ReviewState,
      steps: change.steps.map((s) => ({ ...s, actor: names.get(s.actorId) ?? "" })),
    };
  });
}

/** The school's active members, for choosing who made a change, or who holds a role. */
export async function memberOptions(ctx: SchoolContext, roles?: readonly SchoolRole[]) {
  return inSchool(ctx, async (tx) => {
    const rows = await tx.membership.findMany({
      where: { schoolId: ctx.school.id, ...activeMembershipWhere(), ...(roles ? { roles: { hasSome: [...roles] } } : {}) },
      select: { person: { select: { id: true, name: true } } },
      orderBy: { person: { name: "asc" } },
    });
    const seen = new Set<string>();
    return rows.map((r) => r.person).filter((p) => !seen.has(p.id) && (seen.add(p.id), true)).map((p) => ({ value: p.id, label: p.name }));
  });
}

export async function listChecks(ctx: SchoolContext) {
  return inSchool(ctx, async (tx) => {
    const checks = await tx.filteringCheck.findMany({ where: { schoolId: ctx.school.id }, orderBy: [{ checkedOn: "desc" }, { createdAt: "desc" }], take: 200 });
    const names = await namesOf(tx, checks.map((c) => c.checkedById));
    return { checks: checks.map((c) => ({ ...c, checkedBy: names.get(c.checkedById) ?? "" })), nextCheckDue: checks[0]?.nextCheckDue ?? null };
  });
}

export async function responsiblePeople(ctx: SchoolContext) {
  return inSchool(ctx, async (tx) => {
    const r = await tx.filteringResponsibility.findUnique({ where: { schoolId: ctx.school.id } });
    if (!r) return null;
    const names = await namesOf(tx, [r.seniorLeaderId, r.governorId]);
    return { ...r, seniorLeader: names.get(r.seniorLeaderId) ?? "", governor: names.get(r.governorId) ?? "" };
  });
}

export type ReviewParticipant = { role: string; name: string; personId: string | null };
export type ReviewAction = { action: string; owner: string; dueOn: string };

export async function listAnnualReviews(ctx: SchoolContext) {
  return inSchool(ctx, async (tx) => {
    const rows = await tx.filteringAnnualReview.findMany({ where: { schoolId: ctx.school.id }, orderBy: [{ reviewedOn: "desc" }, { createdAt: "desc" }] });
    const names = await namesOf(tx, rows.map((r) => r.recordedById));
    return rows.map((r) => ({
      ...r,
      participants: r.participants as ReviewParticipant[],
      actions: r.actions as ReviewAction[],
      recordedBy: names.get(r.recordedById) ?? "",
    }));
  });
}
