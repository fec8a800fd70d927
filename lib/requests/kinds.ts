// The kinds of permission request, as plain data tested as a table (tests/unit/request-kinds.test.ts).
// Each is a sentence of the schools' policies that says "only with the approval of …" (seeds 000–004):
// who approves it, what the requester must tell them, and whether the permission runs out (an end date)
// or is a notification the Head acknowledges. Who may decide one request is routeRequest() below; the
// roles it returns are stored on the request, and SQL checks them again (docs/decisions/0017).
import { z } from "zod";
import type { SchoolRole, StaffGroup } from "@/generated/prisma/enums";
import { parseDateInput } from "@/lib/dates";

export type FieldType = "text" | "textarea" | "date" | "time" | "confirm";
export type RequestField = { name: string; label: string; type: FieldType; hint?: string; optional?: boolean };

export type RequestKind = {
  label: string;
  /** One line under the choice on the form: what the policy says. */
  hint: string;
  seeds: readonly string[];
  /** The roles that decide it, unless the requester's staff group has its own (approversByGroup). */
  approvers: readonly SchoolRole[];
  approversByGroup?: Partial<Record<StaffGroup, readonly SchoolRole[]>>;
  /** Only these staff groups ask for it (a teacher phones a parent without asking). */
  onlyFor?: readonly StaffGroup[];
  /** A notification is acknowledged, not approved or declined. */
  notification: boolean;
  /** Approved until an end date, after which it expires (the daily job). */
  timeLimited: boolean;
  /** The field whose date the approver is offered as the end date. */
  untilField?: string;
  fields: readonly RequestField[];
};

const HEAD: readonly SchoolRole[] = ["HEADTEACHER"];
// The seeds' "SLT": the Head and the deputy (the federation's Head of School holds DEPUTY_HEAD).
const SLT: readonly SchoolRole[] = ["HEADTEACHER", "DEPUTY_HEAD"];

const purpose: RequestField = { name: "purpose", label: "What is it for?", type: "textarea" };
const from: RequestField = { name: "fromDate", label: "From", type: "date" };
const until: RequestField = { name: "untilDate", label: "Until", type: "date", hint: "The last day you need it." };

