import "server-only";
import type { MonitoringKind, MonitoringGround, MonitoringStatus, MonitoringDecisionKind } from "@/generated/prisma/enums";
import type { Tx } from "@/lib/db";
import type { SchoolContext } from "@/lib/authz/access";
import { withScope, scopeOf } from "@/lib/db/scope";

// Every read of an authorisation runs through withScope: PostgreSQL's row-level security decides what
// exists for this person (its requester and its deciders; never its subject). The code below only adds
// who may do what with a row they can already see.

export type AuthorisationRow = {
  id: string;
  subjectName: string;
  requesterName: string;
  status: MonitoringStatus;
  kinds: MonitoringKind[];
  startsOn: Date;
  endsOn: Date;
  createdAt: Date;
  awaitingYou: boolean;
};

export type AuthorisationView = Omit<AuthorisationRow, "awaitingYou"> & {
  grounds: MonitoringGround[];
  necessity: string;
  alternatives: string;
  dpiaReference: string | null;
  endedAt: Date | null;
  requesterId: string;
  deciders: { id: string; name: string }[];
  decision: { decision: MonitoringDecisionKind; reason: string | null; deciderName: string; decidedAt: Date; sha256: string } | null;
  outcome: { found: string; actionTaken: string; recordedByName: string; recordedAt: Date } | null;
  mayDecide: boolean;
  mayRecordOutcome: boolean;
};

/** The authorisations of this school this person may see (for the audit page's filter). */
export async function visibleMonitoringIds(ctx: SchoolContext): Promise<string[]> {
  return withScope(scopeOf(ctx), async (tx) =>
    (await tx.monitoringAuthorisation.findMany({ where: { schoolId: ctx.school.id }, select: { id: true } })).map((r) => r.id),
  );
}

export async function mayDecide(tx: Tx, authorisationId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ ok: boolean }[]>`SELECT monitoring_may_decide(${authorisationId}) AS ok`;
  return rows[0]?.ok === true;
}

/** Its deciders now, by the same SQL rule the database applies (never its requester or its subject). */
export async function deciderIdsOf(tx: Tx, authorisationId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT d AS id FROM monitoring_deciders_of(${authorisationId}) d`;
  return rows.map((r) => r.id);
}

/** The register: what this person may see, those awaiting their decision first, then newest first. */
export async function listAuthorisations(ctx: SchoolContext): Promise<AuthorisationRow[]> {
  return withScope(scopeOf(ctx), async (tx) => {
    // An enum array comes back from a raw query as one string ("{EMAIL,FILES}") unless cast to text[].
    const rows = await tx.$queryRaw<(Omit<AuthorisationRow, "awaitingYou"> & { mayDecide: boolean })[]>`
      SELECT a.id, s.name AS "subjectName", r.name AS "requesterName", a.status, a.kinds::text[] AS kinds, a."startsOn", a."endsOn", a."createdAt",
             monitoring_may_decide(a.id) AS "mayDecide"
      FROM "MonitoringAuthorisation" a
        JOIN "Person" s ON s.id = a."subjectId"
        JOIN "Person" r ON r.id = a."requesterId"
      WHERE a."schoolId" = ${ctx.school.id}
      ORDER BY a."createdAt" DESC
      LIMIT 500`;
    const out = rows.map(({ mayDecide: may, ...r }) => ({ ...r, awaitingYou: may && r.status === "AWAITING" }));
    return [...out.filter((r) => r.awaitingYou), ...out.filter((r) => !r.awaitingYou)];
  });
}

/** One authorisation, or null ("not found") when it does not exist for this person: its subject gets null. */
export async function getAuthorisation(ctx: SchoolContext, authorisationId: string): Promise<AuthorisationView | null> {
  if (typeof authorisationId !== "string" || authorisationId.length === 0 || authorisationId.length > 64) return null;
  return withScope(scopeOf(ctx), async (tx) => {
    const a = await tx.monitoringAuthorisation.findFirst({
      where: { id: authorisationId, schoolId: ctx.school.id },
      include: {
        subject: { select: { name: true } },
        requester: { select: { name: true } },
        decision: { include: { decider: { select: { name: true } } } },
        outcome: { include: { recordedBy: { select: { name: true } } } },
      },
    });
    if (!a) return null;
    const [deciderIds, may] = await Promise.all([deciderIdsOf(tx, a.id), mayDecide(tx, a.id)]);
    const deciders = await tx.person.findMany({ where: { id: { in: deciderIds } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
    return {
      id: a.id,
      subjectName: a.subject.name,
      requesterName: a.requester.name,
      requesterId: a.requesterId,
      status: a.status,
      kinds: a.kinds,
      grounds: a.grounds,
      necessity: a.necessity,
      alternatives: a.alternatives,
      dpiaReference: a.dpiaReference,
      startsOn: a.startsOn,
      endsOn: a.endsOn,
      createdAt: a.createdAt,
      endedAt: a.endedAt,
      deciders,
      decision: a.decision
        ? { decision: a.decision.decision, reason: a.decision.reason, deciderName: a.decision.decider.name, decidedAt: a.decision.decidedAt, sha256: a.decision.sha256 }
        : null,
      outcome: a.outcome
        ? { found: a.outcome.found, actionTaken: a.outcome.actionTaken, recordedByName: a.outcome.recordedBy.name, recordedAt: a.outcome.recordedAt }
        : null,
      mayDecide: may && a.status === "AWAITING",
      mayRecordOutcome: !a.outcome && (a.status === "APPROVED" || a.status === "ENDED"),
    };
  });
}

// The school's active people other than the one asking: the same list the incident form offers.
export { reportFormOptions as subjectOptions } from "@/lib/incidents/queries";
