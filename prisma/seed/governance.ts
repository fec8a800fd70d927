// Demo data for the governors' summaries: the figures themselves come from the other domains' demo data
// (policies and declarations, incidents, equipment, all in every demo school); what is added here is a
// verified audit checkpoint for every school, as the nightly check would leave, so the summary can say
// the record is intact without waiting a night. The trustee account is in people.ts.
import type { PrismaClient } from "../../generated/prisma/client";
import { verifyAuditLog } from "../../lib/audit/verify";

export async function seedGovernance(db: PrismaClient): Promise<number> {
  const schools = await db.school.findMany({ select: { id: true } });
  for (const s of schools) {
    const { broken } = await verifyAuditLog(s.id);
    if (broken) throw new Error(`The demo audit chain of ${s.id} is broken at ${broken.seq}`);
  }
  return schools.length;
}
