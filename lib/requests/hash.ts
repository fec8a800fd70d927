import { createHash } from "node:crypto";
import { canonical } from "@/lib/audit/canonical";

export type HashedRequest = {
  id: string;
  schoolId: string;
  kind: string;
  requesterId: string;
  approverRoles: readonly string[];
  details: unknown;
  createdAt: Date;
};

/**
 * SHA-256 of the request as it stands, over the canonical JSON the audit chain uses (sorted keys, UTC
 * times). Each history row stores it, so what was agreed can be shown to be exactly these words.
 */
export function requestHash(r: HashedRequest): string {
  const body = { id: r.id, schoolId: r.schoolId, kind: r.kind, requesterId: r.requesterId, approverRoles: [...r.approverRoles], details: r.details, createdAt: r.createdAt };
  return createHash("sha256").update(canonical(body)).digest("hex");
}
