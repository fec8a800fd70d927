import "server-only";
import { db } from "@/lib/db";

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
