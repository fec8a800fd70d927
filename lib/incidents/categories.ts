// Incident categories as plain data, tested as a table (tests/unit/incident-categories.test.ts).
// Who receives what comes from the schools' own policies (seeds 000–004): inappropriate material and
// messages to the Head (or the Chair of Governors), the ICT lead for obscene mail, the DSLs for child
// protection, filtering and VPN bypass, the Head and Business Manager for passwords, the Head and the
// DPO for data breaches, allegations against staff to the DSL at once and against the Head to the Chair.
import type { IncidentCategory, SchoolRole, OrgRole, IncidentOutcome, ChronologyKind, BreachType, BreachRisk } from "@/generated/prisma/enums";

export type CategoryRule = {
  label: string;
  /** One line in plain English, shown under the choice on the report form. */
  hint: string;
  /** School roles that receive it (before the exclusions in routing.ts). */
  handlerRoles: readonly SchoolRole[];
  /** Safeguarding: nothing about it goes anywhere but to its handlers. */
  confidential: boolean;
  /** Shows POLICE_GUIDANCE before submitting. */
  policeMatter: boolean;
  /** UK GDPR art. 33: 72 hours from awareness to decide on reporting to the ICO. */
  breachClock: boolean;
  /** Allegation against an adult: closed with a KCSIE outcome. */
  allegation: boolean;
  /** Raises a banner for its handlers until one of them acknowledges it. */
  urgent: boolean;
};

const SAFEGUARDING_LEADS: readonly SchoolRole[] = ["DSL", "DEPUTY_DSL"];
const POLICE: readonly SchoolRole[] = ["DSL", "DEPUTY_DSL", "HEADTEACHER"];

