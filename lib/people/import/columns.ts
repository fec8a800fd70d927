// What a school MIS export calls its columns and values, as plain data (tested as a table in
// tests/unit/staff-import.test.ts). Headers and values are compared lower-cased with spaces squeezed.
import type { SchoolRole, StaffGroup } from "@/generated/prisma/enums";

export const IMPORT_FIELDS = ["name", "forename", "surname", "email", "staffGroup", "roles", "jobTitle", "startDate", "endDate", "school"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Which field each column of the file holds: field → header (normalised), absent when not in the file. */
export type ColumnMapping = Partial<Record<ImportField, string>>;

export const FIELD_LABELS: Record<ImportField, string> = {
  name: "Full name",
  forename: "Forename",
  surname: "Surname",
  email: "Email",
  staffGroup: "Staff group",
  roles: "School roles",
  jobTitle: "Job title",
  startDate: "Start date",
  endDate: "End date",
  school: "School (URN or web address name)",
};

/** Headers SIMS, Arbor, Bromcom and hand-made spreadsheets use, first match wins. */
const HEADER_GUESSES: Record<ImportField, readonly string[]> = {
  name: ["name", "full name", "staff name", "display name", "employee name"],
  forename: ["forename", "first name", "legal forename", "preferred forename", "given name", "firstname"],
  surname: ["surname", "last name", "legal surname", "preferred surname", "family name", "lastname"],
  email: ["email", "email address", "work email", "work email address", "school email", "e-mail"],
  staffGroup: ["staff group", "staff type", "staff category", "category", "employment type", "post type", "role"],
  roles: ["school roles", "roles", "responsibilities", "ict roles"],
  jobTitle: ["job title", "post", "position", "job", "title of post"],
  startDate: ["start date", "employment start date", "date started", "started", "contract start date"],
  endDate: ["end date", "leaving date", "employment end date", "date left", "contract end date"],
  school: ["school", "school urn", "urn", "establishment", "school slug"],
};

export const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/\s+/g, " ");

/** A first mapping for a file nobody has mapped yet: each field to the first header that names it. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const present = new Set(headers.map(normaliseHeader));
  const out: ColumnMapping = {};
  const taken = new Set<string>();
  for (const field of IMPORT_FIELDS) {
    const hit = HEADER_GUESSES[field].find((g) => present.has(g) && !taken.has(g));
    if (hit) {
      out[field] = hit;
      taken.add(hit);
    }
  }
  return out;
}

/** A remembered mapping applies to this file only where its headers are still there. */
export function mappingFor(headers: readonly string[], remembered: ColumnMapping | null): ColumnMapping {
  const guess = guessMapping(headers);
  if (!remembered) return guess;
  const present = new Set(headers.map(normaliseHeader));
  const kept = Object.fromEntries(Object.entries(remembered).filter(([, h]) => h && present.has(h))) as ColumnMapping;
  return Object.keys(kept).length > 0 ? kept : guess;
}

/** The mapping is usable: an email, a name (whole, or forename and surname), a staff group and a start date. */
export function mappingProblems(m: ColumnMapping): string[] {
  const out: string[] = [];
  if (!m.email) out.push("Choose the column that holds the email address.");
  if (!m.name && !(m.forename && m.surname)) out.push("Choose the column with the full name, or the forename and surname columns.");
  if (!m.staffGroup) out.push("Choose the column that holds the staff group.");
  if (!m.startDate) out.push("Choose the column that holds the start date.");
  const used = Object.values(m).filter(Boolean);
  if (new Set(used).size !== used.length) out.push("Each column can hold one field only.");
  return out;
}

const squeeze = (v: string) => v.trim().toLowerCase().replace(/[\s_]+/g, " ");

export const STAFF_GROUP_VALUES: Record<string, StaffGroup> = {
  teacher: "TEACHER", teachers: "TEACHER", "teaching staff": "TEACHER", teaching: "TEACHER", "class teacher": "TEACHER",
  "teaching assistant": "TEACHING_ASSISTANT", ta: "TEACHING_ASSISTANT", hlta: "TEACHING_ASSISTANT", "learning support": "TEACHING_ASSISTANT",
  "learning support assistant": "TEACHING_ASSISTANT", lsa: "TEACHING_ASSISTANT",
  support: "SUPPORT", "support staff": "SUPPORT", "non-teaching": "SUPPORT", "non teaching": "SUPPORT", "site staff": "SUPPORT", premises: "SUPPORT",
  office: "OFFICE", "office staff": "OFFICE", admin: "OFFICE", administrative: "OFFICE", administration: "OFFICE",
  supply: "SUPPLY", "supply / agency": "SUPPLY", agency: "SUPPLY", "supply teacher": "SUPPLY",
  volunteer: "VOLUNTEER", volunteers: "VOLUNTEER",
  contractor: "CONTRACTOR", contractors: "CONTRACTOR",
  governor: "GOVERNOR", governors: "GOVERNOR",
  visitor: "VISITOR", visitors: "VISITOR",
};

export const ROLE_VALUES: Record<string, SchoolRole> = {
  headteacher: "HEADTEACHER", "head teacher": "HEADTEACHER", head: "HEADTEACHER", principal: "HEADTEACHER",
  "deputy head": "DEPUTY_HEAD", "deputy headteacher": "DEPUTY_HEAD", "deputy head teacher": "DEPUTY_HEAD",
  dsl: "DSL", "designated safeguarding lead": "DSL",
  "deputy dsl": "DEPUTY_DSL", ddsl: "DEPUTY_DSL",
  "ict lead": "ICT_LEAD", "ict leader": "ICT_LEAD", "computing lead": "ICT_LEAD",
  "business manager": "BUSINESS_MANAGER", sbm: "BUSINESS_MANAGER", "school business manager": "BUSINESS_MANAGER",
  dpo: "DPO", "data protection officer": "DPO",
  "chair of governors": "CHAIR_OF_GOVERNORS", chair: "CHAIR_OF_GOVERNORS",
  governor: "GOVERNOR",
  staff: "STAFF",
};

export function staffGroupOf(value: string): StaffGroup | null {
  return STAFF_GROUP_VALUES[squeeze(value)] ?? null;
}

/** "DSL; ICT lead" → roles, or the values it could not read. Separated by ; | / or commas. */
export function rolesOf(value: string): { roles: SchoolRole[]; unknown: string[] } {
  const roles: SchoolRole[] = [];
  const unknown: string[] = [];
  for (const part of value.split(/[;|/,]/).map((p) => p.trim()).filter(Boolean)) {
    const r = ROLE_VALUES[squeeze(part)];
    if (r) roles.push(r);
    else unknown.push(part);
  }
  return { roles: [...new Set(roles)].sort(), unknown };
}
