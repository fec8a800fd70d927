import "server-only";
import { db } from "@/lib/db";
import { record } from "@/lib/audit/record";
import { londonToday } from "@/lib/dates";
import type { SchoolRole } from "@/generated/prisma/enums";
import { requestHash } from "./hash";
import { forEachJobSchool, total } from "@/lib/jobs/scope";

export const REQUEST_EXPIRY_JOB = "request-expiry";

/**
 * The daily job (lib/jobs/scheduler.ts): an approved time-limited permission whose end date has passed
 * (the end date is its last day, London time) becomes expired, with a history row and an audit event
 * by nobody. Each school in its own scope (lib/jobs/scope.ts); each request in its own transaction,
 * locked and re-read, so a run racing a withdrawal changes nothing twice.
 * `schoolIds` limits it to some schools (tests share one database).
 */
export async function runRequestExpiry(now = new Date(), opts: { schoolIds?: string[] } = {}): Promise<{ expired: number }> {
  const today = londonToday(now);
  const { results, errors } = await forEachJobSchool("request expiry", opts.schoolIds, (school) => expireInSchool(school.id, today));
  // The other schools went on; the run still fails, so the runner tries again.
  if (errors.length) throw errors[0];
  return { expired: total(results, (n) => n) };
}

async function expireInSchool(schoolId: string, today: Date): Promise<number> {
  const due = await db.permissionRequest.findMany({
    where: { schoolId, status: "APPROVED", endsOn: { lt: today } },
    select: { id: true },
  });
  let expired = 0;
  for (const { id } of due) {
    const done = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; schoolId: string; kind: string; requesterId: string; approverRoles: SchoolRole[]; details: unknown; createdAt: Date; status: string; endsOn: Date | null; organisationId: string }[]>`
        SELECT r.id, r."schoolId", r.kind, r."requesterId", r."approverRoles"::text[] AS "approverRoles", r.details, r."createdAt",
               r.status::text AS status, r."endsOn", s."organisationId"
        FROM "PermissionRequest" r JOIN "School" s ON s.id = r."schoolId" WHERE r.id = ${id} FOR UPDATE OF r`;
      const r = rows[0];
      if (!r || r.status !== "APPROVED" || !r.endsOn || r.endsOn >= today) return false;
      await tx.permissionRequest.update({ where: { id }, data: { status: "EXPIRED" } });
      const hash = requestHash(r);
      await tx.permissionRequestHistory.create({ data: { schoolId: r.schoolId, requestId: id, event: "EXPIRED", actorId: null, requestHash: hash, endsOn: r.endsOn } });
      await record(tx, {
        schoolId: r.schoolId, organisationId: r.organisationId, actorId: null, action: "request.expired",
        entityType: "PermissionRequest", entityId: id, data: { kind: r.kind, endsOn: r.endsOn, requestHash: hash },
      });
      return true;
    });
    if (done) expired++;
  }
  return expired;
}