export const REQUEST_KINDS = {
  PERSONAL_USE: {
    label: "Personal use of school ICT",
    hint: "Using school computers, email or the internet for something personal needs the Headteacher's permission.",
    seeds: ["000", "002"],
    approvers: HEAD,
    notification: false,
    timeLimited: true,
    untilField: "untilDate",
    fields: [{ name: "what", label: "What would you use, and how?", type: "textarea" }, purpose, from, until],
  },
  INSTALL_SOFTWARE: {
    label: "Installing software or hardware",
    hint: "Nothing is installed or connected to school equipment without the ICT lead's agreement.",
    seeds: ["000", "001", "003"],
    approvers: ["ICT_LEAD"],
    notification: false,
    timeLimited: false,
    fields: [
      { name: "item", label: "Software or hardware", type: "text", hint: "Its name and version or model." },
      { name: "device", label: "Which device or room", type: "text" },
      purpose,
    ],
  },
  PERSONAL_DEVICE_REMOTE: {
    label: "Using a personal device or working remotely with school data",
    hint: "School data on a personal device, or worked on away from school, only with the Headteacher's permission.",
    seeds: ["000", "002"],
    approvers: HEAD,
    notification: false,
    timeLimited: true,
    untilField: "untilDate",
    fields: [
      { name: "device", label: "Device", type: "text", hint: "For example, your own laptop or phone." },
      { name: "data", label: "Which school data", type: "textarea" },
      { name: "safeguards", label: "How it will be kept safe", type: "textarea", hint: "Password, encryption, no copies kept." },
      from,
      until,
    ],
  },
  DATA_OFF_SITE: {
    label: "Taking personal data off site",
    hint: "Personal data leaves the school only with the Headteacher's permission, and only encrypted.",
    seeds: ["000", "002"],
    approvers: HEAD,
    notification: false,
    timeLimited: true,
    untilField: "untilDate",
    fields: [
      { name: "data", label: "Which personal data", type: "textarea" },
      { name: "where", label: "Where it will go", type: "text" },
      { name: "safeguards", label: "How it will be protected", type: "textarea", hint: "For example, an encrypted school memory stick." },
      from,
      until,
    ],
  },
  CAMERA_OFF_SITE: {
    label: "Taking a school camera off site",
    hint: "A school camera leaves the site (a trip, a visit) only with the Headteacher's or Head of School's agreement.",
    seeds: ["003"],
    approvers: SLT,
    notification: false,
    timeLimited: true,
    untilField: "untilDate",
    fields: [
      { name: "destination", label: "Where are you going?", type: "text" },
      { name: "fromDate", label: "Leaving on", type: "date" },
      { name: "untilDate", label: "Back on", type: "date" },
      { name: "camera", label: "Which camera", type: "text", hint: "Its tag, if you know it.", optional: true },
      purpose,
    ],
  },
  RECORDING_EQUIPMENT: {
    label: "Bringing personal recording equipment into school",
    hint: "Personal cameras or recorders come into school only with the Headteacher's permission.",
    seeds: ["000"],
    approvers: HEAD,
    notification: false,
    timeLimited: true,
    untilField: "untilDate",
    fields: [{ name: "equipment", label: "Equipment", type: "text" }, purpose, from, until],
  },
  VISITOR_WIFI: {
    label: "Wi-Fi for a visitor or parent",
    hint: "Only for someone here in an official capacity, or who needs it for their visit; the Headteacher decides.",
    seeds: ["002"],
    approvers: HEAD,
    notification: false,
    timeLimited: true,
    untilField: "untilDate",
    fields: [
      { name: "visitor", label: "Visitor's name and organisation", type: "text" },
      { name: "capacity", label: "Their official capacity, or why they need it for the visit", type: "textarea" },
      from,
      until,
    ],
  },
  STAFF_WIRELESS_DEVICE: {
    label: "A device on the staff wireless network",
    hint: "A device joins the staff wireless network only with the ICT lead's agreement.",
    seeds: ["001"],
    approvers: ["ICT_LEAD"],
    notification: false,
    timeLimited: false,
    fields: [
      { name: "device", label: "Device", type: "text", hint: "Make and model." },
      { name: "owner", label: "Whose device", type: "text" },
      purpose,
    ],
  },
  LETTER_HOME: {
    label: "A letter home",
    hint: "Letters to parents go with the Headteacher's approval; office staff's letters with the Business Manager's or the Head's.",
    seeds: ["000"],
    approvers: HEAD,
    approversByGroup: { OFFICE: ["BUSINESS_MANAGER", "HEADTEACHER"] },
    notification: false,
    timeLimited: false,
    fields: [
      { name: "recipients", label: "Who it goes to", type: "text", hint: "For example, Year 4 parents." },
      { name: "subject", label: "What it is about", type: "textarea" },
      { name: "sendOn", label: "To send on", type: "date" },
    ],
  },
  PARENTMAIL: {
    label: "A ParentMail email or text",
    hint: "Messages through ParentMail go with the Headteacher's approval.",
    seeds: ["000"],
    approvers: HEAD,
    notification: false,
    timeLimited: false,
    fields: [
      { name: "recipients", label: "Who it goes to", type: "text" },
      { name: "message", label: "The message", type: "textarea" },
      { name: "sendOn", label: "To send on", type: "date" },
    ],
  },
  SCHOOL_EMAIL_PARENTS: {
    label: "Using school email with a parent",
    hint: "Emailing a parent from a school account needs the Headteacher's approval.",
    seeds: ["000"],
    approvers: HEAD,
    notification: false,
    timeLimited: true,
    untilField: "untilDate",
    fields: [
      { name: "parent", label: "Which parent", type: "text", hint: "The pupil's initials or school reference, not a name." },
      purpose,
      until,
    ],
  },
  HOME_VISIT: {
    label: "A home visit",
    hint: "A home visit needs the Headteacher's approval.",
    seeds: ["000"],
    approvers: HEAD,
    notification: false,
    timeLimited: false,
    fields: [
      { name: "family", label: "Which family", type: "text", hint: "The pupil's initials or school reference, not a name." },
      { name: "visitOn", label: "Date of the visit", type: "date" },
      { name: "accompaniedBy", label: "Who goes with you", type: "text" },
      purpose,
    ],
  },
  PUPIL_DIRECT_CONTACT: {
    label: "Direct contact with a pupil",
    hint: "Contacting a pupil directly (outside lessons, by phone or message) needs the Headteacher's approval.",
    seeds: ["000"],
    approvers: HEAD,
    notification: false,
    timeLimited: true,
    untilField: "untilDate",
    fields: [
      { name: "pupil", label: "Which pupil", type: "text", hint: "Initials or school reference, not a name." },
      { name: "channel", label: "How", type: "text", hint: "For example, the school's learning platform." },
      purpose,
      until,
    ],
  },
  PARENT_PHONE_CALL: {
    label: "Phoning a parent (teaching assistants and lunchtime staff)",
    hint: "A teaching assistant or member of the lunchtime staff phones a parent with the agreement of a senior leader.",
    seeds: ["000"],
    approvers: SLT,
    onlyFor: ["TEACHING_ASSISTANT", "SUPPORT"],
    notification: false,
    timeLimited: false,
    fields: [
      { name: "parent", label: "Which parent", type: "text", hint: "The pupil's initials or school reference, not a name." },
      { name: "callOn", label: "When", type: "date" },
      purpose,
    ],
  },
  WEBSITE_UPLOAD: {
    label: "Uploading to the school website",
    hint: "Content goes on the school website with the Deputy Head's or the Headteacher's approval.",
    seeds: ["000", "002"],
    approvers: ["DEPUTY_HEAD", "HEADTEACHER"],
    notification: false,
    timeLimited: false,
    fields: [
      { name: "content", label: "What will be uploaded", type: "textarea", hint: "Say whether it shows pupils, and that parents consented." },
      { name: "page", label: "Which page", type: "text" },
      { name: "publishOn", label: "To publish on", type: "date" },
    ],
  },
  PHONE_PHOTOGRAPHS: {
    label: "Photographs on a personal or work phone",
    hint: "Photographs on a phone only with the Executive Headteacher's permission; transfer them and delete them at once.",
    seeds: ["003"],
    approvers: HEAD,
    notification: false,
    timeLimited: true,
    untilField: "untilDate",
    fields: [
      { name: "phone", label: "Which phone", type: "text", hint: "Personal or work, and whose." },
      { name: "occasion", label: "What is being photographed", type: "textarea" },
      from,
      until,
    ],
  },
  VIDEO_CALL: {
    label: "A video call with people outside the school",
    hint: "Supervised by staff, with a record of the date, time and participants kept in school.",
    seeds: ["004"],
    approvers: HEAD,
    notification: false,
    timeLimited: false,
    fields: [
      { name: "callOn", label: "Date", type: "date" },
      { name: "startsAt", label: "Start time", type: "time" },
      { name: "endsAt", label: "End time", type: "time" },
      { name: "participants", label: "Participants", type: "textarea", hint: "Everyone outside the school who will be on the call, and the pupils' group." },
      { name: "supervisedBy", label: "Supervised by", type: "text" },
      purpose,
    ],
  },
  EX_PUPIL_CONNECTION: {
    label: "A social network connection with an ex-pupil over 18",
    hint: "Tell the Headteacher about a connection with a former pupil who is now over 18.",
    seeds: ["000"],
    approvers: HEAD,
    notification: true,
    timeLimited: false,
    fields: [
      { name: "network", label: "Which network", type: "text" },
      { name: "formerPupil", label: "Former pupil", type: "text", hint: "Their initials and the year they left." },
      { name: "over18", label: "They are over 18", type: "confirm" },
      { name: "context", label: "How you know them now", type: "textarea" },
    ],
  },
  PERSONAL_INFO_ONLINE: {
    label: "Personal information about yourself found online",
    hint: "Tell the Headteacher if you find information about yourself online that could affect your work.",
    seeds: ["000"],
    approvers: HEAD,
    notification: true,
    timeLimited: false,
    fields: [
      { name: "where", label: "Where you found it", type: "text", hint: "The site or app; a link if you have one." },
      { name: "what", label: "What it shows", type: "textarea" },
      { name: "help", label: "What help you would like", type: "textarea", optional: true },
    ],
  },
} as const satisfies Record<string, RequestKind>;

