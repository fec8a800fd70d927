// Demo organisations, schools and people. Every name here is invented for this project.
// Pure data (no database, no server-only imports): scripts and e2e tests import it too.
import type { OrganisationKind, OrgRole, SchoolRole, StaffGroup } from "../../generated/prisma/enums";

/** One password for every demo account (documented in README.md). Demo data only. */
export const DEMO_PASSWORD = "ict-demo-2026";

export type DemoMember = {
  name: string;
  staffGroup: StaffGroup;
  jobTitle: string;
  roles: SchoolRole[];
  startDate: string; // YYYY-MM-DD
  /** A leaver: membership ended in the past and the person's status is LEFT. */
  leaver?: boolean;
};
export type DemoSchool = { name: string; slug: string; urn: string; members: DemoMember[] };
export type DemoOrganisation = {
  name: string;
  kind: OrganisationKind;
  domain: string;
  schools: DemoSchool[];
  orgRoles: { name: string; role: OrgRole }[];
};

/** first.last@domain, lower-case, letters/digits/hyphens only in each part. */
export function emailFor(name: string, domain: string): string {
  const parts = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z\s-]/g, "")
    .split(/\s+/)
    .filter(Boolean);
  return `${parts[0]}.${parts.slice(1).join("-")}@${domain}`;
}

// Compact rows: [name, staff group, job title, roles, start date, leaver?]
type Row = [string, StaffGroup, string, SchoolRole[], string, ("leaver" | undefined)?];
const members = (rows: Row[]): DemoMember[] =>
  rows.map(([name, staffGroup, jobTitle, roles, startDate, leaver]) => ({
    name,
    staffGroup,
    jobTitle,
    roles,
    startDate,
    leaver: leaver === "leaver",
  }));

const TRUST_DOMAIN = "demo-trust.org.uk";
const FEDERATION_DOMAIN = "demo-federation.org.uk";
const STANDALONE_DOMAIN = "ashgrove-demo.org.uk";

// Works in both trust schools.
const SUPPLY_TEACHER: Row = ["Jordan Blake", "SUPPLY", "Supply Teacher (agency)", ["STAFF"], "2024-01-08"];
// The federation shares its Executive Headteacher, its Business Manager and its Chair of Governors.
const EXECUTIVE_HEAD: Row = ["Margaret Osei", "TEACHER", "Executive Headteacher", ["HEADTEACHER", "STAFF"], "2016-01-04"];
const FEDERATION_BM: Row = ["Deborah Kent", "OFFICE", "Federation Business Manager", ["BUSINESS_MANAGER", "STAFF"], "2018-04-16"];
const FEDERATION_CHAIR: Row = ["Christopher Bellamy", "GOVERNOR", "Chair of Governors (federation)", ["CHAIR_OF_GOVERNORS", "GOVERNOR"], "2019-09-01"];

