// Demo policies, versions, declarations and reminders, written in our own words after the structure
// of the seed policies (a staff code of conduct with a declaration; approval by the governing body and
// a review date; a new version that everyone signs again; Part 1 / Part 2 declarations).
//
// Dates are relative to today, so the demo always shows a mix: in every school some staff have signed,
// some are outstanding (within their due days) and some are overdue. Declarations are inserted exactly
// as the app would make them: the version's content hash and declaration wording, a signer's typed name.
import { createHash } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client";
import type { StaffGroup } from "../../generated/prisma/enums";
import { record } from "../../lib/audit/record";
import { londonToday } from "../../lib/dates";
import { policyContentHash, type PolicySection } from "../../lib/policies/content";
import { DEMO_ACCOUNTS } from "./people";

const DAY = 86_400_000;

// ---------- Content ----------

type Content = {
  title: string;
  sections: PolicySection[];
  statements: string[];
  declarationWording: string;
  audience: StaffGroup[];
  inductionRequired: boolean;
};

const STAFF: StaffGroup[] = ["TEACHER", "TEACHING_ASSISTANT", "SUPPORT", "OFFICE", "SUPPLY", "VOLUNTEER", "CONTRACTOR"];

const AUP_SECTIONS_V1: PolicySection[] = [
  {
    heading: "Purpose and scope",
    body:
      "This policy explains how everyone who works in our schools uses the school's information and communication technology (ICT) safely, lawfully and professionally.\n\n" +
      "It covers every system and device the school provides: computers and laptops, tablets, phones, cameras, the network and Wi-Fi, email, the internet and online services. " +
      "It also covers **personal devices when they are used for school business**.\n\n" +
      "It applies to employees, supply and agency staff, student teachers, volunteers, contractors and anyone else given a school account, in school and elsewhere.",
  },
  {
    heading: "Accounts and passwords",
    body:
      "- Use only your own account, and keep your password to yourself.\n" +
      "- Choose a long password that you do not use anywhere else, and turn on two-step sign-in where it is offered.\n" +
      "- Lock the screen whenever you step away from a device, even for a moment.\n" +
      "- Tell the ICT lead at once if you think someone else knows your password.",
  },
  {
    heading: "Personal data",
    body:
      "Information about pupils, families and colleagues is personal data and is protected by data protection law.\n\n" +
      "1. Keep it in the systems the school provides (the management information system, the school's cloud storage).\n" +
      "2. Do not keep it on personal devices, personal email or unencrypted memory sticks.\n" +
      "3. Take it off site, or open it remotely, only with permission and on protected equipment.\n" +
      "4. If a device is lost or data goes to the wrong person, tell the School Business Manager straight away: the school may have only 72 hours to report a breach.",
  },
  {
    heading: "Email, messaging and contact with families",
    body:
      "Use your school email account for school business. Contact pupils and parents only through the channels the school has approved, " +
      "and keep messages professional: write nothing you would not be happy to see read aloud in a meeting with the family.",
  },
  {
    heading: "Internet and social media",
    body:
      "The school filters internet access to keep pupils and staff safe. If a site you need for teaching is blocked, ask the ICT lead; if you see something that should have been blocked, tell the DSL.\n\n" +
      "In your personal use of social media, remember that you are a member of staff: do not connect with pupils, do not post images of pupils, and do not discuss the school, its pupils or colleagues.",
  },
  {
    heading: "Monitoring",
    body:
      "The school monitors the use of its systems and may review records of internet use, email and files to make sure this policy is followed and to keep pupils safe.",
  },
  {
    heading: "Reporting concerns and breaches",
    body:
      "Report a safeguarding concern to the Designated Safeguarding Lead, misuse by a colleague to the Headteacher, and a concern about the Headteacher to the Chair of Governors.\n\n" +
      "A breach of this policy may be dealt with under the disciplinary procedure. Some breaches are criminal offences and will be reported to the police.",
  },
];

const AUP_SECTIONS_V2: PolicySection[] = AUP_SECTIONS_V1.map((s) =>
  s.heading === "Monitoring"
    ? {
        heading: "Monitoring",
        body:
          "The school monitors the use of its systems and may review records of internet use, email and files to make sure this policy is followed and to keep pupils safe.\n\n" +
          "Reading the content of a member of staff's communications (interception) is different: it is done only when there is a clear reason, " +
          "and **only with the written authorisation of the Chair of Governors**, for a limited time.",
      }
    : s,
);