export const INCIDENT_CATEGORIES: Readonly<Record<IncidentCategory, CategoryRule>> = {
  ACCIDENTAL_ACCESS: {
    label: "Accidental access to inappropriate material",
    hint: "You or someone else opened something unsuitable by mistake. Close it and tell us what and where.",
    handlerRoles: ["HEADTEACHER", "DSL"],
    confidential: false, policeMatter: false, breachClock: false, allegation: false, urgent: false,
  },
  INAPPROPRIATE_MESSAGE: {
    label: "Inappropriate email or message received",
    hint: "An offensive, obscene or threatening email or message. Do not forward it or reply.",
    handlerRoles: ["HEADTEACHER", "ICT_LEAD"],
    confidential: false, policeMatter: false, breachClock: false, allegation: false, urgent: false,
  },
  CYBERBULLYING: {
    label: "Cyberbullying (of staff or of pupils)",
    hint: "Someone is being bullied, threatened or humiliated online or by message.",
    handlerRoles: ["HEADTEACHER", "DSL"],
    confidential: true, policeMatter: false, breachClock: false, allegation: false, urgent: false,
  },
  COLLEAGUE_MISUSE: {
    label: "Misuse of ICT by a colleague",
    hint: "A member of staff using school systems, or their phone, in a way the policy does not allow.",
    handlerRoles: ["HEADTEACHER", "DSL"],
    confidential: true, policeMatter: false, breachClock: false, allegation: false, urgent: false,
  },
  ALLEGATION_AGAINST_STAFF: {
    label: "Allegation against a member of staff",
    hint: "An adult in school may have harmed a child, or behaved in a way that suggests a risk to children.",
    handlerRoles: ["DSL", "HEADTEACHER"],
    confidential: true, policeMatter: false, breachClock: false, allegation: true, urgent: true,
  },
  CONCERN_ABOUT_HEAD: {
    label: "Concern about the Headteacher",
    hint: "Goes to the Chair of Governors only; the Headteacher will not see it.",
    handlerRoles: ["CHAIR_OF_GOVERNORS"],
    confidential: true, policeMatter: false, breachClock: false, allegation: true, urgent: true,
  },
  SAFEGUARDING: {
    label: "Safeguarding or child-protection concern",
    hint: "You are worried a child is at risk of harm. If a child is in immediate danger call 999 first.",
    handlerRoles: SAFEGUARDING_LEADS,
    confidential: true, policeMatter: false, breachClock: false, allegation: false, urgent: false,
  },
  ONLINE_SAFETY_PUPIL: {
    label: "Online-safety concern about a pupil",
    hint: "Something a pupil has seen, shared or been sent online that worries you.",
    handlerRoles: SAFEGUARDING_LEADS,
    confidential: true, policeMatter: false, breachClock: false, allegation: false, urgent: false,
  },
  DATA_BREACH: {
    label: "Data breach (sent in error, lost or stolen device, unauthorised access)",
    hint: "Personal data went to the wrong person, a device or paper was lost or stolen, or someone saw what they should not.",
    handlerRoles: ["DPO", "HEADTEACHER"],
    confidential: false, policeMatter: false, breachClock: true, allegation: false, urgent: false,
  },
  ACCOUNT_COMPROMISE: {
    label: "Account or password compromise",
    hint: "A password has been shared, seen or guessed, or an account is acting strangely.",
    handlerRoles: ["HEADTEACHER", "BUSINESS_MANAGER", "ICT_LEAD"],
    confidential: false, policeMatter: false, breachClock: false, allegation: false, urgent: false,
  },
  SECURITY_CONCERN: {
    label: "Virus or security concern",
    hint: "A virus warning, a suspicious link or attachment, or a device that is not behaving as it should.",
    handlerRoles: ["ICT_LEAD", "HEADTEACHER"],
    confidential: false, policeMatter: false, breachClock: false, allegation: false, urgent: false,
  },
  FILTER_BYPASS: {
    label: "Attempt to bypass filtering (VPN, proxy)",
    hint: "Someone is using a VPN, proxy or other trick to get round the school's web filter.",
    handlerRoles: ["DSL", "DEPUTY_DSL", "ICT_LEAD"],
    confidential: false, policeMatter: false, breachClock: false, allegation: false, urgent: false,
  },
  POLICE_INDECENT_IMAGES: {
    label: "Indecent images of children",
    hint: "A police matter. Do not open, copy, forward or delete anything: turn off the screen and secure the device.",
    handlerRoles: POLICE,
    confidential: true, policeMatter: true, breachClock: false, allegation: false, urgent: true,
  },
  POLICE_GROOMING: {
    label: "Grooming of a child",
    hint: "A police matter. An adult is trying to build a relationship with a child to abuse them.",
    handlerRoles: POLICE,
    confidential: true, policeMatter: true, breachClock: false, allegation: false, urgent: true,
  },
  POLICE_OBSCENE_TO_CHILD: {
    label: "Obscene material sent to a child",
    hint: "A police matter. Someone has sent a child sexual or obscene material.",
    handlerRoles: POLICE,
    confidential: true, policeMatter: true, breachClock: false, allegation: false, urgent: true,
  },
};

/** The order of the report form: the everyday ones first, the police matters last. */
export const CATEGORY_ORDER: readonly IncidentCategory[] = [
  "ACCIDENTAL_ACCESS",
  "INAPPROPRIATE_MESSAGE",
  "CYBERBULLYING",
  "COLLEAGUE_MISUSE",
  "ALLEGATION_AGAINST_STAFF",
  "CONCERN_ABOUT_HEAD",
  "SAFEGUARDING",
  "ONLINE_SAFETY_PUPIL",
  "DATA_BREACH",
  "ACCOUNT_COMPROMISE",
  "SECURITY_CONCERN",
  "FILTER_BYPASS",
  "POLICE_INDECENT_IMAGES",
  "POLICE_GROOMING",
  "POLICE_OBSCENE_TO_CHILD",
];

/** Shown before a police-matter report is submitted (CEOP's advice in seed 004). */
export const POLICE_GUIDANCE: readonly string[] = [
  "If a child is in immediate danger, call 999 now.",
  "Do not forward, copy, print or save the image or message, and do not show it to anyone.",
  "Do not investigate yourself and do not talk to the person concerned about it.",
  "Turn off the screen (do not shut the computer down) and secure the device so nobody can use it.",
  "Submit this report straight away: the safeguarding leads are told at once.",
];