export type RequestKindKey = keyof typeof REQUEST_KINDS;
export const KIND_KEYS = Object.keys(REQUEST_KINDS) as RequestKindKey[];

export function kindOf(key: string): RequestKind | null {
  return Object.hasOwn(REQUEST_KINDS, key) ? (REQUEST_KINDS as Record<string, RequestKind>)[key] : null;
}

// ---------- Who decides ----------

export type Requester = { schoolRoles: readonly SchoolRole[]; staffGroup: StaffGroup | string | null };

/** The kinds this person may ask for (a kind with onlyFor is for those staff groups). */
export function kindsFor(requester: Requester): RequestKindKey[] {
  return KIND_KEYS.filter((k) => {
    const only = (REQUEST_KINDS[k] as RequestKind).onlyFor;
    return !only || (requester.staffGroup !== null && (only as readonly string[]).includes(requester.staffGroup));
  });
}

/**
 * The roles that decide this person's request. The Head's own goes to the Chair of Governors; anyone
 * else whose own roles are the only approvers (the ICT lead installing software) goes to the Head, so a
 * request never waits for its requester. The requester is also refused by id, here and in SQL.
 */
export function routeRequest(kind: RequestKind, requester: Requester): SchoolRole[] {
  if (requester.schoolRoles.includes("HEADTEACHER")) return ["CHAIR_OF_GOVERNORS"];
  const byGroup = requester.staffGroup ? kind.approversByGroup?.[requester.staffGroup as StaffGroup] : undefined;
  const roles = [...(byGroup ?? kind.approvers)];
  if (roles.every((r) => requester.schoolRoles.includes(r))) return ["HEADTEACHER"];
  return roles;
}

