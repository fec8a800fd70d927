// The shapes queries.ts returns to pages. No Prisma types leak out: pages and components only see these.
import type { IncidentCategory, IncidentStatus, IncidentOutcome, ChronologyKind, BreachType, BreachRisk, SchoolRole, OrgRole } from "@/generated/prisma/enums";
import type { BreachTimeLeft } from "./breach-clock";

export type { IncidentCategory, IncidentStatus, IncidentOutcome, ChronologyKind, BreachType, BreachRisk };

/** A register row for a handler. Subjects' names are not in the row: the detail page shows them. */
export type IncidentRow = {
  id: string;
  reference: string;
  category: IncidentCategory;
  status: IncidentStatus;
  createdAt: Date;
  awareAt: Date;
  leadName: string | null;
  /** Set for breaches not yet decided. */
  breachClock: BreachTimeLeft | null;
  urgentUnacknowledged: boolean;
};

export type IncidentCounts = {
  total: number;
  byStatus: Record<IncidentStatus, number>;
  byCategory: Partial<Record<IncidentCategory, number>>;
};

export type IncidentList = { rows: IncidentRow[]; counts: IncidentCounts };

/** "My reports": what a reporter may know about their own reports. */
export type MyReportRow = { id: string; reference: string; category: IncidentCategory; status: IncidentStatus; createdAt: Date };

export type PersonRef = { id: string; name: string };

export type ChronologyItem = {
  id: string;
  kind: ChronologyKind;
  note: string;
  at: Date;
  author: PersonRef | null;
};

export type BreachRecordView = {
  breachType: BreachType | null;
  personalData: string | null;
  peopleAffected: number | null;
  recordsAffected: number | null;
  consequences: string | null;
  risk: BreachRisk | null;
  remedialAction: string | null;
  subjectsInformed: boolean | null;
  subjectsInformedOn: Date | null;
  decided: boolean;
  reported: boolean | null;
  icoReportedOn: Date | null;
  icoReference: string | null;
  notReportedReason: string | null;
  decidedAt: Date | null;
  decidedBy: PersonRef | null;
  clock: BreachTimeLeft;
};

export type HandlerView = {
  view: "handler";
  id: string;
  reference: string;
  category: IncidentCategory;
  status: IncidentStatus;
  description: string;
  occurredAt: Date | null;
  awareAt: Date;
  createdAt: Date;
  location: string | null;
  pupilRefs: string | null;
  immediateAction: string | null;
  reporter: PersonRef;
  subjects: (PersonRef & { jobTitle: string | null })[];
  lead: PersonRef | null;
  routedRoles: SchoolRole[];
  routedOrgRoles: OrgRole[];
  outcome: IncidentOutcome | null;
  outcomeSummary: string | null;
  closedAt: Date | null;
  chronology: ChronologyItem[];
  /** Handlers who have opened it, first time each. */
  readers: (PersonRef & { firstReadAt: Date })[];
  /** People who may be made lead: the current handlers. */
  handlers: PersonRef[];
  urgentUnacknowledged: boolean;
  breach: BreachRecordView | null;
};

export type ReporterView = {
  view: "reporter";
  id: string;
  reference: string;
  category: IncidentCategory;
  status: IncidentStatus;
  description: string;
  occurredAt: Date | null;
  awareAt: Date;
  createdAt: Date;
  location: string | null;
  pupilRefs: string | null;
  immediateAction: string | null;
};

export type IncidentView = HandlerView | ReporterView;

export type SubjectOption = { id: string; name: string; jobTitle: string | null };

export type UrgentItem = { id: string; reference: string };

export type BreachRegisterRow = {
  id: string;
  reference: string;
  awareAt: Date;
  status: IncidentStatus;
  breachType: BreachType | null;
  personalData: string | null;
  peopleAffected: number | null;
  recordsAffected: number | null;
  risk: BreachRisk | null;
  subjectsInformed: boolean | null;
  subjectsInformedOn: Date | null;
  reported: boolean | null;
  icoReportedOn: Date | null;
  icoReference: string | null;
  notReportedReason: string | null;
  decidedAt: Date | null;
  decidedWithin72h: boolean | null;
};