/** When a report has no handler left after the exclusions: the Chair of Governors, then the trust. */
export const FALLBACK_SCHOOL_ROLE: SchoolRole = "CHAIR_OF_GOVERNORS";
export const FALLBACK_ORG_ROLES: readonly OrgRole[] = ["CEO", "TRUST_ADMIN"];
/** Breaches also reach the trust's DPO, who keeps the trust's register. */
export const BREACH_ORG_ROLES: readonly OrgRole[] = ["TRUST_DPO"];

type Labelled<K extends string> = Readonly<Record<K, string>>;

/** General outcomes, for every category that is not an allegation. */
export const OUTCOMES: Labelled<Extract<IncidentOutcome, "NO_FURTHER_ACTION" | "ADVICE_OR_TRAINING" | "DISCIPLINARY" | "REFERRED" | "TECHNICAL_FIX">> = {
  NO_FURTHER_ACTION: "No further action",
  ADVICE_OR_TRAINING: "Advice or training",
  DISCIPLINARY: "Disciplinary process",
  REFERRED: "Referred to another agency",
  TECHNICAL_FIX: "Technical fix made",
};

/** Keeping Children Safe in Education: the outcomes of an allegation against an adult. */
export const ALLEGATION_OUTCOMES: Labelled<Extract<IncidentOutcome, "SUBSTANTIATED" | "UNSUBSTANTIATED" | "UNFOUNDED" | "FALSE" | "MALICIOUS">> = {
  SUBSTANTIATED: "Substantiated",
  UNSUBSTANTIATED: "Unsubstantiated",
  UNFOUNDED: "Unfounded",
  FALSE: "False",
  MALICIOUS: "Malicious",
};

export const OUTCOME_LABELS: Labelled<IncidentOutcome> = { ...OUTCOMES, ...ALLEGATION_OUTCOMES };

/** The outcomes a handler may choose when closing a report of this category. */
export function outcomesFor(category: IncidentCategory): Readonly<Partial<Record<IncidentOutcome, string>>> {
  return INCIDENT_CATEGORIES[category].allegation ? ALLEGATION_OUTCOMES : OUTCOMES;
}

/** The entries a handler may add by hand; the others are written by the service as things happen. */
export const CHRONOLOGY_KINDS: Labelled<Extract<ChronologyKind, "NOTE" | "REFERRED_POLICE" | "REFERRED_LADO" | "REFERRED_ICO" | "REFERRED_SOCIAL_CARE" | "PARENTS_INFORMED" | "DEVICE_SECURED">> = {
  NOTE: "Note",
  REFERRED_POLICE: "Referred to the police",
  REFERRED_LADO: "Referred to the LADO",
  REFERRED_ICO: "Reported to the ICO",
  REFERRED_SOCIAL_CARE: "Referred to children's social care",
  PARENTS_INFORMED: "Parents or carers informed",
  DEVICE_SECURED: "Device secured",
};

export const CHRONOLOGY_LABELS: Labelled<ChronologyKind> = {
  ...CHRONOLOGY_KINDS,
  STATUS_CHANGED: "Status changed",
  LEAD_SET: "Lead handler set",
  REROUTED: "Re-routed",
  CLOSED: "Closed",
  REOPENED: "Reopened",
  BREACH_DECISION: "ICO decision recorded",
};

export const BREACH_TYPES: Labelled<BreachType> = {
  LOSS: "Loss (for example a lost or stolen device)",
  UNAUTHORISED_DISCLOSURE: "Unauthorised disclosure (for example sent in error)",
  UNAUTHORISED_ACCESS: "Unauthorised access",
  ALTERATION: "Alteration",
  DESTRUCTION: "Destruction",
};

export const BREACH_RISKS: Labelled<BreachRisk> = {
  NONE: "Unlikely to result in a risk to people",
  RISK: "A risk to people's rights and freedoms",
  HIGH_RISK: "A high risk: the people affected must be told",
};

export const STATUS_LABELS: Labelled<"NEW" | "ACKNOWLEDGED" | "INVESTIGATING" | "CLOSED"> = {
  NEW: "New",
  ACKNOWLEDGED: "Acknowledged",
  INVESTIGATING: "Investigating",
  CLOSED: "Closed",
};