/** Kinds whose register this person reads: every kind with request:register, else the kinds they approve. */
export function registerKindsFor(opts: { canRegister: boolean; schoolRoles: readonly SchoolRole[] }): RequestKindKey[] {
  if (opts.canRegister) return KIND_KEYS;
  return KIND_KEYS.filter((k) => {
    const kind = REQUEST_KINDS[k] as RequestKind;
    const all = [...kind.approvers, ...Object.values(kind.approversByGroup ?? {}).flat()];
    return all.some((r) => opts.schoolRoles.includes(r));
  });
}

// ---------- Fields ----------

const MAX: Record<FieldType, number> = { text: 200, textarea: 2000, date: 10, time: 5, confirm: 5 };

function fieldSchema(f: RequestField) {
  const named = f.label.toLowerCase();
  if (f.type === "confirm") return z.literal(true, `Confirm: ${named}`);
  // A label that is a question is answered; any other is entered.
  const missing = f.label.endsWith("?") ? `Answer "${f.label}"` : f.type === "date" || f.type === "time" ? `Enter the ${named}` : `Enter ${named}`;
  let s = z.string(missing).trim().max(MAX[f.type], `${f.label} must be ${MAX[f.type]} characters or fewer`);
  if (!f.optional) s = s.min(1, missing);
  if (f.type === "date") return s.refine((v) => v === "" || parseDateInput(v) !== null, `Enter the ${named} as a real date`);
  if (f.type === "time") return s.refine((v) => v === "" || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), `Enter the ${named} as a time, like 14:30`);
  return s;
}

/** The zod schema of a kind's own fields (shared by the form and the server). */
export function detailsSchema(kind: RequestKind) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of kind.fields) shape[f.name] = fieldSchema(f);
  return z.strictObject(shape).superRefine((v, ctx) => {
    // A range ends on or after it starts; a call ends after it starts.
    const a = v as Record<string, string>;
    if (a.fromDate && a.untilDate && a.untilDate < a.fromDate)
      ctx.addIssue({ code: "custom", path: ["untilDate"], message: "The end date must be on or after the start date" });
    if (a.startsAt && a.endsAt && a.endsAt <= a.startsAt)
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The end time must be after the start time" });
  });
}

/** The requested end date of a time-limited kind, as a @db.Date value, or null. */
export function requestedUntil(kind: RequestKind, details: Record<string, unknown>): Date | null {
  const v = kind.untilField ? details[kind.untilField] : null;
  return typeof v === "string" ? parseDateInput(v) : null;
}
