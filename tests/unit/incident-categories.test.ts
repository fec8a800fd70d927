import { describe, it, expect } from "vitest";
import { IncidentCategory, IncidentOutcome, type SchoolRole } from "@/generated/prisma/enums";
import {
  INCIDENT_CATEGORIES, CATEGORY_ORDER, POLICE_GUIDANCE, OUTCOMES, ALLEGATION_OUTCOMES, OUTCOME_LABELS, outcomesFor,
  CHRONOLOGY_KINDS, BREACH_TYPES, BREACH_RISKS,
} from "@/lib/incidents/categories";
import { routeIncident, type RoleHolder, type OrgRoleHolder } from "@/lib/incidents/routing";
import { reportIncidentSchema } from "@/lib/incidents/schemas";

// The table as it is meant to be, written out by hand (acceptance point 1). Flags: C confidential,
// P police matter, B breach clock, A allegation, U urgent.
const EXPECTED: Record<IncidentCategory, { label: RegExp; roles: SchoolRole[]; flags: string }> = {
  ACCIDENTAL_ACCESS: { label: /accidental access to inappropriate material/i, roles: ["HEADTEACHER", "DSL"], flags: "" },
  INAPPROPRIATE_MESSAGE: { label: /inappropriate email or message received/i, roles: ["HEADTEACHER", "ICT_LEAD"], flags: "" },
  CYBERBULLYING: { label: /cyberbullying.*staff.*pupils/i, roles: ["HEADTEACHER", "DSL"], flags: "C" },
  COLLEAGUE_MISUSE: { label: /misuse of ict by a colleague/i, roles: ["HEADTEACHER", "DSL"], flags: "C" },
  ALLEGATION_AGAINST_STAFF: { label: /allegation against a member of staff/i, roles: ["DSL", "HEADTEACHER"], flags: "CAU" },
  CONCERN_ABOUT_HEAD: { label: /concern about the headteacher/i, roles: ["CHAIR_OF_GOVERNORS"], flags: "CAU" },
  SAFEGUARDING: { label: /safeguarding or child-protection/i, roles: ["DSL", "DEPUTY_DSL"], flags: "C" },
  ONLINE_SAFETY_PUPIL: { label: /online-safety concern about a pupil/i, roles: ["DSL", "DEPUTY_DSL"], flags: "C" },
  DATA_BREACH: { label: /data breach.*sent in error.*lost or stolen device.*unauthorised access/i, roles: ["DPO", "HEADTEACHER"], flags: "B" },
  ACCOUNT_COMPROMISE: { label: /account or password compromise/i, roles: ["HEADTEACHER", "BUSINESS_MANAGER", "ICT_LEAD"], flags: "" },
  SECURITY_CONCERN: { label: /virus or security concern/i, roles: ["ICT_LEAD", "HEADTEACHER"], flags: "" },
  FILTER_BYPASS: { label: /bypass filtering.*vpn.*proxy/i, roles: ["DSL", "DEPUTY_DSL", "ICT_LEAD"], flags: "" },
  POLICE_INDECENT_IMAGES: { label: /indecent images of children/i, roles: ["DSL", "DEPUTY_DSL", "HEADTEACHER"], flags: "CPU" },
  POLICE_GROOMING: { label: /grooming/i, roles: ["DSL", "DEPUTY_DSL", "HEADTEACHER"], flags: "CPU" },
  POLICE_OBSCENE_TO_CHILD: { label: /obscene material sent to a child/i, roles: ["DSL", "DEPUTY_DSL", "HEADTEACHER"], flags: "CPU" },
};

