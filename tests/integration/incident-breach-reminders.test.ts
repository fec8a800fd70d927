import { describe, it, expect, beforeEach } from "vitest";
import { db } from "../support/owner-db";
import { runBreachReminders } from "@/lib/incidents/breach-reminders";
import { recordBreachDecision } from "@/lib/incidents/service";
import { HOURLY_JOBS } from "@/lib/jobs/scheduler";
import { incidentWorld, ctxOf, report, type IncidentWorld } from "./incident-world";


// Acceptance point 6: reminders to the DPO and the Head at 24 and 48 hours while the ICO decision is
// open, on the hourly job, each exactly once however often (and however many instances) check.

const HOUR = 3_600_000;
let w: IncidentWorld;
beforeEach(async () => {
  w = await incidentWorld();
});

async function remindersFor(incidentId: string) {
  const mails = await db.devMail.findMany({ where: { text: { contains: incidentId }, subject: { contains: "data breach decision is due" } }, orderBy: { createdAt: "asc" } });
  return mails.map((m) => ({ to: m.to, hours: Number(/reported (\d+) hours ago/.exec(m.text)?.[1]) }));
}
const awareAtOf = async (id: string) => (await db.incident.findUniqueOrThrow({ where: { id } })).awareAt;
const run = (now: Date) => runBreachReminders(now, { schoolIds: [w.a.id] });

describe("breach reminders", () => {
  it("runs on the hourly job list", () => {
    expect(HOURLY_JOBS.map((j) => j.name)).toContain("breach-reminders");
  });

  it("at 24 and 48 hours, once each, to the DPO, the Head and the trust DPO", async () => {
    const id = await report(w.people.teacher, w.a.slug, "DATA_BREACH", { awareHoursAgo: 1 });
    const aware = await awareAtOf(id);
    const at = (h: number) => new Date(aware.getTime() + h * HOUR);
    const to = [w.people.dpo.email, w.people.head.email, w.people.trustDpo.email].sort();

    expect(await run(at(23.9))).toEqual({ reminders: 0, failures: 0 });
    expect(await run(at(24.1))).toEqual({ reminders: 3, failures: 0 });
    expect(await run(at(25))).toEqual({ reminders: 0, failures: 0 });
    expect(await run(at(47))).toEqual({ reminders: 0, failures: 0 });
    // Two instances checking in the same hour: one of them sends.
    const both = await Promise.all([run(at(48.2)), run(at(48.2))]);
    expect(both.map((r) => r.reminders).sort()).toEqual([0, 3]);
    expect(await run(at(60))).toEqual({ reminders: 0, failures: 0 });

    const sent = await remindersFor(id);
    expect(sent.filter((m) => m.hours === 24).map((m) => m.to).sort()).toEqual(to);
    expect(sent.filter((m) => m.hours === 48).map((m) => m.to).sort()).toEqual(to);
    expect(sent).toHaveLength(6);
    expect(await db.breachReminder.count({ where: { incidentId: id } })).toBe(2);
  });

  it("not once the decision is recorded", async () => {
    const id = await report(w.people.teacher, w.a.slug, "DATA_BREACH", { awareHoursAgo: 1 });
    await recordBreachDecision(await ctxOf(w.people.dpo, w.a.slug), {
      incidentId: id, reported: false, icoReportedOn: null, icoReference: null, notReportedReason: "Encrypted device, no risk.",
    });
    const aware = await awareAtOf(id);
    expect(await run(new Date(aware.getTime() + 30 * HOUR))).toEqual({ reminders: 0, failures: 0 });
    expect(await remindersFor(id)).toEqual([]);
  });

  it("never to a subject: a breach caused by the Head reminds the DPO and the trust DPO", async () => {
    const id = await report(w.people.teacher, w.a.slug, "DATA_BREACH", { awareHoursAgo: 1, subjectIds: [w.people.head.id] });
    const aware = await awareAtOf(id);
    await run(new Date(aware.getTime() + 24.5 * HOUR));
    expect((await remindersFor(id)).map((m) => m.to).sort()).toEqual([w.people.dpo.email, w.people.trustDpo.email].sort());
  });

  it("a breach found late (no check ran for two days) gets one reminder, for 48 hours, not two at once", async () => {
    const id = await report(w.people.teacher, w.a.slug, "DATA_BREACH", { awareHoursAgo: 1 });
    const aware = await awareAtOf(id);
    expect(await run(new Date(aware.getTime() + 50 * HOUR))).toEqual({ reminders: 3, failures: 0 });
    expect((await remindersFor(id)).map((m) => m.hours)).toEqual([48, 48, 48]);
    expect(await run(new Date(aware.getTime() + 51 * HOUR))).toEqual({ reminders: 0, failures: 0 });
  });

  it("no reminders for other categories", async () => {
    const id = await report(w.people.teacher, w.a.slug, "SECURITY_CONCERN", { awareHoursAgo: 1 });
    const aware = await awareAtOf(id);
    expect(await run(new Date(aware.getTime() + 49 * HOUR))).toEqual({ reminders: 0, failures: 0 });
  });
});