const AUP_STATEMENTS_V2 = [
  "I understand that school ICT includes every system and device I use for my work, including laptops, tablets, phones, cameras, email, the internet and online services, and my own devices when I use them for school business.",
  "I will use school ICT for my professional role; any personal use will be occasional, reasonable and agreed with the Headteacher.",
  "I will keep my passwords and sign-in details to myself, use only my own account, and lock or sign out of any device I leave unattended.",
  "I will not try to get round the school's filtering, security or monitoring, for example with a VPN, a proxy or someone else's account.",
  "I will not install software, apps or hardware on school equipment without the agreement of the ICT lead.",
  "I will store personal data only where the school provides, and not on personal devices, personal email accounts or unencrypted memory sticks.",
  "I will not take personal data off site, or open it remotely, unless I have permission and it is protected.",
  "I will report the loss or theft of any school device, and any personal data sent to the wrong person, to the School Business Manager straight away.",
  "I understand that my use of school systems, email and the internet is monitored and recorded to check that this policy is followed.",
  "I will not look at, create, store or share material that is illegal, offensive, discriminatory or otherwise unsuitable for a school, and I will tell the DSL if I come across such material by accident.",
  "I will contact pupils and parents only through the channels and accounts the school has approved, and never through personal email, personal phone numbers, personal messaging apps or social media.",
  "I will make sure that anything I send on behalf of the school is professional, accurate and unlikely to be misread.",
  "I will take care with my personal use of social media, review my privacy settings regularly, and post nothing that could identify pupils or damage the school's reputation.",
  "I will not accept or make social media connections with pupils, and I will tell the Headteacher about any connection with a former pupil.",
  "I will take and keep photographs and videos of pupils only on school equipment, only where consent has been given, and only for school purposes.",
  "I will respect copyright and licences, and I will not use school systems for personal financial gain, gambling, political campaigning or advertising.",
  "I will report any concern about a child's safety or wellbeing, including anything I see online, to the Designated Safeguarding Lead without delay.",
  "I will report any misuse of ICT by a colleague to the Headteacher, or to the Chair of Governors if the concern is about the Headteacher.",
  "I will help pupils to use technology safely and responsibly, and follow the school's online safety teaching.",
  "I understand that a breach of this policy may lead to disciplinary action, and that some breaches may be referred to the police or children's social care.",
];

// Version 1 had no statement on getting round filtering, and a looser rule on messaging apps.
const AUP_STATEMENTS_V1 = AUP_STATEMENTS_V2.filter((s) => !s.startsWith("I will not try to get round")).map((s) =>
  s.startsWith("I will contact pupils and parents")
    ? "I will contact pupils and parents only through the channels and accounts the school has approved, and never through personal email or social media."
    : s,
);

const AUP_DECLARATION =
  "I have read and understood the Staff Acceptable Use of ICT policy and the code of conduct above, and I agree to follow them whenever I use school ICT, " +
  "or my own devices for school business, in school or elsewhere. I understand that the school monitors the use of its systems and that misuse may lead to " +
  "disciplinary action. If anything in this policy is unclear to me, I will ask a member of the senior leadership team.";

const AUP_V2_CHANGES =
  "New statement 4: do not get round the school's filtering or monitoring (VPNs, proxies, other people's accounts). " +
  "Statement 11 now also rules out personal phone numbers and messaging apps for contacting parents. " +
  "The Monitoring section now says that reading a member of staff's communications needs the written authorisation of the Chair of Governors.";

const aup = (title: string, sections: PolicySection[], statements: string[]): Content => ({
  title,
  sections,
  statements,
  declarationWording: AUP_DECLARATION,
  audience: STAFF,
  inductionRequired: true,
});

// After seed 003: a federation's "policy and guidance", signed by everyone, with a short declaration.
const FEDERATION_ICT: Content = {
  title: "ICT and Communications Systems: Policy and Guidance",
  sections: AUP_SECTIONS_V2,
  statements: AUP_STATEMENTS_V2,
  declarationWording:
    "I confirm that I have been given the Federation's policy and guidance on the use of ICT and communications systems and that I will follow it. " +
    "I understand that the school may monitor my electronic communications, including email and internet use, and that this applies when I work from home on school equipment or networks.",
  audience: STAFF,
  inductionRequired: true,
};