describe("incident categories", () => {
  it.each(Object.entries(EXPECTED))("%s has its label, handler roles and flags", (key, want) => {
    const rule = INCIDENT_CATEGORIES[key as IncidentCategory];
    expect(rule.label).toMatch(want.label);
    expect(rule.hint.length).toBeGreaterThan(20);
    expect(rule.hint.length).toBeLessThan(140);
    expect([...rule.handlerRoles].sort()).toEqual([...want.roles].sort());
    const flags = [rule.confidential && "C", rule.policeMatter && "P", rule.breachClock && "B", rule.allegation && "A", rule.urgent && "U"]
      .filter(Boolean).join("");
    expect(flags).toBe(want.flags);
  });

  it("covers every category of the database enum, once each, in the form order", () => {
    expect(Object.keys(INCIDENT_CATEGORIES).sort()).toEqual(Object.values(IncidentCategory).sort());
    expect([...CATEGORY_ORDER].sort()).toEqual(Object.values(IncidentCategory).sort());
    expect(CATEGORY_ORDER.slice(-3).every((c) => INCIDENT_CATEGORIES[c].policeMatter)).toBe(true);
  });

  it("every police matter and allegation raises the urgent banner", () => {
    for (const rule of Object.values(INCIDENT_CATEGORIES)) {
      if (rule.policeMatter || rule.allegation) expect(rule.urgent).toBe(true);
    }
  });

  it("police guidance says: 999, do not forward, do not investigate, secure the device", () => {
    const text = POLICE_GUIDANCE.join(" ");
    for (const phrase of [/999/, /do not forward/i, /do not investigate/i, /secure the device/i]) expect(text).toMatch(phrase);
  });

  it("allegations close with the KCSIE outcomes, everything else with the general ones", () => {
    expect(Object.keys(ALLEGATION_OUTCOMES).sort()).toEqual(["FALSE", "MALICIOUS", "SUBSTANTIATED", "UNFOUNDED", "UNSUBSTANTIATED"]);
    expect(Object.keys(OUTCOME_LABELS).sort()).toEqual(Object.values(IncidentOutcome).sort());
    expect(outcomesFor("ALLEGATION_AGAINST_STAFF")).toBe(ALLEGATION_OUTCOMES);
    expect(outcomesFor("CONCERN_ABOUT_HEAD")).toBe(ALLEGATION_OUTCOMES);
    expect(outcomesFor("DATA_BREACH")).toBe(OUTCOMES);
    expect(OUTCOMES).toHaveProperty("NO_FURTHER_ACTION");
  });

  it("names the chronology entries, breach types and risks the issue asks for", () => {
    expect(Object.keys(CHRONOLOGY_KINDS).sort()).toEqual(
      ["DEVICE_SECURED", "NOTE", "PARENTS_INFORMED", "REFERRED_ICO", "REFERRED_LADO", "REFERRED_POLICE", "REFERRED_SOCIAL_CARE"]);
    expect(Object.keys(BREACH_TYPES).sort()).toEqual(["ALTERATION", "DESTRUCTION", "LOSS", "UNAUTHORISED_ACCESS", "UNAUTHORISED_DISCLOSURE"]);
    expect(Object.keys(BREACH_RISKS).sort()).toEqual(["HIGH_RISK", "NONE", "RISK"]);
  });
});

// A school with one holder per role; some people hold two.
const SCHOOL: RoleHolder[] = [
  { personId: "head", roles: ["HEADTEACHER"] },
  { personId: "dsl", roles: ["DSL"] },
  { personId: "ddsl", roles: ["DEPUTY_DSL"] },
  { personId: "ict", roles: ["ICT_LEAD"] },
  { personId: "bm", roles: ["BUSINESS_MANAGER"] },
  { personId: "dpo", roles: ["DPO"] },
  { personId: "chair", roles: ["CHAIR_OF_GOVERNORS"] },
  { personId: "teacher", roles: ["STAFF"] },
];
const HEAD_IS_DSL: RoleHolder[] = [
  { personId: "headdsl", roles: ["HEADTEACHER", "DSL"] },
  { personId: "ddsl", roles: ["DEPUTY_DSL"] },
  { personId: "chair", roles: ["CHAIR_OF_GOVERNORS"] },
  { personId: "teacher", roles: ["STAFF"] },
];
const TRUST: OrgRoleHolder[] = [
  { personId: "ceo", role: "CEO" },
  { personId: "tadmin", role: "TRUST_ADMIN" },
  { personId: "tdpo", role: "TRUST_DPO" },
];

