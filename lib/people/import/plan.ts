// The dry run's answer, computed from the checked rows and the schools' lists as they are now: who joins,
// whose appointment changes, who is unchanged, and who is proposed as a leaver. Pure: the apply recomputes it
// inside its transaction and refuses if it is not the plan the person saw (fingerprint).
import { createHash } from "node:crypto";
import type { SchoolRole, StaffGroup } from "@/generated/prisma/enums";
import { SCHOOL_ROLE_LABELS, STAFF_GROUP_LABELS } from "@/lib/authz/labels";
import { namesMatch } from "@/lib/policies/content";
import type { StaffRow } from "./csv";

export type ExistingMember = {
  id: string;
  personId: string;
  name: string;
  email: string;
  staffGroup: StaffGroup;
  jobTitle: string | null;
  roles: SchoolRole[];
  startDate: Date;
  endDate: Date | null;
};
export type ImportSchool = {
  id: string;
  slug: string;
  name: string;
  members: ExistingMember[];
  /** Whether the person importing may give or take this role in this school (mayAssignRole). */
  mayAssign: (role: SchoolRole) => boolean;
};
/** An account that is not yet in the school: whether it also belongs to another organisation (its name must then match). */
export type KnownAccount = { id: string; name: string; elsewhere: boolean };

export type AppointmentChange = { staffGroup?: StaffGroup; jobTitle?: string; roles?: SchoolRole[]; startDate?: Date };
export type PlanRow = {
  line: number;
  schoolId: string | null;
  kind: "join" | "change" | "same" | "skip" | "error";
  name: string;
  email: string;
  /** What changes, in words, for the page. */
  notes: string[];
  errors: string[];
  membershipId?: string;
  change?: AppointmentChange;
  join?: { name: string; staffGroup: StaffGroup; jobTitle: string | null; roles: SchoolRole[]; startDate: Date };
};
export type ProposedLeaver = { schoolId: string; schoolSlug: string; membershipId: string; name: string; email: string; endDate: string; why: string };
export type ImportPlan = { rows: PlanRow[]; leavers: ProposedLeaver[]; counts: Record<PlanRow["kind"] | "leave", number>; fingerprint: string };