export const ORGANISATIONS: DemoOrganisation[] = [
  {
    name: "Kestrel Valley Learning Trust",
    kind: "TRUST",
    domain: TRUST_DOMAIN,
    orgRoles: [
      { name: "Rachel Ingram", role: "TRUST_ADMIN" },
      { name: "Sam Kaur", role: "TRUST_ICT_LEAD" },
      // A trustee: reads the governors' summaries of both schools and the trust roll-up, nothing else.
      { name: "Philippa Sandford", role: "TRUSTEE" },
    ],
    schools: [
      {
        name: "Oakfield Primary School",
        slug: "oakfield",
        urn: "990101",
        members: members([
          ["Helen Marsh", "TEACHER", "Headteacher", ["HEADTEACHER", "STAFF"], "2015-09-01"],
          ["David Achebe", "TEACHER", "Deputy Headteacher", ["DEPUTY_HEAD", "STAFF"], "2017-09-01"],
          ["Claire Donnelly", "TEACHER", "Assistant Headteacher and Designated Safeguarding Lead", ["DSL", "STAFF"], "2016-09-01"],
          ["Marcus Fairley", "TEACHER", "Year 6 Teacher and Deputy DSL", ["DEPUTY_DSL", "STAFF"], "2019-09-01"],
          ["Tom Okafor", "TEACHER", "Computing Lead", ["ICT_LEAD", "STAFF"], "2020-09-01"],
          ["Priya Natarajan", "OFFICE", "School Business Manager", ["BUSINESS_MANAGER", "STAFF"], "2018-01-08"],
          ["Janet Cole", "OFFICE", "Office Manager and Data Protection Officer", ["DPO", "STAFF"], "2012-09-03"],
          ["Laura Pemberton", "TEACHER", "Year 3 Teacher", ["STAFF"], "2021-09-01"],
          ["Ben Thackeray", "TEACHER", "Reception Teacher", ["STAFF"], "2022-09-01"],
          ["Amira Haddad", "TEACHING_ASSISTANT", "Teaching Assistant", ["STAFF"], "2020-01-06"],
          ["Kelly Brennan", "TEACHING_ASSISTANT", "Higher Level Teaching Assistant", ["STAFF"], "2014-09-01"],
          ["Stuart Pike", "SUPPORT", "Site Manager", ["STAFF"], "2013-04-15"],
          ["Nadia Kowalski", "OFFICE", "Administrative Assistant", ["STAFF"], "2023-02-20"],
          SUPPLY_TEACHER,
          ["Eleanor Voss", "VOLUNTEER", "Reading Volunteer", [], "2024-09-09"],
          ["Gareth Lloyd", "CONTRACTOR", "IT Technician (contractor)", [], "2023-09-01"],
          ["Patricia Lowe", "GOVERNOR", "Chair of Governors", ["CHAIR_OF_GOVERNORS", "GOVERNOR"], "2018-09-01"],
          ["Graham Whitlock", "GOVERNOR", "Parent Governor", ["GOVERNOR"], "2022-11-01"],
          ["Simon Grey", "TEACHER", "Year 5 Teacher", ["STAFF"], "2017-09-01", "leaver"],
        ]),
      },
      {
        name: "Riverside Primary Academy",
        slug: "riverside",
        urn: "990102",
        members: members([
          ["Rebecca Hollis", "TEACHER", "Headteacher", ["HEADTEACHER", "STAFF"], "2018-09-01"],
          ["Anil Mistry", "TEACHER", "Deputy Headteacher", ["DEPUTY_HEAD", "STAFF"], "2019-09-01"],
          ["Fiona McAllister", "TEACHER", "Assistant Headteacher and Designated Safeguarding Lead", ["DSL", "STAFF"], "2015-09-01"],
          ["Owen Price", "TEACHER", "Year 2 Teacher and Deputy DSL", ["DEPUTY_DSL", "STAFF"], "2020-09-01"],
          ["Hannah Lindqvist", "TEACHER", "Computing Lead", ["ICT_LEAD", "STAFF"], "2021-01-04"],
          ["Carl Jennings", "OFFICE", "School Business Manager", ["BUSINESS_MANAGER", "STAFF"], "2016-05-03"],
          ["Maureen Tate", "OFFICE", "Office Manager and Data Protection Officer", ["DPO", "STAFF"], "2011-09-01"],
          ["Zoe Hartley", "TEACHER", "Year 1 Teacher", ["STAFF"], "2022-09-01"],
          ["Imran Sheikh", "TEACHER", "Year 4 Teacher", ["STAFF"], "2019-09-01"],
          ["Lucy Fenwick", "TEACHING_ASSISTANT", "Teaching Assistant", ["STAFF"], "2021-09-01"],
          ["Grace Adeyemi", "TEACHING_ASSISTANT", "Teaching Assistant (SEND)", ["STAFF"], "2023-01-09"],
          ["Dennis Moss", "SUPPORT", "Caretaker", ["STAFF"], "2010-06-01"],
          ["Shona Reid", "OFFICE", "Receptionist", ["STAFF"], "2022-03-14"],
          SUPPLY_TEACHER,
          ["Alan Kirby", "VOLUNTEER", "Forest School Volunteer", [], "2024-04-15"],
          ["Pete Sandhu", "CONTRACTOR", "Network Engineer (contractor)", [], "2022-09-01"],
          ["Victoria Ashby", "GOVERNOR", "Chair of Governors", ["CHAIR_OF_GOVERNORS", "GOVERNOR"], "2020-09-01"],
          ["Neil Cartwright", "GOVERNOR", "Staff Governor", ["GOVERNOR"], "2023-09-01"],
          ["Emma Stroud", "TEACHING_ASSISTANT", "Teaching Assistant", ["STAFF"], "2018-09-01", "leaver"],
        ]),
      },
    ],
  },
  {
    name: "Willowbrook and Hazel Lane Nursery Schools' Federation",
    kind: "FEDERATION",
    domain: FEDERATION_DOMAIN,
    orgRoles: [],
    schools: [
      {
        name: "Willowbrook Nursery School",
        slug: "willowbrook",
        urn: "990201",
        members: members([
          EXECUTIVE_HEAD,
          ["Joanne Parry", "TEACHER", "Head of School", ["DEPUTY_HEAD", "STAFF"], "2017-09-01"],
          ["Aisha Begum", "TEACHER", "Nursery Teacher and Designated Safeguarding Lead", ["DSL", "STAFF"], "2018-09-01"],
          ["Lena Novak", "TEACHER", "Nursery Teacher and Deputy DSL", ["DEPUTY_DSL", "STAFF"], "2021-09-01"],
          ["Liam Corrigan", "TEACHER", "Nursery Teacher and ICT Coordinator", ["ICT_LEAD", "STAFF"], "2019-01-07"],
          FEDERATION_BM,
          ["Paula Fisher", "OFFICE", "Administrator and Data Protection Lead", ["DPO", "STAFF"], "2015-02-02"],
          ["Sophie Turnbull", "TEACHING_ASSISTANT", "Early Years Practitioner", ["STAFF"], "2020-09-01"],
          ["Megan Doyle", "TEACHING_ASSISTANT", "Early Years Practitioner", ["STAFF"], "2022-09-01"],
          ["Chloe Barker", "TEACHING_ASSISTANT", "Nursery Nurse", ["STAFF"], "2016-09-01"],
          ["Ruth Ellison", "SUPPORT", "Play Leader", ["STAFF"], "2019-04-23"],
          ["Karen Whitby", "SUPPORT", "Cook", ["STAFF"], "2014-09-01"],
          ["Daniel Frost", "SUPPLY", "Early Years Practitioner (agency)", ["STAFF"], "2025-01-06"],
          ["Joyce Pilling", "VOLUNTEER", "Story-time Volunteer", [], "2023-10-02"],
          ["Ian Mercer", "CONTRACTOR", "IT Support Engineer (contractor)", [], "2021-09-01"],
          FEDERATION_CHAIR,
          ["Howard Pryce", "GOVERNOR", "Local Authority Governor", ["GOVERNOR"], "2021-03-01"],
          ["Tracy Holden", "TEACHING_ASSISTANT", "Early Years Practitioner", ["STAFF"], "2017-09-01", "leaver"],
        ]),
      },
      {
        name: "Hazel Lane Nursery School",
        slug: "hazel-lane",
        urn: "990202",
        members: members([
          EXECUTIVE_HEAD,
          ["Samuel Quayle", "TEACHER", "Head of School", ["DEPUTY_HEAD", "STAFF"], "2019-09-01"],
          ["Bethany Cross", "TEACHER", "Nursery Teacher and Designated Safeguarding Lead", ["DSL", "STAFF"], "2017-01-09"],
          ["Harriet Lam", "TEACHER", "Nursery Teacher and Deputy DSL", ["DEPUTY_DSL", "STAFF"], "2022-09-01"],
          ["Kieran Walsh", "SUPPORT", "ICT Technician", ["ICT_LEAD", "STAFF"], "2020-02-03"],
          FEDERATION_BM,
          ["Yvonne Baptiste", "OFFICE", "Administrator and Data Protection Lead", ["DPO", "STAFF"], "2013-09-02"],
          ["Jade Finch", "TEACHING_ASSISTANT", "Early Years Practitioner", ["STAFF"], "2021-09-01"],
          ["Olivia Grant", "TEACHING_ASSISTANT", "Early Years Practitioner", ["STAFF"], "2023-09-04"],
          ["Natalie Rowe", "TEACHING_ASSISTANT", "Nursery Nurse", ["STAFF"], "2015-09-01"],
          ["Martin Hale", "SUPPORT", "Caretaker", ["STAFF"], "2012-05-08"],
          ["Lorraine Shaw", "SUPPORT", "Play Leader", ["STAFF"], "2018-09-01"],
          ["Kerry Nolan", "SUPPLY", "Nursery Teacher (agency)", ["STAFF"], "2025-04-22"],
          ["Frank Devlin", "VOLUNTEER", "Garden Volunteer", [], "2024-03-04"],
          ["Nisha Rao", "CONTRACTOR", "Speech and Language Therapist (contractor)", [], "2023-01-09"],
          FEDERATION_CHAIR,
          ["Rowan Fletcher", "GOVERNOR", "Parent Governor", ["GOVERNOR"], "2024-01-15"],
          ["Gemma Lowther", "TEACHING_ASSISTANT", "Nursery Nurse", ["STAFF"], "2016-09-01", "leaver"],
        ]),
      },
    ],
  },
  {
    name: "Ashgrove Primary School",
    kind: "STANDALONE",
    domain: STANDALONE_DOMAIN,
    orgRoles: [],
    schools: [
      {
        name: "Ashgrove Primary School",
        slug: "ashgrove",
        urn: "990301",
        members: members([
          ["Jonathan Reeve", "TEACHER", "Headteacher", ["HEADTEACHER", "STAFF"], "2014-09-01"],
          ["Sarah Whitfield", "TEACHER", "Deputy Headteacher", ["DEPUTY_HEAD", "STAFF"], "2016-09-01"],
          ["Michelle Okonkwo", "TEACHER", "Inclusion Lead and Designated Safeguarding Lead", ["DSL", "STAFF"], "2015-01-05"],
          ["Ryan Hughes", "TEACHER", "Year 5 Teacher and Deputy DSL", ["DEPUTY_DSL", "STAFF"], "2020-09-01"],
          ["Ellie Marchetti", "TEACHER", "Computing Lead", ["ICT_LEAD", "STAFF"], "2021-09-01"],
          ["Andrew Coates", "OFFICE", "School Business Manager", ["BUSINESS_MANAGER", "STAFF"], "2017-06-05"],
          ["Susan Pryor", "OFFICE", "Office Manager and Data Protection Officer", ["DPO", "STAFF"], "2009-09-01"],
          ["Katie Simmons", "TEACHER", "Year 2 Teacher", ["STAFF"], "2022-09-01"],
          ["Joel Ramsden", "TEACHER", "Year 6 Teacher", ["STAFF"], "2018-09-01"],
          ["Bryony Walters", "TEACHING_ASSISTANT", "Teaching Assistant", ["STAFF"], "2019-09-01"],
          ["Tariq Hussain", "TEACHING_ASSISTANT", "Teaching Assistant", ["STAFF"], "2023-09-04"],
          ["Colin Burrows", "SUPPORT", "Site Manager", ["STAFF"], "2011-03-01"],
          ["Dawn Ferris", "SUPPORT", "Midday Supervisor", ["STAFF"], "2016-01-04"],
          ["Phoebe Lang", "SUPPLY", "Supply Teacher (agency)", ["STAFF"], "2025-02-24"],
          ["Rosemary Quinn", "VOLUNTEER", "Library Volunteer", [], "2022-10-03"],
          ["Vikram Desai", "CONTRACTOR", "IT Support (contractor)", [], "2020-09-01"],
          ["Elizabeth Carrow", "GOVERNOR", "Chair of Governors", ["CHAIR_OF_GOVERNORS", "GOVERNOR"], "2017-09-01"],
          ["Patrick Doherty", "GOVERNOR", "Co-opted Governor", ["GOVERNOR"], "2023-03-01"],
          ["Adam Shepherd", "TEACHER", "Year 4 Teacher", ["STAFF"], "2016-09-01", "leaver"],
        ]),
      },
    ],
  },
];

