import { describe, it, expect, beforeAll, afterAll, beforeEach } from "vitest";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { db } from "../support/owner-db";
import { remindAllOutstanding } from "@/lib/reminders/service";
import { runPolicyReminders } from "@/lib/reminders/job";
import { makeMember } from "../support/fixtures";
import { policyWorld, publishedPolicy, ctxOf, type PolicyWorld } from "./policies-world";
import { inSchoolScope } from "@/lib/authz/require";

// Issue 6 point 10: two managers pressing "Remind all outstanding" at the same moment (or the button and
// the daily job) send one reminder per person. Real SMTP in this process, real Postgres, real concurrency.

const delivered: string[] = [];
let server: SMTPServer;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        delivered.push(...session.envelope.rcptTo.map((r) => r.address));
        // A mail server takes a moment: the window in which a second press used to send again.
        setTimeout(callback, 20);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let w: PolicyWorld;
beforeEach(async () => {
  w = await policyWorld();
  delivered.length = 0;
});

const at = (ymd: string, time = "09:00:00") => new Date(`${ymd}T${time}Z`);

/** School A's teachers' policy, published Monday 2 March 2026, with ten more teachers who have not signed. */
async function world() {
  const head = await ctxOf(w.headA.person, w.a.slug);
  const { policyId, versionId } = await inSchoolScope(head, () => publishedPolicy(head, { audience: ["TEACHER"], publishedAt: at("2026-03-02", "10:00:00") }));
  await Promise.all(Array.from({ length: 10 }, (_, i) => makeMember(w.a.id, { roles: ["STAFF"], name: `Extra Teacher ${i}` })));
  const outstanding = await db.membership.count({ where: { schoolId: w.a.id, staffGroup: "TEACHER" } });
  return { policyId, versionId, outstanding };
}

async function counts(versionId: string) {
  const reminders = await db.policyReminder.findMany({ where: { policyVersionId: versionId }, select: { personId: true } });
  const audit = await db.auditEvent.count({ where: { schoolId: w.a.id, action: "policy.reminder_sent" } });
  return { reminders: reminders.length, people: new Set(reminders.map((r) => r.personId)).size, audit };
}

describe("reminders sent at the same moment", () => {
  it("two managers pressing Remind all at once send one email per person", async () => {
    const { policyId, versionId, outstanding } = await world();
    const [head, bm] = await Promise.all([ctxOf(w.headA.person, w.a.slug), ctxOf(w.bmA.person, w.a.slug)]);
    const now = at("2026-03-10");

    const [one, two] = await Promise.all([inSchoolScope(head, () => remindAllOutstanding(head, { policyId }, now)), inSchoolScope(bm, () => remindAllOutstanding(bm, { policyId }, now))]);

    expect(delivered).toHaveLength(outstanding);
    expect(new Set(delivered).size).toBe(outstanding);
    expect(await counts(versionId)).toEqual({ reminders: outstanding, people: outstanding, audit: outstanding });
    expect(one.sent + two.sent).toBe(outstanding);
    expect(one.skipped + two.skipped).toBe(outstanding);
    expect(one.failed + two.failed).toBe(0);
  });

  it("three presses at once, then one more the same day, still one email per person", async () => {
    const { policyId, versionId, outstanding } = await world();
    const head = await ctxOf(w.headA.person, w.a.slug);
    const now = at("2026-03-10");
    await Promise.all([1, 2, 3].map(() => inSchoolScope(head, () => remindAllOutstanding(head, { policyId }, now))));
    expect(await inSchoolScope(head, () => remindAllOutstanding(head, { policyId }, at("2026-03-10", "15:00:00")))).toEqual({ sent: 0, skipped: outstanding, failed: 0 });
    expect(delivered).toHaveLength(outstanding);
    expect(await counts(versionId)).toEqual({ reminders: outstanding, people: outstanding, audit: outstanding });
  });

  it("the button and the daily job at the same moment send one email per person", async () => {
    const { policyId, versionId, outstanding } = await world();
    const head = await ctxOf(w.headA.person, w.a.slug);
    // Monday 9 March: the job's first reminders are due (seven days after publication).
    const now = at("2026-03-09", "08:00:00");
    const [button, job] = await Promise.all([inSchoolScope(head, () => remindAllOutstanding(head, { policyId }, now)), runPolicyReminders(now, { schoolIds: [w.a.id] })]);
    expect(delivered).toHaveLength(outstanding);
    expect(new Set(delivered).size).toBe(outstanding);
    expect(button.sent + job.reminders).toBe(outstanding);
    expect(await counts(versionId)).toEqual({ reminders: outstanding, people: outstanding, audit: outstanding });
  });

  it("the next London day, a press reminds everyone again", async () => {
    const { policyId, versionId, outstanding } = await world();
    const head = await ctxOf(w.headA.person, w.a.slug);
    // 23:30 UTC on 10 March is 23:30 in London (GMT); 00:30 UTC on 11 March is the next London day.
    await inSchoolScope(head, () => remindAllOutstanding(head, { policyId }, at("2026-03-10", "23:30:00")));
    expect(await inSchoolScope(head, () => remindAllOutstanding(head, { policyId }, at("2026-03-11", "00:30:00")))).toEqual({ sent: outstanding, skipped: 0, failed: 0 });
    expect(delivered).toHaveLength(2 * outstanding);
    expect((await counts(versionId)).reminders).toBe(2 * outstanding);
  });

  it("the daily run clears the school's claims from earlier days, and only that school's", async () => {
    const { policyId } = await world();
    const head = await ctxOf(w.headA.person, w.a.slug);
    await inSchoolScope(head, () => remindAllOutstanding(head, { policyId }, at("2026-03-10")));
    const otherSchool = { schoolId: w.b.id, personId: w.teacherB.person.id, policyVersionId: "v", escalation: false, day: at("2026-03-10", "00:00:00") };
    await db.reminderClaim.create({ data: otherSchool });
    expect(await db.reminderClaim.count({ where: { schoolId: w.a.id } })).toBeGreaterThan(0);
    await runPolicyReminders(at("2026-03-11"), { schoolIds: [w.a.id] });
    expect(await db.reminderClaim.count({ where: { schoolId: w.a.id, day: { lt: at("2026-03-11", "00:00:00") } } })).toBe(0);
    expect(await db.reminderClaim.count({ where: { schoolId: w.b.id } })).toBe(1);
  });
});
