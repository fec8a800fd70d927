import { createHash } from "node:crypto";
import { canonical } from "@/lib/audit/canonical";

// What a decider agreed to is the authorisation as it stood when they decided: its canonical JSON is
// stored with the decision and hashed, so a later change (which the database refuses anyway) could be
// shown not to be what was approved.

export type AuthorisationRecord = {
  id: string;
  schoolId: string;
  requesterId: string;
  subjectId: string;
  kinds: string[];
  grounds: string[];
  necessity: string;
  alternatives: string;
  dpiaReference: string | null;
  startsOn: Date;
  endsOn: Date;
  createdAt: Date;
};

export function authorisationSnapshot(a: AuthorisationRecord): Record<string, string | string[] | null> {
  return {
    id: a.id,
    schoolId: a.schoolId,
    requesterId: a.requesterId,
    subjectId: a.subjectId,
    kinds: [...a.kinds].sort(),
    grounds: [...a.grounds].sort(),
    necessity: a.necessity,
    alternatives: a.alternatives,
    dpiaReference: a.dpiaReference,
    startsOn: a.startsOn.toISOString().slice(0, 10),
    endsOn: a.endsOn.toISOString().slice(0, 10),
    requestedAt: a.createdAt.toISOString(),
  };
}

export function snapshotHash(snapshot: unknown): string {
  return createHash("sha256").update(canonical(snapshot), "utf8").digest("hex");
}
