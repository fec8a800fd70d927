import "server-only";
import type { Tx } from "@/lib/db";
import { hashEvent, GENESIS, PLATFORM_CHAIN } from "./chain";

export type AuditInput = {
  schoolId?: string | null;
  organisationId?: string | null;
  actorId?: string | null;
  action: string;
  entityType?: string;
  entityId?: string;
  data?: Record<string, unknown>;
};

/** Appends one event to its school's chain. Call it inside the transaction that makes the change. */
export async function record(tx: Tx, input: AuditInput) {
  const chain = input.schoolId ?? PLATFORM_CHAIN;
  // Serialises writers of one chain so that two events never claim the same link.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${chain}))`;
  const last = await tx.auditEvent.findFirst({
    where: { chain },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const fields = {
    chain,
    seq: (last?.seq ?? 0) + 1,
    schoolId: input.schoolId ?? null,
    organisationId: input.organisationId ?? null,
    actorId: input.actorId ?? null,
    action: input.action,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    data: JSON.parse(JSON.stringify(input.data ?? {})),
    at: new Date(),
    prevHash: last?.hash ?? GENESIS,
  };
  return tx.auditEvent.create({ data: { ...fields, hash: hashEvent(fields) } });
}
