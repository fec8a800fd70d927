import { describe, it, expect, beforeAll, afterAll, beforeEach } from "vitest";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { db } from "../support/owner-db";
import { remindOutstandingAction } from "@/lib/reminders/actions";
import { runPolicyReminders } from "@/lib/reminders/job";
import { runDailyJob, claimDailyRun } from "@/lib/jobs/runner";
import { signDeclaration } from "@/lib/declarations/service";
import { signInAs } from "../support/session";
import { policyWorld, publishedPolicy, policyState, ctxOf, actAs, type PolicyWorld, type Actor } from "./policies-world";
import { inSchoolScope } from "@/lib/authz/require";


// A real SMTP server in this process: the app sends through nodemailer exactly as in production.
type Received = { to: string[]; subject: string; text: string };
const inbox: Received[] = [];
let server: SMTPServer;

function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const soft = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === "=" && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** RFC 2047 encoded words in a header ("=?UTF-8?Q?…?=" / "=?UTF-8?B?…?="). */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeQuotedPrintable(text.replace(/_/g, " ")),
    );
}

function parse(raw: string, to: string[]): Received {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, " ");
  const subject = decodeHeader(/^Subject: (.*)$/im.exec(headers)?.[1] ?? "");
  const body = rest.join("\n\n");
  const text = /Content-Transfer-Encoding: quoted-printable/i.test(headers) ? decodeQuotedPrintable(body) : body;
  return { to, subject, text };
}

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        inbox.push(parse(Buffer.concat(chunks).toString("utf8"), session.envelope.rcptTo.map((r) => r.address)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  process.env.NEXTAUTH_URL = "https://ict.example.org.uk";
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let w: PolicyWorld;
beforeEach(async () => {
  w = await policyWorld();
  inbox.length = 0;
});

const at = (ymd: string, time = "09:00:00") => new Date(`${ymd}T${time}Z`);
const recipients = () => inbox.flatMap((m) => m.to).sort();
const run = (ymd: string) => runPolicyReminders(at(ymd), { schoolIds: [w.a.id] });

async function sign(person: { id: string; name: string; email: string }, versionId: string) {
  const ctx = await ctxOf(person, w.a.slug);
  await inSchoolScope(ctx, () => signDeclaration(ctx, { policyVersionId: versionId, typedName: person.name, confirmed: true, signaturePng: null }, { ip: null, userAgent: null }));
}

/**
 * School A, a policy for teachers published on Monday 2 March 2026 (first reminder after 7 days, due in
 * 14): the Headteacher and the DSL sign; the ICT lead and the teacher do not.
 */
async function reminderWorld() {
  const head = await ctxOf(w.headA.person, w.a.slug);
  const { policyId, versionId } = await inSchoolScope(head, () => publishedPolicy(head, { audience: ["TEACHER"], publishedAt: at("2026-03-02", "10:00:00") }));
  await sign(w.headA.person, versionId);
  await sign(w.dslA.person, versionId);
  return { policyId, versionId };
}

describe("the daily reminder job", () => {
  it("reminds exactly the outstanding people, weekly, never at weekends or on holidays, and escalates after three", async () => {
    const { policyId, versionId } = await reminderWorld();
    await db.schoolHoliday.create({ data: { schoolId: w.a.id, date: at("2026-03-16", "00:00:00"), label: "Staff training day" } });
    const outstanding = [w.ictA.person.email, w.teacherA.person.email].sort();

    // Too early (first reminder after 7 days), then a Sunday.
    expect(await run("2026-03-06")).toMatchObject({ reminders: 0 });
    expect(await run("2026-03-08")).toMatchObject({ reminders: 0, schools: [{ quiet: "weekend" }] });
    expect(inbox).toHaveLength(0);

    // Monday 9 March: the first reminders, to exactly the two who have not signed.
    expect(await run("2026-03-09")).toMatchObject({ reminders: 2, escalations: 0, failures: 0 });
    expect(recipients()).toEqual(outstanding);
    const mail = inbox.find((m) => m.to[0] === w.teacherA.person.email)!;
    expect(mail.subject).toBe('Reminder: please read and sign "Staff Acceptable Use of ICT"');
    expect(mail.text).toContain(`https://ict.example.org.uk/s/${w.a.slug}/policies/${policyId}/sign`);
    expect(mail.text).toContain("Laura Pemberton-Smith");
    // A link, never the policy text, never anyone else.
    expect(mail.text).not.toContain("I will keep my password private");
    expect(mail.text).not.toContain("passwords private");
    expect(mail.text).not.toContain("Ian Tech");
    expect(mail.text).not.toContain("Helen Head");

    // Each reminder is recorded, with its audit row.
    const rows = await db.policyReminder.findMany({ where: { schoolId: w.a.id, policyVersionId: versionId } });
    expect(rows.map((r) => [r.personId, r.escalation, r.sentById, r.sentAt.toISOString()]).sort()).toEqual(
      [
        [w.ictA.person.id, false, null, "2026-03-09T09:00:00.000Z"],
        [w.teacherA.person.id, false, null, "2026-03-09T09:00:00.000Z"],
      ].sort(),
    );
    expect(await db.auditEvent.count({ where: { schoolId: w.a.id, action: "policy.reminder_sent" } })).toBe(2);
    // Reminders are append-only, like the declarations they chase.
    await expect(db.$executeRaw`DELETE FROM "PolicyReminder" WHERE id = ${rows[0].id}`).rejects.toThrow(/append-only/);

    // The next day: nothing (weekly). Monday 16th: a holiday. Tuesday 17th: the second reminders.
    inbox.length = 0;
    expect(await run("2026-03-10")).toMatchObject({ reminders: 0 });
    expect(await run("2026-03-16")).toMatchObject({ reminders: 0, schools: [{ quiet: "holiday" }] });
    expect(inbox).toHaveLength(0);
    expect(await run("2026-03-17")).toMatchObject({ reminders: 2 });
    expect(recipients()).toEqual(outstanding);

    // Saturday: nothing. Tuesday 24th: the third.
    inbox.length = 0;
    expect(await run("2026-03-21")).toMatchObject({ reminders: 0, schools: [{ quiet: "weekend" }] });
    expect(await run("2026-03-24")).toMatchObject({ reminders: 2, escalations: 0 });

    // The teacher signs. Tuesday 31st: the ICT lead's fourth reminder, and the Headteacher is told.
    await sign(w.teacherA.person, versionId);
    inbox.length = 0;
    expect(await run("2026-03-31")).toMatchObject({ reminders: 1, escalations: 1 });
    expect(recipients()).toEqual([w.ictA.person.email, w.headA.person.email].sort());
    const escalation = inbox.find((m) => m.to[0] === w.headA.person.email)!;
    expect(escalation.subject).toBe('Not yet signed after 4 reminders: "Staff Acceptable Use of ICT"');
    expect(escalation.text).toContain("Ian Tech has not yet signed");
    expect(escalation.text).toContain(`/s/${w.a.slug}/policies/${policyId}/coverage`);
    expect(escalation.text).not.toContain("Laura");

    // One escalation per person per version: the next week, only the reminder.
    inbox.length = 0;
    expect(await run("2026-04-07")).toMatchObject({ reminders: 1, escalations: 0 });
    expect(recipients()).toEqual([w.ictA.person.email]);
    const all = await db.policyReminder.findMany({ where: { schoolId: w.a.id, policyVersionId: versionId, personId: w.ictA.person.id } });
    expect(all.filter((r) => r.escalation)).toHaveLength(1);
    expect(all.filter((r) => !r.escalation)).toHaveLength(5);
  });

  it("escalates about the Headteacher to the Chair of Governors, not to the Head", async () => {
    const head = await ctxOf(w.headA.person, w.a.slug);
    const { versionId } = await inSchoolScope(head, () => publishedPolicy(head, { audience: ["TEACHER"], publishedAt: at("2026-03-02", "10:00:00") }));
    for (const p of [w.dslA.person, w.ictA.person, w.teacherA.person]) await sign(p, versionId);
    await db.membership.update({ where: { id: w.governorA.membership.id }, data: { roles: ["CHAIR_OF_GOVERNORS", "GOVERNOR"] } });
    for (const d of ["2026-03-09", "2026-03-16", "2026-03-23"]) await run(d);
    inbox.length = 0;
    expect(await run("2026-03-30")).toMatchObject({ reminders: 1, escalations: 1 });
    expect(recipients()).toEqual([w.headA.person.email, w.governorA.person.email].sort());
    expect(inbox.find((m) => m.to[0] === w.governorA.person.email)!.text).toContain("as Chair of Governors");
  });

  it("leavers and other schools are left alone", async () => {
    const { versionId } = await reminderWorld();
    const headB = await ctxOf(w.headB.person, w.b.slug);
    await inSchoolScope(headB, () => publishedPolicy(headB, { audience: ["TEACHER"], publishedAt: at("2026-03-02", "10:00:00") }));
    await db.membership.update({ where: { id: w.teacherA.membership.id }, data: { endDate: at("2026-03-05", "00:00:00") } });
    expect(await run("2026-03-09")).toMatchObject({ reminders: 1 });
    expect(recipients()).toEqual([w.ictA.person.email]);
    expect(await db.policyReminder.count({ where: { schoolId: w.b.id } })).toBe(0);
    expect(await db.policyReminder.count({ where: { policyVersionId: versionId } })).toBe(1);
  });
});

describe("remindOutstandingAction", () => {
  it("emails everyone outstanding now, records who sent it, and skips anyone already reminded today", async () => {
    const { policyId, versionId } = await reminderWorld();
    signInAs(w.bmA.person);
    const res = await remindOutstandingAction(w.a.slug, { policyId });
    expect(res).toEqual({ ok: true, data: { sent: 2, skipped: 0, failed: 0 } });
    expect(recipients()).toEqual([w.ictA.person.email, w.teacherA.person.email].sort());
    const rows = await db.policyReminder.findMany({ where: { policyVersionId: versionId } });
    expect(rows.every((r) => r.sentById === w.bmA.person.id && !r.escalation)).toBe(true);
    expect(await db.auditEvent.count({ where: { schoolId: w.a.id, action: "policy.reminder_sent", actorId: w.bmA.person.id } })).toBe(2);

    inbox.length = 0;
    expect(await remindOutstandingAction(w.a.slug, { policyId })).toEqual({ ok: true, data: { sent: 0, skipped: 2, failed: 0 } });
    expect(inbox).toHaveLength(0);
  });

  it("a mail server that refuses leaves no record, so the person is tried again", async () => {
    const { policyId, versionId } = await reminderWorld();
    const saved = process.env.SMTP_URL;
    process.env.SMTP_URL = "smtp://127.0.0.1:1"; // nothing listens there
    try {
      signInAs(w.headA.person);
      expect(await remindOutstandingAction(w.a.slug, { policyId })).toEqual({ ok: true, data: { sent: 0, skipped: 0, failed: 2 } });
      expect(await db.policyReminder.count({ where: { policyVersionId: versionId } })).toBe(0);
    } finally {
      process.env.SMTP_URL = saved;
    }
    expect(await remindOutstandingAction(w.a.slug, { policyId })).toMatchObject({ ok: true, data: { sent: 2 } });
  });

  const REFUSED: [string, (w: PolicyWorld) => Actor, string][] = [
    ["a teacher", (w) => w.teacherA.person, "FORBIDDEN"],
    ["a governor", (w) => w.governorA.person, "FORBIDDEN"],
    ["the CEO (coverage only)", (w) => w.ceo, "FORBIDDEN"],
    ["the head of a sibling school", (w) => w.headA2.person, "NOT_FOUND"],
    ["the head of another trust's school", (w) => w.headB.person, "NOT_FOUND"],
    ["nobody signed in", () => null, "UNAUTHENTICATED"],
  ];
  it.each(REFUSED)("is refused to %s, with nothing sent or changed", async (_who, pick, code) => {
    const { policyId } = await reminderWorld();
    const before = await policyState([w.a.id, w.a2.id, w.b.id]);
    actAs(pick(w));
    expect(await remindOutstandingAction(w.a.slug, { policyId })).toMatchObject({ ok: false, code });
    expect(await policyState([w.a.id, w.a2.id, w.b.id])).toEqual(before);
    expect(inbox).toHaveLength(0);
  });

  it("another school's policy through one's own school is not found", async () => {
    const { policyId } = await reminderWorld();
    const before = await policyState([w.a.id, w.b.id]);
    signInAs(w.headB.person);
    expect(await remindOutstandingAction(w.b.slug, { policyId })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await policyState([w.a.id, w.b.id])).toEqual(before);
    expect(inbox).toHaveLength(0);
  });
});

describe("daily jobs on Postgres", () => {
  it("one instance runs a day's job: concurrent claims give one run", async () => {
    const name = `test-job-${randomUUID()}`;
    let runs = 0;
    const job = { name, notBeforeHour: 8, run: async () => ({ runs: ++runs }) };
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => runDailyJob(job, at("2026-03-09"))));
    expect(outcomes.filter((o) => o.status === "done")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "taken")).toHaveLength(4);
    expect(runs).toBe(1);
    const row = await db.jobRun.findFirstOrThrow({ where: { name } });
    expect(row).toMatchObject({ runDate: at("2026-03-09", "00:00:00"), attempts: 1, error: null, result: { runs: 1 } });
    expect(row.finishedAt).toBeInstanceOf(Date);
    // The next day is a new run.
    expect(await runDailyJob(job, at("2026-03-10"))).toMatchObject({ status: "done" });
  });

  it("waits for its hour (London time), and a failed run is tried again", async () => {
    const name = `test-job-${randomUUID()}`;
    let calls = 0;
    const job = {
      name,
      notBeforeHour: 8,
      run: async () => {
        calls++;
        if (calls === 1) throw new Error("SMTP down");
        return "ok";
      },
    };
    // 07:30 UTC in summer is 08:30 in London; 07:30 UTC in winter is 07:30.
    expect(await runDailyJob(job, at("2026-01-12", "07:30:00"))).toEqual({ status: "not-yet" });
    expect(await runDailyJob(job, at("2026-07-13", "07:30:00"))).toMatchObject({ status: "failed", error: "SMTP down" });
    expect(await runDailyJob(job, at("2026-07-13", "08:30:00"))).toMatchObject({ status: "done", result: "ok" });
    expect(await db.jobRun.findFirstOrThrow({ where: { name, runDate: at("2026-07-13", "00:00:00") } })).toMatchObject({ attempts: 2, error: null });
    expect(await runDailyJob(job, at("2026-07-13", "09:30:00"))).toEqual({ status: "taken" });
    // A run that is still going (not stale) is not taken over.
    expect(await claimDailyRun(`${name}-x`, "2026-07-14", at("2026-07-14", "09:00:00"))).not.toBeNull();
    expect(await claimDailyRun(`${name}-x`, "2026-07-14", at("2026-07-14", "09:30:00"))).toBeNull();
    // One whose instance died (no finish after two hours) is.
    expect(await claimDailyRun(`${name}-x`, "2026-07-14", at("2026-07-14", "11:30:00"))).not.toBeNull();
  });
});
