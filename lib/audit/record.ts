import "server-only";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/generated/prisma/client";
import { hashEvent, GENESIS, PLATFORM_CHAIN, organisationChain } from "./chain";

export type AuditInput = {
  schoolId?: string | null;
  organisationId?: string | null;
  actorId?: string | null;
  action: string;
  entityType?: string;
  entityId?: string;
  data?: Record<string, unknown>;
};

/**
 * The organisation an event with no school belongs to: the one given, or else the actor's (the
 * organisation of their first membership, or of their first organisation role). Sign-ins name no
 * school; putting them on their organisation's chain means one trust's sign-ins never queue behind
 * another's lock (docs/decisions/0011-audit-log-at-scale.md). Null for strangers (unknown emails).
 */
async function organisationOf(tx: Tx, input: AuditInput): Promise<string | null> {
  if (input.organisationId) return input.organisationId;
  if (!input.actorId) return null;
  // A database function: with no school in scope the actor's memberships are not readable here.
  const rows = await tx.$queryRaw<{ organisationId: string | null }[]>`SELECT audit_actor_organisation(${input.actorId}) AS "organisationId"`;
  return rows[0]?.organisationId ?? null;
}

/**
 * Appends one event to its chain: the school's; with no school, its organisation's (see organisationOf);
 * with neither, the platform chain. Call it inside the transaction that makes the change.
 */
export async function record(tx: Tx, input: AuditInput) {
  const organisationId = input.schoolId ? (input.organisationId ?? null) : await organisationOf(tx, input);
  const chain = input.schoolId ?? (organisationId ? organisationChain(organisationId) : PLATFORM_CHAIN);
  // Serialises writers of one chain so that two events never claim the same link.
  await tx.$executeRaw`SELECT ${chainLockSql(chain)}`;
  const last = await chainHead(tx, chain);
  const row = link(input, chain, organisationId, last);
  if (row.schoolId) return tx.auditEvent.create({ data: row });
  // An event with no school is written outside any school's scope (a sign-in), where row-level security
  // lets it be appended but not read back: so no RETURNING, and the id from the sequence instead.
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" (chain, seq, "schoolId", "organisationId", "actorId", action, "entityType", "entityId", data, at, "prevHash", hash)
    VALUES (${row.chain}, ${row.seq}, NULL, ${row.organisationId}, ${row.actorId}, ${row.action}, ${row.entityType}, ${row.entityId},
      ${JSON.stringify(row.data)}::jsonb, ${row.at}, ${row.prevHash}, ${row.hash})`;
  const [{ id }] = await tx.$queryRaw<{ id: bigint }[]>`SELECT currval(pg_get_serial_sequence('"AuditEvent"', 'id')) AS id`;
  return { id, ...row };
}

/**
 * The chain's last seq and hash. Through a database function because the appender may not read the
 * chain itself: a sign-in runs in no scope, and row-level security hides an organisation's chain then.
 */
async function chainHead(tx: Tx, chain: string): Promise<{ seq: number; hash: string } | null> {
  const rows = await tx.$queryRaw<{ seq: number; hash: string }[]>`SELECT seq, hash FROM audit_chain_head(${chain})`;
  return rows[0] ?? null;
}

/**
 * A chain's lock, as an expression: record() and recordMany() select it alone; a hot path (the signing)
 * folds it into a statement of its own, where it is evaluated once per row, and must then read the head in
 * a later statement, whose snapshot is taken after the lock is held.
 */
export const chainLockSql = (chain: string) => Prisma.sql`pg_advisory_xact_lock(hashtext(${chain}))`;

/** The next link of a chain after `last`: the row to insert, its hash computed. */
export function link(input: AuditInput, chain: string, organisationId: string | null, last: { seq: number; hash: string } | null) {
  const fields = {
    chain,
    seq: (last?.seq ?? 0) + 1,
    schoolId: input.schoolId ?? null,
    organisationId,
    actorId: input.actorId ?? null,
    action: input.action,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    data: JSON.parse(JSON.stringify(input.data ?? {})),
    at: new Date(),
    prevHash: last?.hash ?? GENESIS,
  };
  return { ...fields, hash: hashEvent(fields) };
}

/**
 * Appends several events of one school to its chain in one INSERT, each linked to the one before, as
 * calling record() for each would (the staff import adds thousands of people in one transaction).
 */
export async function recordMany(tx: Tx, school: { id: string; organisationId: string }, inputs: Omit<AuditInput, "schoolId" | "organisationId">[]) {
  if (inputs.length === 0) return;
  await tx.$executeRaw`SELECT ${chainLockSql(school.id)}`;
  let last = await chainHead(tx, school.id);
  const rows = inputs.map((input) => {
    const row = link({ ...input, schoolId: school.id, organisationId: school.organisationId }, school.id, school.organisationId, last);
    last = row;
    return row;
  });
  // One INSERT … SELECT FROM unnest(): a column per parameter rather than 13 parameters a row, which the
  // client builds and the server parses about ten times faster for thousands of rows.
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await tx.$executeRaw`
    INSERT INTO "AuditEvent" (chain, seq, "schoolId", "organisationId", "actorId", action, "entityType", "entityId", data, at, "prevHash", hash)
    SELECT * FROM unnest(${col("chain")}::text[], ${col("seq")}::int[], ${col("schoolId")}::text[], ${col("organisationId")}::text[],
      ${col("actorId")}::text[], ${col("action")}::text[], ${col("entityType")}::text[], ${col("entityId")}::text[],
      ${rows.map((r) => JSON.stringify(r.data))}::jsonb[], ${rows.map((r) => r.at.toISOString())}::timestamptz[], ${col("prevHash")}::text[], ${col("hash")}::text[])`;
}