type Case = { name: string; category: IncidentCategory; subjects: string[]; holders?: RoleHolder[]; org?: OrgRoleHolder[]; handlers: string[] };
const CASES: Case[] = [
  // Each category reaches exactly its handlers when it concerns nobody in a role.
  { name: "accidental access", category: "ACCIDENTAL_ACCESS", subjects: [], handlers: ["dsl", "head"] },
  { name: "email received", category: "INAPPROPRIATE_MESSAGE", subjects: [], handlers: ["head", "ict"] },
  { name: "cyberbullying", category: "CYBERBULLYING", subjects: ["teacher"], handlers: ["dsl", "head"] },
  { name: "safeguarding", category: "SAFEGUARDING", subjects: [], handlers: ["ddsl", "dsl"] },
  { name: "password", category: "ACCOUNT_COMPROMISE", subjects: [], handlers: ["bm", "head", "ict"] },
  { name: "VPN", category: "FILTER_BYPASS", subjects: [], handlers: ["ddsl", "dsl", "ict"] },
  { name: "grooming", category: "POLICE_GROOMING", subjects: [], handlers: ["ddsl", "dsl", "head"] },
  { name: "data breach reaches the trust DPO too", category: "DATA_BREACH", subjects: [], org: TRUST, handlers: ["dpo", "head", "tdpo"] },
  // The subject is the Head: the Chair of Governors receives it, the Head does not.
  { name: "misuse by the Head", category: "COLLEAGUE_MISUSE", subjects: ["head"], handlers: ["chair", "dsl"] },
  { name: "breach caused by the Head", category: "DATA_BREACH", subjects: ["head"], handlers: ["chair", "dpo"] },
  { name: "concern about the Head, Head not even named", category: "CONCERN_ABOUT_HEAD", subjects: [], handlers: ["chair"] },
  // The subject is the DSL: the Head and the deputy DSL receive it, the DSL does not.
  { name: "allegation against the DSL", category: "ALLEGATION_AGAINST_STAFF", subjects: ["dsl"], handlers: ["ddsl", "head"] },
  { name: "VPN use by the DSL", category: "FILTER_BYPASS", subjects: ["dsl"], handlers: ["ddsl", "head", "ict"] },
  // The Head and the DSL are both subjects (two people, or one person holding both).
  { name: "Head and DSL both", category: "SAFEGUARDING", subjects: ["head", "dsl"], handlers: ["chair", "ddsl"] },
  { name: "Head who is DSL", category: "POLICE_INDECENT_IMAGES", subjects: ["headdsl"], holders: HEAD_IS_DSL, handlers: ["chair", "ddsl"] },
  // A subject who holds the handler role is excluded, whatever the role.
  { name: "ICT lead's own password", category: "ACCOUNT_COMPROMISE", subjects: ["ict"], handlers: ["bm", "head"] },
  { name: "DPO's lost laptop", category: "DATA_BREACH", subjects: ["dpo"], handlers: ["head"] },
  { name: "Chair concerned by a concern about the Head", category: "CONCERN_ABOUT_HEAD", subjects: ["chair"], org: TRUST, handlers: ["ceo", "tadmin"] },
  // Nobody left: the Chair of Governors, then the trust's roles.
  { name: "no ICT lead or Head", category: "SECURITY_CONCERN", subjects: [], holders: [{ personId: "chair", roles: ["CHAIR_OF_GOVERNORS"] }], handlers: ["chair"] },
  { name: "nobody at all in school", category: "SECURITY_CONCERN", subjects: [], holders: [{ personId: "t", roles: ["STAFF"] }], org: TRUST, handlers: ["ceo", "tadmin"] },
  { name: "only handler is the subject", category: "INAPPROPRIATE_MESSAGE", subjects: ["solo"], holders: [{ personId: "solo", roles: ["HEADTEACHER", "ICT_LEAD", "CHAIR_OF_GOVERNORS"] }], org: TRUST, handlers: ["ceo", "tadmin"] },
];

describe("routing", () => {
  it.each(CASES)("$name → $handlers", (c) => {
    const r = routeIncident({ category: c.category, subjectIds: c.subjects, holders: c.holders ?? SCHOOL, orgHolders: c.org ?? [] });
    expect(r.handlerIds).toEqual([...c.handlers].sort());
    for (const s of r.subjectIds) expect(r.handlerIds).not.toContain(s);
  });

  it("a concern about the Head makes every Head a subject, so re-routing to Heads still leaves them out", () => {
    const r = routeIncident({ category: "CONCERN_ABOUT_HEAD", subjectIds: [], holders: SCHOOL, orgHolders: [], extraRoles: ["HEADTEACHER"] });
    expect(r.subjectIds).toContain("head");
    expect(r.handlerIds).toEqual(["chair"]);
  });

  it("stores the roles it used, including the fallbacks, so SQL can check them", () => {
    const r = routeIncident({ category: "SECURITY_CONCERN", subjectIds: [], holders: [], orgHolders: TRUST });
    expect(r.roles.sort()).toEqual(["CHAIR_OF_GOVERNORS", "HEADTEACHER", "ICT_LEAD"]);
    expect(r.orgRoles.sort()).toEqual(["CEO", "TRUST_ADMIN"]);
  });
});

describe("report form dates: plain messages", () => {
  const base = { category: "DATA_BREACH", description: "A memory stick was lost on the bus.", awareAt: "2026-01-10T09:00" };
  const messageFor = (input: Record<string, unknown>) => {
    const r = reportIncidentSchema.safeParse({ ...base, ...input });
    return r.success ? null : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };
  it.each([
    [{ occurredAt: "12026-01-01T10:00" }, ["occurredAt: Enter when it happened as a real date and time"]],
    [{ occurredAt: "2999-01-01T10:00" }, ["occurredAt: When it happened cannot be in the future"]],
    [{ awareAt: "2999-01-01T10:00" }, ["awareAt: When you became aware cannot be in the future"]],
    [{ occurredAt: "" }, null],
    [{ occurredAt: "2026-01-09T10:00" }, null],
  ])("%j → %j", (input, expected) => {
    expect(messageFor(input)).toEqual(expected);
  });
});