const PHONES: Content = {
  title: "Mobile Phones and Cameras",
  sections: [
    {
      heading: "Why we have this policy",
      body:
        "Phones and cameras are useful, but images of children must be taken, kept and shared only in ways that keep them safe. " +
        "This policy sets out where personal phones may be used and how the school's own cameras and tablets are looked after.",
    },
    {
      heading: "Personal mobile phones",
      body:
        "- Keep your phone on silent and out of sight while you are with pupils.\n" +
        "- Use it only in the staff room, offices and other places where pupils are not present.\n" +
        "- Never use it to photograph, film or record pupils.\n" +
        "- If your family needs to reach you in an emergency, they can call the school office.",
    },
    {
      heading: "School cameras and tablets",
      body:
        "School cameras and tablets stay on site unless the Headteacher agrees otherwise. Images are uploaded to the school's storage and removed from the device promptly, " +
        "and every device is cleared at least once each half term. A lost camera or tablet is reported to the School Business Manager at once.",
    },
    {
      heading: "Trips and visits",
      body: "On a trip, the trip leader carries the school phone. You may use your own phone to call the school or the emergency services if you need to.",
    },
    {
      heading: "Visitors, volunteers and contractors",
      body: "Visitors are asked to keep their phones away in areas where there are pupils. Staff should politely remind anyone who forgets.",
    },
  ],
  statements: [
    "I will keep my personal phone on silent and out of sight while I am working with pupils, and use it only where pupils are not present.",
    "I will never use a personal phone, camera or other personal device to photograph, film or record pupils.",
    "I will record pupils' learning only on school cameras and tablets, and only for pupils whose parents have given consent.",
    "I will not take a school camera or tablet off site without the Headteacher's agreement.",
    "I will upload images to the school's storage promptly and delete them from the device, and I understand that devices are cleared at least every half term.",
    "I will not share images of pupils by email, messaging apps or social media except through the school's approved systems.",
    "I will report a lost school phone, camera or tablet to the School Business Manager at once.",
    "I will remind visitors and volunteers that phones and cameras may not be used where pupils are present.",
  ],
  declarationWording:
    "I have read the Mobile Phones and Cameras policy and I will follow it. I understand that taking or keeping images of pupils on a personal device is a serious breach " +
    "that will be reported to the Designated Safeguarding Lead.",
  audience: ["TEACHER", "TEACHING_ASSISTANT", "SUPPORT", "OFFICE", "SUPPLY", "VOLUNTEER"],
  inductionRequired: false,
};

// ---------- Deterministic choices ----------

/** A stable number in [0, n) for a key: the same demo every time it is seeded. */
function pick(key: string, n: number): number {
  return createHash("sha256").update(key).digest().readUInt32BE(0) % n;
}

const USER_AGENTS = [
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0",
  "Mozilla/5.0 (Linux; Android 15; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
];

// A small drawn "signature" (a wavy line), as the signing page's canvas would send it.
const SIGNATURE_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAACgAAAAMCAYAAAAQw/9NAAAAZUlEQVR4nM2TMQoAIAwDOzv7Ov//jwpOUkSamIJDNskdbbXWh/0cVZGHfCUY5aSilXISSZVc1crdyIIs/EXSd0GkAIUykn4SRKaBToRmZOGKm6IYtwcVvxJmIAUvYjSj4t5UK1+ZCgRYmKVscugAAAAASUVORK5CYII=",
  "base64",
);

// Demo sign-ins stay clear of the induction gate (they have signed everything that requires it);
// the demo teacher signed the trust AUP's first version only, so she has version 2 to sign.
const DEMO_EMAILS = new Set<string>(Object.values(DEMO_ACCOUNTS).map((a) => a.email));
const DEMO_TEACHER = DEMO_ACCOUNTS.teacher.email;

type Member = { id: string; personId: string; staffGroup: StaffGroup; roles: string[]; startDate: Date; person: { name: string; email: string } };

/**
 * Who signed which version: demo sign-ins and everyone with a leadership role always; `share` (out
 * of 6) of the others. The demo teacher signs only what `teacher` says.
 */
function signs(m: Member, key: string, share: number, teacher: boolean): boolean {
  if (m.person.email === DEMO_TEACHER) return teacher;
  if (DEMO_EMAILS.has(m.person.email)) return true;
  if (m.roles.some((r) => r !== "STAFF" && r !== "GOVERNOR")) return true;
  return pick(`${m.person.email}|${key}`, 6) < share;
}

