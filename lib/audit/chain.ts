import { createHash } from "node:crypto";
import { canonical } from "./canonical";

export const GENESIS = "0".repeat(64);
export const PLATFORM_CHAIN = "platform";
/** Events with no school but an organisation (a member's sign-in, sign-out everywhere…) chain per organisation. */
export const organisationChain = (organisationId: string) => `org:${organisationId}`;
/** The organisation whose own chain this is, or null for a school's chain or the platform's. */
export const organisationOfChain = (chain: string) => (chain.startsWith("org:") ? chain.slice(4) : null);

export type ChainedFields = {
  chain: string;
  seq: number;
  schoolId: string | null;
  organisationId: string | null;
  actorId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  data: unknown;
  at: Date;
  prevHash: string;
};

export function hashEvent(e: ChainedFields): string {
  return createHash("sha256")
    .update(
      canonical({
        chain: e.chain,
        seq: e.seq,
        schoolId: e.schoolId,
        organisationId: e.organisationId,
        actorId: e.actorId,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        data: e.data,
        at: e.at,
        prevHash: e.prevHash,
      }),
    )
    .digest("hex");
}

export type BrokenLink = { chain: string; seq: number; id: string; reason: string };

/** Where a walk starts: the genesis, or a verified event (a checkpoint, or the end of the previous batch). */
export type ChainPoint = { seq: number; hash: string };
export const CHAIN_START: ChainPoint = { seq: 0, hash: GENESIS };

/** Walks one chain in seq order from `from` and names the first row whose link or hash does not hold. */
export function findBrokenLink(rows: (ChainedFields & { id: bigint | string; hash: string })[], from: ChainPoint = CHAIN_START): BrokenLink | null {
  let prev = from.hash;
  let expectedSeq = from.seq + 1;
  for (const row of rows) {
    const id = String(row.id);
    if (row.seq !== expectedSeq) return { chain: row.chain, seq: row.seq, id, reason: `expected sequence ${expectedSeq}` };
    if (row.prevHash !== prev) return { chain: row.chain, seq: row.seq, id, reason: "previous hash does not match" };
    if (hashEvent(row) !== row.hash) return { chain: row.chain, seq: row.seq, id, reason: "content does not match its hash" };
    prev = row.hash;
    expectedSeq++;
  }
  return null;
}
