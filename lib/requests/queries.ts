import "server-only";
import { withScope, scopeOf } from "@/lib/db/scope";
import type { Tx } from "@/lib/db";
import { can, type SchoolContext } from "@/lib/authz/access";
import { formatDate, formatDateTime, londonToday } from "@/lib/dates";
import type { PermissionRequestStatus, SchoolRole } from "@/generated/prisma/enums";
import { kindOf, kindsFor, registerKindsFor, type RequestKindKey } from "./kinds";
import { STATUS_LABELS, mayDecide } from "./rules";
import { requestHash } from "./hash";

const LIST_SELECT = {
  id: true, kind: true, status: true, createdAt: true, updatedAt: true, endsOn: true, decidedAt: true,
  requester: { select: { name: true } },
} as const;

async function namesOf(tx: Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  const people = await tx.person.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(people.map((p) => [p.id, p.name]));
}

/** The people who may decide: an active membership holding one of the roles, never the requester. */
export async function approverIds(tx: Tx, schoolId: string, roles: readonly SchoolRole[], requesterId: string): Promise<string[]> {
  const today = londonToday();
  const rows = await tx.membership.findMany({
    where: {
      schoolId, roles: { hasSome: [...roles] }, personId: { not: requesterId }, startDate: { lte: today },
      OR: [{ endDate: null }, { endDate: { gte: today } }], person: { status: "ACTIVE" },
    },
    select: { personId: true },
  });
  return rows.map((r) => r.personId);
}

export function myRequests(ctx: SchoolContext) {
  return withScope(scopeOf(ctx), (tx) =>
    tx.permissionRequest.findMany({ where: { requesterId: ctx.person.id }, orderBy: { createdAt: "desc" }, select: LIST_SELECT }),
  );
}

/** Requests waiting for this person's decision: their roles are among the approvers, and not their own. */
export function approverQueue(ctx: SchoolContext) {
  if (ctx.schoolRoles.length === 0) return Promise.resolve([]);
  return withScope(scopeOf(ctx), (tx) =>
    tx.permissionRequest.findMany({
      where: { status: "SUBMITTED", approverRoles: { hasSome: ctx.schoolRoles }, requesterId: { not: ctx.person.id } },
      orderBy: { createdAt: "asc" },
      select: LIST_SELECT,
    }),
  );
}

export function registerKinds(ctx: SchoolContext): RequestKindKey[] {
  return registerKindsFor({ canRegister: can(ctx, "request:register"), schoolRoles: ctx.schoolRoles });
}

/** The kinds this person may ask for, for the form. */
export function requestableKinds(ctx: SchoolContext): RequestKindKey[] {
  return kindsFor({ schoolRoles: ctx.schoolRoles, staffGroup: ctx.membership?.staffGroup ?? null });
}

/**
 * One request with its history, or null (not found) unless this person made it, may decide it, or reads
 * the register of its kind. What they may do with it is worked out here for the page's buttons.
 */
export async function requestForPage(ctx: SchoolContext, requestId: string) {
  if (typeof requestId !== "string" || requestId.length > 64) return null;
  return withScope(scopeOf(ctx), async (tx) => {
    const r = await tx.permissionRequest.findUnique({
      where: { id: requestId },
      include: { requester: { select: { name: true } }, history: { orderBy: { at: "asc" } } },
    });
    if (!r) return null;
    const mine = r.requesterId === ctx.person.id;
    const decider = mayDecide({ id: ctx.person.id, schoolRoles: ctx.schoolRoles }, r);
    const reader = registerKinds(ctx).includes(r.kind as RequestKindKey);
    if (!mine && !decider && !reader) return null;
    const names = await namesOf(tx, [r.decidedById, ...r.history.map((h) => h.actorId)]);
    const currentHash = requestHash(r);
    // Said to the requester: a school with nobody in the role (no Chair recorded yet) must not leave them waiting unawares.
    const nobodyToDecide = mine && r.status === "SUBMITTED" && (await approverIds(tx, r.schoolId, r.approverRoles, r.requesterId)).length === 0;
    return {
      nobodyToDecide,
      request: r,
      kind: kindOf(r.kind)!,
      mine,
      decider,
      currentHash,
      decidedByName: r.decidedById ? (names.get(r.decidedById) ?? "") : null,
      history: r.history.map((h) => ({ ...h, actorName: h.actorId ? (names.get(h.actorId) ?? "Unknown person") : "Automatic (end date passed)" })),
    };
  });
}

export async function registerRows(ctx: SchoolContext, filter: { kind?: RequestKindKey; status?: PermissionRequestStatus }) {
  const kinds = registerKinds(ctx);
  const wanted = filter.kind ? kinds.filter((k) => k === filter.kind) : kinds;
  return withScope(scopeOf(ctx), async (tx) => {
    const rows = await tx.permissionRequest.findMany({
      where: { kind: { in: wanted }, ...(filter.status ? { status: filter.status } : {}) },
      orderBy: { createdAt: "desc" },
      select: { ...LIST_SELECT, details: true, conditions: true, reason: true, decidedById: true },
    });
    const names = await namesOf(tx, rows.map((r) => r.decidedById));
    return rows.map((r) => ({ ...r, decidedByName: r.decidedById ? (names.get(r.decidedById) ?? "") : "" }));
  });
}

const HEAD = ["Submitted (London)", "Kind", "Requested by", "Status"];
const TAIL = ["Decided by", "Decided (London)", "Conditions", "Ends on", "Reason declined", "Request id"];

/**
 * The register as CSV: for one kind, a column per field of that kind; for all kinds, the fields in one
 * column. Every cell goes through csvCell (lib/declarations/csv.ts), which defuses formulas.
 */
export function registerCsv(rows: Awaited<ReturnType<typeof registerRows>>, kindKey?: RequestKindKey): unknown[][] {
  const one = kindKey ? kindOf(kindKey) : null;
  const header = [...HEAD, ...(one ? one.fields.map((f) => f.label) : ["Details"]), ...TAIL];
  return [
    header,
    ...rows.map((r) => {
      const kind = kindOf(r.kind);
      const values = (r.details ?? {}) as Record<string, unknown>;
      const details = one
        ? one.fields.map((f) => formatValue(values[f.name]))
        : [kind ? kind.fields.map((f) => `${f.label}: ${formatValue(values[f.name])}`).join("; ") : ""];
      return [
        formatDateTime(r.createdAt), kind?.label ?? r.kind, r.requester.name, STATUS_LABELS[r.status], ...details, r.decidedByName,
        formatDateTime(r.decidedAt), r.conditions ?? "", formatDate(r.endsOn), r.reason ?? "", r.id,
      ];
    }),
  ];
}

/** A field's value as a person reads it: dates in en-GB, a ticked confirmation as "Yes". */
export function formatValue(v: unknown): string {
  if (v === true) return "Yes";
  if (typeof v !== "string" || v === "") return "";
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(new Date(`${v}T00:00:00.000Z`));
  return v;
}