// ---------- Writing ----------

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// Every record below gets the audit event the app writes for it (lib/policies, lib/declarations,
// lib/reminders), marked as the demo's, on the chain of the school where it would have been made.
const BY = "demo seed";
type Audit = { schoolId: string; organisationId: string; actorId: string | null };
type PolicyRow = { id: string; schoolId: string | null; organisationId: string | null; title: string; dueDays: number; firstReminderDays: number };

async function publish(
  tx: Tx,
  audit: Audit,
  policy: PolicyRow,
  number: number,
  content: Content,
  meta: { approvedBy: string; approvedOn: Date; reviewDue: Date; publishedAt: Date; changeSummary: string | null },
  previous?: { id: string },
) {
  const policyId = policy.id;
  const v = {
    policyId,
    number,
    ...content,
    approvedBy: meta.approvedBy,
    approvedOn: meta.approvedOn,
    reviewDue: meta.reviewDue,
    changeSummary: meta.changeSummary,
  };
  const contentHash = policyContentHash(v);
  const version = await tx.policyVersion.create({
    data: { ...v, sections: content.sections, status: "PUBLISHED", contentHash, publishedAt: meta.publishedAt },
    select: { id: true, policyId: true, number: true, title: true, contentHash: true, declarationWording: true, audience: true, publishedAt: true },
  });
  const scope = policy.organisationId ? "organisation" : "school";
  if (number === 1) {
    await record(tx, {
      ...audit,
      action: "policy.created",
      entityType: "Policy",
      entityId: policy.id,
      data: { scope, title: policy.title, versionId: version.id, dueDays: policy.dueDays, firstReminderDays: policy.firstReminderDays, by: BY },
    });
  } else {
    await record(tx, {
      ...audit,
      action: "policy.version_started",
      entityType: "PolicyVersion",
      entityId: version.id,
      data: { policyId, number, from: previous?.id ?? null, changeSummary: meta.changeSummary, by: BY },
    });
  }
  await record(tx, {
    ...audit,
    action: "policy.version_published",
    entityType: "PolicyVersion",
    entityId: version.id,
    data: { policyId, scope, number, title: version.title, contentHash, audience: version.audience, publishedAt: meta.publishedAt, by: BY },
  });
  return version;
}

type Version = Awaited<ReturnType<typeof publish>>;

/** Declarations by the chosen members, a few days after publication (never in the future). */
async function declare(tx: Tx, audit: Audit, members: Member[], version: Version, key: string, share: number, teacher: boolean, now: Date) {
  const schoolId = audit.schoolId;
  const rows = members
    .filter((m) => version.audience.includes(m.staffGroup) && signs(m, key, share, teacher))
    .map((m) => {
      const from = Math.max(version.publishedAt!.getTime(), m.startDate.getTime());
      const signedAt = new Date(Math.min(now.getTime() - 60_000, from + (1 + pick(`${m.id}|${key}|d`, 8)) * DAY + (8 + pick(`${m.id}|${key}|h`, 9)) * 3_600_000));
      return {
        schoolId,
        personId: m.personId,
        membershipId: m.id,
        policyVersionId: version.id,
        contentHash: version.contentHash!,
        typedName: m.person.name,
        signaturePng: pick(`${m.id}|${key}|s`, 3) === 0 ? SIGNATURE_PNG : null,
        consentWording: version.declarationWording,
        signedAt,
        ip: `192.0.2.${10 + pick(`${m.id}|ip`, 200)}`,
        userAgent: USER_AGENTS[pick(`${m.id}|ua`, USER_AGENTS.length)],
        authMethod: pick(`${m.id}|${key}|auth`, 3) === 0 ? "magic-link" : "password",
      };
    });
  const made = await tx.declaration.createManyAndReturn({
    data: rows,
    select: { id: true, personId: true, signedAt: true, signaturePng: true, authMethod: true },
  });
  for (const d of made) {
    await record(tx, {
      ...audit,
      actorId: d.personId,
      action: "declaration.signed",
      entityType: "Declaration",
      entityId: d.id,
      data: {
        policyId: version.policyId,
        policyVersionId: version.id,
        versionNumber: version.number,
        contentHash: version.contentHash,
        drawnSignature: d.signaturePng !== null,
        authMethod: d.authMethod,
        signedAt: d.signedAt,
        by: BY,
      },
    });
  }
  return made.length;
}

