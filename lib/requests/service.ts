import "server-only";
import type { z } from "zod";
import type { Tx } from "@/lib/db";
import { withScope, scopeOf } from "@/lib/db/scope";
import { record } from "@/lib/audit/record";
import type { SchoolContext } from "@/lib/authz/access";
import { DomainError, notFoundError } from "@/lib/authz/errors";
import { londonToday } from "@/lib/dates";
import { mailPeople } from "@/lib/incidents/notify";
import type { PermissionRequestEvent, SchoolRole } from "@/generated/prisma/enums";
import { REQUEST_KINDS, kindOf, kindsFor, routeRequest, detailsSchema } from "./kinds";
import { STEPS, mayDecide, type Step } from "./rules";
import { requestHash } from "./hash";
import { requestToDecideMail, requestDecidedMail } from "./notify";
import { approverIds } from "./queries";
import type { submitRequestSchema, approveRequestSchema, declineRequestSchema, askMoreSchema, acknowledgeSchema, answerSchema, withdrawSchema } from "./schemas";

type Input<S extends z.ZodType> = z.output<S>;
type Row = {
  id: string; schoolId: string; kind: string; requesterId: string; approverRoles: SchoolRole[]; details: unknown;
  status: string; createdAt: Date;
};

function audit(tx: Tx, ctx: SchoolContext, action: string, requestId: string, data: Record<string, unknown>) {
  return record(tx, { schoolId: ctx.school.id, organisationId: ctx.school.organisationId, actorId: ctx.person.id, action, entityType: "PermissionRequest", entityId: requestId, data });
}

async function lockRequest(tx: Tx, requestId: string): Promise<Row> {
  // Row-level security keeps this to the school of the transaction: another school's id is "not found".
  const rows = await tx.$queryRaw<Row[]>`
    SELECT id, "schoolId", kind, "requesterId", "approverRoles"::text[] AS "approverRoles", details, status::text AS status, "createdAt"
    FROM "PermissionRequest" WHERE id = ${requestId} FOR UPDATE`;
  if (rows.length === 0) throw notFoundError("That request");
  return rows[0];
}

function history(tx: Tx, r: Row, event: PermissionRequestEvent, actorId: string | null, extra: { note?: string | null; conditions?: string | null; endsOn?: Date | null } = {}) {
  return tx.permissionRequestHistory.create({
    data: { schoolId: r.schoolId, requestId: r.id, event, actorId, requestHash: requestHash(r), ...extra },
  });
}

function checkStep(ctx: SchoolContext, r: Row, step: Step) {
  const rule = STEPS[step];
  if (rule.by === "approver" && !mayDecide({ id: ctx.person.id, schoolRoles: ctx.schoolRoles }, r)) {
    // Seeing it is not deciding it: the requester and register readers are told plainly.
    if (r.requesterId === ctx.person.id) throw new DomainError("Nobody decides their own request.", undefined, "CONFLICT");
    throw notFoundError("That request");
  }
  if (rule.by === "requester" && r.requesterId !== ctx.person.id) throw notFoundError("That request");
  if (!rule.from.includes(r.status as never)) throw new DomainError("This request has already moved on: reload the page to see where it is.", undefined, "CONFLICT");
}

// ---------- The requester ----------

export async function submitRequest(ctx: SchoolContext, input: Input<typeof submitRequestSchema>): Promise<{ id: string }> {
  const requester = { schoolRoles: ctx.schoolRoles, staffGroup: ctx.membership?.staffGroup ?? null };
  if (!kindsFor(requester).includes(input.kind)) throw new DomainError("This kind of request is not one your role asks for.", "kind");
  const approverRoles = routeRequest(REQUEST_KINDS[input.kind], requester);
  const { id, approvers } = await withScope(scopeOf(ctx), async (tx) => {
    const r = await tx.permissionRequest.create({
      data: { schoolId: ctx.school.id, kind: input.kind, requesterId: ctx.person.id, approverRoles, details: input.details },
    });
    const h = await history(tx, r, "SUBMITTED", ctx.person.id);
    await audit(tx, ctx, "request.submitted", r.id, { kind: input.kind, approverRoles, requestHash: h.requestHash });
    return { id: r.id, approvers: await approverIds(tx, ctx.school.id, approverRoles, ctx.person.id) };
  });
  await mailPeople(approvers, (to) => requestToDecideMail(to, ctx.school, id));
  return { id };
}