const iso = (d: Date) => d.toISOString().slice(0, 10);
const uk = (d: Date) => d.toISOString().slice(0, 10).split("-").reverse().join("/");
const sameRoles = (a: readonly SchoolRole[], b: readonly SchoolRole[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
const roleNames = (r: readonly SchoolRole[]) => r.map((x) => SCHOOL_ROLE_LABELS[x]).join(", ") || "none";

export function planImport(input: {
  rows: StaffRow[];
  /** The school a row goes to: by its school column, or the school the import runs in. A string is why not. */
  schoolOf: (row: StaffRow) => ImportSchool | string;
  accounts: ReadonlyMap<string, KnownAccount>;
  actorId: string;
  today: Date;
}): ImportPlan {
  const rows: PlanRow[] = [];
  const inFile = new Map<string, Map<string, number>>(); // school → email → line
  const touched = new Map<string, ImportSchool>();
  const leavers: ProposedLeaver[] = [];
  const membersByEmail = new Map<string, Map<string, ExistingMember>>();
  const memberOf = (school: ImportSchool, email: string) => {
    if (!membersByEmail.has(school.id)) membersByEmail.set(school.id, new Map(school.members.map((m) => [m.email, m])));
    return membersByEmail.get(school.id)!.get(email);
  };
  for (const r of input.rows) {
    const base = { line: r.line, name: r.name, email: r.email, notes: [] as string[], errors: [...r.errors] };
    const school = input.schoolOf(r);
    if (typeof school === "string") base.errors.push(school);
    const schoolId = typeof school === "string" ? null : school.id;
    if (typeof school !== "string") {
      touched.set(school.id, school);
      const emails = inFile.get(school.id) ?? new Map<string, number>();
      inFile.set(school.id, emails);
      if (r.email && emails.has(r.email)) base.errors.push(`This email address is also on line ${emails.get(r.email)}.`);
      else if (r.email) emails.set(r.email, r.line);
    }
    if (base.errors.length > 0 || typeof school === "string") {
      rows.push({ ...base, schoolId, kind: "error" });
      continue;
    }
    const group = r.staffGroup!;
    const start = r.startDate!;
    const member = memberOf(school, r.email);
    const beyond = (roles: readonly SchoolRole[]) => roles.filter((x) => !school.mayAssign(x));
    if (member) {
      const change: AppointmentChange = {};
      if (member.staffGroup !== group) change.staffGroup = group;
      if (r.jobTitle && r.jobTitle !== member.jobTitle) change.jobTitle = r.jobTitle;
      if (r.roles && !sameRoles(r.roles, member.roles)) change.roles = r.roles;
      if (iso(start) !== iso(member.startDate)) change.startDate = start;
      const left = member.endDate !== null && member.endDate < input.today;
      if (left) {
        // A former member: the school's list keeps them as they left; coming back is added by hand.
        if (r.endDate) rows.push({ ...base, schoolId, kind: "same", notes: [`Left on ${uk(member.endDate!)}.`], membershipId: member.id });
        else rows.push({ ...base, schoolId, kind: "error", errors: [`Left this school on ${uk(member.endDate!)}: to take them back on, add them by hand.`] });
        continue;
      }
      if (r.endDate && (!member.endDate || iso(member.endDate) !== iso(r.endDate)))
        leavers.push({ schoolId: school.id, schoolSlug: school.slug, membershipId: member.id, name: member.name, email: member.email, endDate: iso(r.endDate), why: `End date ${uk(r.endDate)} in the file (line ${r.line})` });
      if (Object.keys(change).length === 0) {
        rows.push({ ...base, schoolId, kind: "same", name: member.name, membershipId: member.id });
        continue;
      }
      const errors: string[] = [];
      if (change.roles) {
        const changed = [...member.roles.filter((x) => !change.roles!.includes(x)), ...change.roles.filter((x) => !member.roles.includes(x))];
        if (member.personId === input.actorId) errors.push("This is you: your own roles are changed by another administrator. Leave your roles as they are in the file.");
        else if (beyond(changed).length) errors.push(`You cannot give or remove the role: ${roleNames(beyond(changed))}.`);
      }
      const notes: string[] = [];
      if (change.staffGroup) notes.push(`Staff group ${STAFF_GROUP_LABELS[member.staffGroup]} → ${STAFF_GROUP_LABELS[change.staffGroup]}`);
      if (change.jobTitle) notes.push(`Job title ${member.jobTitle ?? "(none)"} → ${change.jobTitle}`);
      if (change.roles) notes.push(`Roles ${roleNames(member.roles)} → ${roleNames(change.roles)}`);
      if (change.startDate) notes.push(`Start date ${uk(member.startDate)} → ${uk(change.startDate)}`);
      rows.push({ ...base, schoolId, name: member.name, kind: errors.length ? "error" : "change", notes, errors, membershipId: member.id, change });
      continue;
    }
    if (r.endDate && r.endDate < input.today) {
      rows.push({ ...base, schoolId, kind: "skip", notes: [`Left on ${uk(r.endDate)}, before today: not added.`] });
      continue;
    }
    const roles = r.roles ?? ["STAFF"];
    const account = input.accounts.get(r.email);
    const errors: string[] = [];
    if (account?.id === input.actorId) errors.push("This is you: you cannot add yourself. Ask another administrator.");
    else if (account?.elsewhere && !namesMatch(r.name, account.name))
      errors.push("This email address is already in use under another name. Check their full name and email address with them.");
    if (beyond(roles).length) errors.push(`You cannot give the role: ${roleNames(beyond(roles))}.`);
    // An account this organisation already knows keeps its name (as adding by hand does).
    const name = account && !account.elsewhere ? account.name : r.name;
    const notes = [`${STAFF_GROUP_LABELS[group]}${r.jobTitle ? `, ${r.jobTitle}` : ""}; roles ${roleNames(roles)}; starts ${uk(start)}`];
    if (r.endDate) notes.push(`End date ${uk(r.endDate)}: proposed as a leaving date once they are added.`);
    rows.push({ ...base, schoolId, name, kind: errors.length ? "error" : "join", notes, errors, join: { name, staffGroup: group, jobTitle: r.jobTitle, roles, startDate: start } });
  }
  for (const school of touched.values()) {
    const emails = inFile.get(school.id)!;
    for (const m of school.members) {
      const current = m.endDate === null || m.endDate >= input.today;
      if (!current || emails.has(m.email) || m.personId === input.actorId) continue;
      leavers.push({ schoolId: school.id, schoolSlug: school.slug, membershipId: m.id, name: m.name, email: m.email, endDate: iso(input.today), why: "Not in the file" });
    }
  }
  const counts = { join: 0, change: 0, same: 0, skip: 0, error: 0, leave: leavers.length };
  for (const r of rows) counts[r.kind]++;
  return { rows, leavers, counts, fingerprint: fingerprintOf(rows) };
}

/** What the apply will write: the same file against a list that has changed since gives another value. */
function fingerprintOf(rows: PlanRow[]): string {
  const writes = rows.filter((r) => r.kind === "join" || r.kind === "change").map((r) => [r.line, r.schoolId, r.kind, r.membershipId ?? null, r.join ?? null, r.change ?? null]);
  return createHash("sha256").update(JSON.stringify(writes)).digest("hex");
}