/** Weekday reminders already sent (by the daily job) to those who have not signed a version. */
async function remind(tx: Tx, audit: Audit, members: Member[], version: Version, firstAfterDays: number, now: Date) {
  const schoolId = audit.schoolId;
  const signed = new Set(
    (await tx.declaration.findMany({ where: { schoolId, policyVersionId: version.id }, select: { personId: true } })).map((d) => d.personId),
  );
  const rows = [];
  for (const m of members) {
    if (!version.audience.includes(m.staffGroup) || signed.has(m.personId)) continue;
    for (let k = 0; ; k++) {
      let at = new Date(Math.max(version.publishedAt!.getTime(), m.startDate.getTime()) + (firstAfterDays + 7 * k) * DAY);
      while (at.getUTCDay() === 0 || at.getUTCDay() === 6) at = new Date(at.getTime() + DAY);
      at.setUTCHours(8, 5, 0, 0);
      if (at >= now || k >= 2) break;
      rows.push({ schoolId, personId: m.personId, policyVersionId: version.id, escalation: false, sentById: null, sentAt: at });
    }
  }
  const made = await tx.policyReminder.createManyAndReturn({ data: rows, select: { id: true, personId: true, sentAt: true } });
  for (const r of made) {
    await record(tx, {
      ...audit,
      actorId: null,
      action: "policy.reminder_sent",
      entityType: "PolicyReminder",
      entityId: r.id,
      data: { personId: r.personId, policyId: version.policyId, policyVersionId: version.id, by: "daily job", sentAt: r.sentAt, seed: BY },
    });
  }
  return made.length;
}