export async function answerRequest(ctx: SchoolContext, input: Input<typeof answerSchema>): Promise<{ id: string }> {
  const approvers = await withScope(scopeOf(ctx), async (tx) => {
    const r = await lockRequest(tx, input.requestId);
    checkStep(ctx, r, "answer");
    let details = r.details;
    if (input.details) {
      const parsed = detailsSchema(kindOf(r.kind)!).safeParse(input.details);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new DomainError(issue.message, `details.${issue.path.join(".")}`);
      }
      details = parsed.data;
    }
    await tx.permissionRequest.update({ where: { id: r.id }, data: { status: "SUBMITTED", details: details as object } });
    const h = await history(tx, { ...r, details }, "ANSWERED", ctx.person.id, { note: input.answer });
    await audit(tx, ctx, "request.answered", r.id, { kind: r.kind, changedDetails: !!input.details, requestHash: h.requestHash });
    return approverIds(tx, ctx.school.id, r.approverRoles, ctx.person.id);
  });
  await mailPeople(approvers, (to) => requestToDecideMail(to, ctx.school, input.requestId));
  return { id: input.requestId };
}

export async function withdrawRequest(ctx: SchoolContext, input: Input<typeof withdrawSchema>): Promise<{ id: string }> {
  return withScope(scopeOf(ctx), async (tx) => {
    const r = await lockRequest(tx, input.requestId);
    checkStep(ctx, r, "withdraw");
    await tx.permissionRequest.update({ where: { id: r.id }, data: { status: "WITHDRAWN" } });
    const h = await history(tx, r, "WITHDRAWN", ctx.person.id, { note: input.note ?? null });
    await audit(tx, ctx, "request.withdrawn", r.id, { kind: r.kind, requestHash: h.requestHash });
    return { id: r.id };
  });
}

// ---------- The approver ----------

async function decide(
  ctx: SchoolContext,
  requestId: string,
  step: "approve" | "decline" | "ask" | "acknowledge",
  fill: (r: Row) => { data: Record<string, unknown>; event: PermissionRequestEvent; extra: { note?: string | null; conditions?: string | null; endsOn?: Date | null } },
): Promise<{ id: string }> {
  const requesterId = await withScope(scopeOf(ctx), async (tx) => {
    const r = await lockRequest(tx, requestId);
    checkStep(ctx, r, step);
    const kind = kindOf(r.kind)!;
    if (step === "acknowledge" && !kind.notification) throw new DomainError("This request needs a decision: approve or decline it.", undefined, "CONFLICT");
    if ((step === "approve" || step === "decline") && kind.notification) throw new DomainError("A notification is acknowledged, not approved or declined.", undefined, "CONFLICT");
    const { data, event, extra } = fill(r);
    const decided = step === "ask" ? {} : { decidedById: ctx.person.id, decidedAt: new Date() };
    await tx.permissionRequest.update({ where: { id: r.id }, data: { status: STEPS[step].to, ...decided, ...data } });
    const h = await history(tx, r, event, ctx.person.id, extra);
    await audit(tx, ctx, `request.${event.toLowerCase()}`, r.id, {
      kind: r.kind, requestHash: h.requestHash, ...(extra.endsOn ? { endsOn: extra.endsOn } : {}), ...(extra.conditions ? { conditions: extra.conditions } : {}),
    });
    return r.requesterId;
  });
  await mailPeople([requesterId], (to) => requestDecidedMail(to, ctx.school, requestId));
  return { id: requestId };
}

export function approveRequest(ctx: SchoolContext, input: Input<typeof approveRequestSchema>) {
  return decide(ctx, input.requestId, "approve", (r) => {
    const kind = kindOf(r.kind)!;
    if (kind.timeLimited && !input.endsOn) throw new DomainError("Give the date this permission ends.", "endsOn");
    if (input.endsOn && input.endsOn < londonToday()) throw new DomainError("The end date cannot be in the past.", "endsOn");
    // Only a time-limited permission runs out; an end date on any other would expire it unasked.
    const endsOn = kind.timeLimited ? input.endsOn : null;
    return {
      data: { conditions: input.conditions ?? null, endsOn, reason: null },
      event: "APPROVED",
      extra: { conditions: input.conditions ?? null, endsOn },
    };
  });
}

export function declineRequest(ctx: SchoolContext, input: Input<typeof declineRequestSchema>) {
  return decide(ctx, input.requestId, "decline", () => ({ data: { reason: input.reason }, event: "DECLINED", extra: { note: input.reason } }));
}

export function askForMore(ctx: SchoolContext, input: Input<typeof askMoreSchema>) {
  return decide(ctx, input.requestId, "ask", () => ({ data: {}, event: "MORE_INFO_ASKED", extra: { note: input.question } }));
}

export function acknowledgeRequest(ctx: SchoolContext, input: Input<typeof acknowledgeSchema>) {
  return decide(ctx, input.requestId, "acknowledge", () => ({ data: {}, event: "ACKNOWLEDGED", extra: { note: input.note ?? null } }));
}
