import "server-only";
import { db } from "@/lib/db";

export async function listSchoolAuditEvents(schoolId: string, opts: { take?: number; before?: bigint } = {}) {
  return db.auditEvent.findMany({
    where: { schoolId, ...(opts.before ? { id: { lt: opts.before } } : {}) },
    orderBy: { id: "desc" },
    take: opts.take ?? 100,
  });
}