export async function seedPolicies(db: PrismaClient): Promise<{ policies: number; declarations: number; reminders: number }> {
  const totals = { policies: 0, declarations: 0, reminders: 0 };
  const now = new Date();
  const today = londonToday(now);
  const daysAgo = (n: number, hourUtc = 9) => new Date(today.getTime() - n * DAY + hourUtc * 3_600_000);
  const dateAgo = (n: number) => new Date(today.getTime() - n * DAY);
  const yearAfter = (d: Date) => new Date(Date.UTC(d.getUTCFullYear() + 1, d.getUTCMonth(), d.getUTCDate()));

  const organisations = await db.organisation.findMany({
    include: {
      roles: { where: { role: "TRUST_ADMIN" }, select: { personId: true }, orderBy: { createdAt: "asc" } },
      schools: {
        orderBy: { name: "asc" },
        include: {
          memberships: {
            where: { OR: [{ endDate: null }, { endDate: { gte: today } }], person: { status: "ACTIVE" } },
            select: { id: true, personId: true, staffGroup: true, roles: true, startDate: true, person: { select: { name: true, email: true } } },
          },
        },
      },
    },
    orderBy: { name: "asc" },
  });

  await db.$transaction(
    async (tx) => {
      for (const org of organisations) {
        if (org.schools.length === 0) continue;
        const counts = new Map<string, { policies: number; declarations: number; reminders: number }>();
        // Who would have done it in the app: a school's Headteacher; for the organisation's own policy, its
        // administrator (or the first school's Head), from the first school, as the app records it.
        const head = (s: (typeof org.schools)[number]) => s.memberships.find((m) => m.roles.includes("HEADTEACHER"))?.personId ?? null;
        const schoolAudit = (s: (typeof org.schools)[number]): Audit => ({ schoolId: s.id, organisationId: org.id, actorId: head(s) });
        const orgAudit: Audit = { ...schoolAudit(org.schools[0]), actorId: org.roles[0]?.personId ?? head(org.schools[0]) };
        const count = (schoolId: string) => {
          const c = counts.get(schoolId) ?? { policies: 0, declarations: 0, reminders: 0 };
          counts.set(schoolId, c);
          return c;
        };

        // The organisation's own policy: a trust or a federation writes one for all its schools.
        if (org.kind === "TRUST" || org.kind === "FEDERATION") {
          const policy = await tx.policy.create({
            data: { organisationId: org.id, title: org.kind === "TRUST" ? "Staff Acceptable Use of ICT" : FEDERATION_ICT.title, dueDays: 14, firstReminderDays: 7 },
          });
          if (org.kind === "TRUST") {
            // Two versions: most staff signed the first; the second was published ten days ago.
            const v1Approved = dateAgo(410);
            const v1 = await publish(tx, orgAudit, policy, 1, aup("Staff Acceptable Use of ICT", AUP_SECTIONS_V1, AUP_STATEMENTS_V1), {
              approvedBy: "Board of Trustees",
              approvedOn: v1Approved,
              reviewDue: yearAfter(v1Approved),
              publishedAt: daysAgo(400),
              changeSummary: null,
            });
            const v2Approved = dateAgo(14);
            const v2 = await publish(tx, orgAudit, policy, 2, aup("Staff Acceptable Use of ICT", AUP_SECTIONS_V2, AUP_STATEMENTS_V2), {
              approvedBy: "Board of Trustees",
              approvedOn: v2Approved,
              reviewDue: yearAfter(v2Approved),
              publishedAt: daysAgo(10),
              changeSummary: AUP_V2_CHANGES,
            }, v1);
            for (const s of org.schools) {
              const c = count(s.id);
              c.policies++;
              c.declarations += await declare(tx, schoolAudit(s), s.memberships, v1, "aup1", 5, true, now);
              c.declarations += await declare(tx, schoolAudit(s), s.memberships, v2, "aup2", 3, false, now);
              c.reminders += await remind(tx, schoolAudit(s), s.memberships, v2, 7, now);
            }
          } else {
            const approved = dateAgo(70);
            const v = await publish(tx, orgAudit, policy, 1, FEDERATION_ICT, {
              approvedBy: "Federation Governing Body",
              approvedOn: approved,
              reviewDue: yearAfter(approved),
              publishedAt: daysAgo(60),
              changeSummary: null,
            });
            for (const s of org.schools) {
              const c = count(s.id);
              c.policies++;
              c.declarations += await declare(tx, schoolAudit(s), s.memberships, v, "fed", 4, true, now);
              c.reminders += await remind(tx, schoolAudit(s), s.memberships, v, 7, now);
            }
          }
        }

        for (const s of org.schools) {
          const c = count(s.id);
          // A school that stands alone writes its own AUP.
          if (org.kind !== "TRUST" && org.kind !== "FEDERATION") {
            const policy = await tx.policy.create({ data: { schoolId: s.id, title: "Staff Acceptable Use of ICT", dueDays: 14, firstReminderDays: 7 } });
            const approved = dateAgo(35);
            const v = await publish(tx, schoolAudit(s), policy, 1, aup("Staff Acceptable Use of ICT", AUP_SECTIONS_V2, AUP_STATEMENTS_V2), {
              approvedBy: "Full Governing Board",
              approvedOn: approved,
              reviewDue: yearAfter(approved),
              publishedAt: daysAgo(30),
              changeSummary: null,
            });
            c.policies++;
            c.declarations += await declare(tx, schoolAudit(s), s.memberships, v, "aup-school", 4, true, now);
            c.reminders += await remind(tx, schoolAudit(s), s.memberships, v, 7, now);
          }

          // Every school has its own phones and cameras policy: overdue in the trust's schools, newly
          // published elsewhere (outstanding).
          const phonesAgo = org.kind === "TRUST" ? 40 : 5;
          const policy = await tx.policy.create({ data: { schoolId: s.id, title: PHONES.title, dueDays: 14, firstReminderDays: 7 } });
          const approved = dateAgo(phonesAgo + 7);
          const v = await publish(tx, schoolAudit(s), policy, 1, PHONES, {
            approvedBy: "Full Governing Board",
            approvedOn: approved,
            reviewDue: yearAfter(approved),
            publishedAt: daysAgo(phonesAgo),
            changeSummary: null,
          });
          c.policies++;
          c.declarations += await declare(tx, schoolAudit(s), s.memberships, v, "phones", 3, false, now);
          c.reminders += await remind(tx, schoolAudit(s), s.memberships, v, 7, now);

          // The Christmas closure: the reminder job stays quiet on these days.
          const year = today.getUTCMonth() >= 7 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
          for (let d = Date.UTC(year, 11, 22); d <= Date.UTC(year + 1, 0, 2); d += DAY) {
            const date = new Date(d);
            if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
            const holiday = await tx.schoolHoliday.create({ data: { schoolId: s.id, date, label: "Christmas holiday" } });
            await record(tx, {
              ...schoolAudit(s),
              action: "school.holiday_added",
              entityType: "SchoolHoliday",
              entityId: holiday.id,
              data: { date, label: holiday.label, by: BY },
            });
          }
          totals.policies += c.policies;
          totals.declarations += c.declarations;
          totals.reminders += c.reminders;
        }
      }
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
  return totals;
}