const trust = (name: string) => emailFor(name, TRUST_DOMAIN);

/** The sign-ins that README.md lists and the browser tests use. */
export const DEMO_ACCOUNTS = {
  headteacher: { name: "Helen Marsh", email: trust("Helen Marsh"), school: "oakfield", what: "Headteacher, Oakfield Primary School" },
  businessManager: { name: "Priya Natarajan", email: trust("Priya Natarajan"), school: "oakfield", what: "School Business Manager, Oakfield" },
  ictLead: { name: "Tom Okafor", email: trust("Tom Okafor"), school: "oakfield", what: "Computing (ICT) Lead, Oakfield" },
  dsl: { name: "Claire Donnelly", email: trust("Claire Donnelly"), school: "oakfield", what: "Designated Safeguarding Lead, Oakfield" },
  teacher: { name: "Laura Pemberton", email: trust("Laura Pemberton"), school: "oakfield", what: "Year 3 Teacher, Oakfield (no management role)" },
  governor: { name: "Graham Whitlock", email: trust("Graham Whitlock"), school: "oakfield", what: "Parent Governor, Oakfield" },
  chairOfGovernors: { name: "Patricia Lowe", email: trust("Patricia Lowe"), school: "oakfield", what: "Chair of Governors, Oakfield (receives concerns about the Headteacher)" },
  dpo: { name: "Janet Cole", email: trust("Janet Cole"), school: "oakfield", what: "Office Manager and Data Protection Officer, Oakfield (breach register)" },
  supplyTeacher: { name: "Jordan Blake", email: trust("Jordan Blake"), school: "oakfield", what: "Supply teacher in both trust schools (Oakfield, Riverside)" },
  trustAdmin: { name: "Rachel Ingram", email: trust("Rachel Ingram"), school: "oakfield", what: "Trust administrator, Kestrel Valley Learning Trust (both trust schools)" },
  trustIctLead: { name: "Sam Kaur", email: trust("Sam Kaur"), school: "oakfield", what: "Trust ICT lead (both trust schools)" },
  executiveHead: {
    name: "Margaret Osei",
    email: emailFor("Margaret Osei", FEDERATION_DOMAIN),
    school: "willowbrook",
    what: "Executive Headteacher of the federation (Willowbrook and Hazel Lane)",
  },
  standaloneHead: {
    name: "Jonathan Reeve",
    email: emailFor("Jonathan Reeve", STANDALONE_DOMAIN),
    school: "ashgrove",
    what: "Headteacher, Ashgrove Primary School (standalone)",
  },
  trustee: { name: "Philippa Sandford", email: trust("Philippa Sandford"), school: "oakfield", what: "Trustee, Kestrel Valley Learning Trust (governors' summaries of both trust schools)" },
  leaver: { name: "Simon Grey", email: trust("Simon Grey"), school: "oakfield", what: "Left Oakfield: cannot sign in" },
} as const;

export type DemoAccountKey = keyof typeof DEMO_ACCOUNTS;
