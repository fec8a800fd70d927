import { describe, it, expect, beforeEach } from "vitest";
import { db } from "../support/owner-db";
import {
  acknowledgeIncidentAction, setStatusAction, setLeadAction, addChronologyAction, rerouteIncidentAction, closeIncidentAction,
  reopenIncidentAction, saveBreachDetailsAction, recordBreachDecisionAction, acknowledgeUrgentAction, reportIncidentAction,
} from "@/lib/incidents/actions";
import { getIncident, urgentForViewer, breachRegister, breachRegisterCsv, listIncidents } from "@/lib/incidents/queries";
import { signInAs } from "../support/session";
import { incidentWorld, ctxOf, report, mailedAbout, hoursAgo, type IncidentWorld } from "./incident-world";

let w: IncidentWorld;
beforeEach(async () => {
  w = await incidentWorld();
});

const as = <A extends (slug: string, input: unknown) => Promise<unknown>>(person: { id: string }, action: A, slug: string, input: unknown) => {
  signInAs(person);
  return action(slug, input) as ReturnType<A>;
};

describe("handling a report (acceptance point 5)", () => {
  it("new → acknowledged → investigating → closed with an outcome, reopened with a reason, each step in the chronology", async () => {
    const id = await report(w.people.teacher, w.a.slug, "FILTER_BYPASS");
    const { dsl, ddsl } = w.people;
    expect(await as(dsl, acknowledgeIncidentAction, w.a.slug, { incidentId: id })).toEqual({ ok: true, data: { status: "ACKNOWLEDGED" } });
    expect(await as(dsl, setLeadAction, w.a.slug, { incidentId: id, leadId: ddsl.id })).toEqual({ ok: true, data: { leadId: ddsl.id } });
    expect(await as(dsl, setStatusAction, w.a.slug, { incidentId: id, status: "INVESTIGATING" })).toMatchObject({ ok: true });
    expect(await as(ddsl, addChronologyAction, w.a.slug, { incidentId: id, kind: "PARENTS_INFORMED", note: "Both families phoned." })).toMatchObject({ ok: true });
    expect(await as(ddsl, closeIncidentAction, w.a.slug, { incidentId: id, outcome: "SUBSTANTIATED", summary: "Not an allegation." }))
      .toMatchObject({ ok: false, code: "INVALID", fieldErrors: { outcome: "Choose one of the outcomes" } });
    expect(await as(ddsl, closeIncidentAction, w.a.slug, { incidentId: id, outcome: "TECHNICAL_FIX", summary: "VPN app blocked." })).toMatchObject({ ok: true });
    expect(await as(ddsl, closeIncidentAction, w.a.slug, { incidentId: id, outcome: "TECHNICAL_FIX", summary: "Again." })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await as(dsl, reopenIncidentAction, w.a.slug, { incidentId: id, reason: "They found another VPN." })).toEqual({ ok: true, data: { status: "INVESTIGATING" } });

    const view = await getIncident(await ctxOf(dsl, w.a.slug), id);
    if (view?.view !== "handler") throw new Error("expected the handler's view");
    expect(view.lead).toEqual({ id: ddsl.id, name: ddsl.name });
    expect(view.status).toBe("INVESTIGATING");
    expect(view.outcome).toBeNull();
    expect(view.chronology.map((c) => [c.kind, c.author?.id])).toEqual([
      ["STATUS_CHANGED", dsl.id], ["LEAD_SET", dsl.id], ["STATUS_CHANGED", dsl.id], ["PARENTS_INFORMED", ddsl.id], ["CLOSED", ddsl.id], ["REOPENED", dsl.id],
    ]);
    expect(view.chronology.at(-1)?.note).toBe("They found another VPN.");
  });

  it("allegations close only with a KCSIE outcome", async () => {
    const id = await report(w.people.teacher, w.a.slug, "ALLEGATION_AGAINST_STAFF", { subjectIds: [w.people.teacher2.id] });
    expect(await as(w.people.dsl, closeIncidentAction, w.a.slug, { incidentId: id, outcome: "NO_FURTHER_ACTION", summary: "Looked into it." }))
      .toMatchObject({ ok: false, fieldErrors: { outcome: "Choose one of the outcomes for an allegation" } });
    expect(await as(w.people.dsl, closeIncidentAction, w.a.slug, { incidentId: id, outcome: "UNFOUNDED", summary: "No evidence it happened." })).toMatchObject({ ok: true });
    expect(await db.incident.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "CLOSED", outcome: "UNFOUNDED" });
  });

  it("the lead must be one of the handlers, never a subject or a bystander", async () => {
    const id = await report(w.people.teacher, w.a.slug, "COLLEAGUE_MISUSE", { subjectIds: [w.people.head.id] });
    for (const p of [w.people.head, w.people.teacher2]) {
      expect(await as(w.people.chair, setLeadAction, w.a.slug, { incidentId: id, leadId: p.id }))
        .toMatchObject({ ok: false, code: "INVALID", fieldErrors: { leadId: "Choose one of the people handling this report" } });
    }
    expect((await db.incident.findUniqueOrThrow({ where: { id } })).leadId).toBeNull();
  });

  it("re-routing widens who receives it, is recorded, emails only the new handlers, and never reaches a subject", async () => {
    const id = await report(w.people.teacher, w.a.slug, "SECURITY_CONCERN", { subjectIds: [w.people.bm.id] });
    expect(await as(w.people.ict, rerouteIncidentAction, w.a.slug, { incidentId: id, toRole: "BUSINESS_MANAGER", reason: "Their account sent it." }))
      .toMatchObject({ ok: false, code: "INVALID", fieldErrors: { toRole: "Nobody who may receive this report holds that role" } });
    expect(await as(w.people.ict, rerouteIncidentAction, w.a.slug, { incidentId: id, toRole: "DPO", reason: "Personal data may be involved." }))
      .toEqual({ ok: true, data: { newHandlers: 1 } });
    expect(await mailedAbout(id)).toEqual([w.people.dpo.email, w.people.head.email, w.people.ict.email].sort());
    expect((await getIncident(await ctxOf(w.people.dpo, w.a.slug), id))?.view).toBe("handler");
    expect(await getIncident(await ctxOf(w.people.bm, w.a.slug), id)).toBeNull();
    const entry = await db.chronologyEntry.findFirstOrThrow({ where: { incidentId: id, kind: "REROUTED" } });
    expect(entry).toMatchObject({ authorId: w.people.ict.id, note: "Also sent to: Data Protection Officer. Reason: Personal data may be involved." });
    expect(await db.auditEvent.findFirst({ where: { entityId: id, action: "incident.rerouted" } })).toMatchObject({ data: { toRole: "DPO" } });
  });

  it("read receipts: each handler's first opening is recorded once; the reporter's is not", async () => {
    const id = await report(w.people.teacher, w.a.slug, "SAFEGUARDING");
    const dsl = await ctxOf(w.people.dsl, w.a.slug);
    await getIncident(dsl, id);
    await getIncident(dsl, id);
    await getIncident(await ctxOf(w.people.teacher, w.a.slug), id);
    const view = await getIncident(await ctxOf(w.people.ddsl, w.a.slug), id);
    if (view?.view !== "handler") throw new Error("expected the handler's view");
    expect(view.readers.map((r) => r.id)).toEqual([w.people.dsl.id, w.people.ddsl.id]);
    expect(view.handlers.map((h) => h.id).sort()).toEqual([w.people.dsl.id, w.people.ddsl.id].sort());
    expect(await db.auditEvent.count({ where: { entityId: id, action: "incident.read" } })).toBe(2);
  });

  it("the reporter sees what they wrote and the status, never the handlers' notes", async () => {
    const id = await report(w.people.teacher, w.a.slug, "CYBERBULLYING", { description: "Messages in the class group chat about a colleague." });
    await as(w.people.dsl, addChronologyAction, w.a.slug, { incidentId: id, kind: "NOTE", note: "Secret handler note" });
    const view = await getIncident(await ctxOf(w.people.teacher, w.a.slug), id);
    expect(view).toMatchObject({ view: "reporter", status: "NEW", description: "Messages in the class group chat about a colleague." });
    expect(JSON.stringify(view)).not.toContain("Secret handler note");
    expect(view).not.toHaveProperty("chronology");
    expect(view).not.toHaveProperty("subjects");
  });

  it("police matters and allegations raise the urgent banner until a handler acknowledges it", async () => {
    const id = await report(w.people.teacher, w.a.slug, "POLICE_GROOMING");
    const other = await report(w.people.teacher, w.a.slug, "SECURITY_CONCERN");
    const ddsl = await ctxOf(w.people.ddsl, w.a.slug);
    expect((await urgentForViewer(ddsl)).map((u) => u.id)).toEqual([id]);
    expect((await urgentForViewer(await ctxOf(w.people.ict, w.a.slug))).map((u) => u.id)).not.toContain(other);
    expect(await urgentForViewer(await ctxOf(w.people.teacher, w.a.slug))).toEqual([]);
    expect(await as(w.people.dsl, acknowledgeUrgentAction, w.a.slug, { incidentId: id })).toEqual({ ok: true, data: { ok: true } });
    expect(await urgentForViewer(ddsl)).toEqual([]);
    expect(await db.incident.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "NEW", urgentAckById: w.people.dsl.id });
  });

  it("pupils only as initials or references, and the people it concerns only from this school", async () => {
    signInAs(w.people.teacher);
    const base = { category: "SAFEGUARDING", description: "A pupil disclosed something worrying.", occurredAt: "", awareAt: hoursAgo(1), location: "", immediateAction: "" };
    expect(await reportIncidentAction(w.a.slug, { ...base, subjectIds: [], pupilRefs: "Jonathan Smithson-Williams" }))
      .toMatchObject({ ok: false, code: "INVALID", fieldErrors: { pupilRefs: expect.stringMatching(/initials or a reference/) } });
    expect(await reportIncidentAction(w.a.slug, { ...base, subjectIds: [w.headB.id], pupilRefs: "" }))
      .toMatchObject({ ok: false, code: "INVALID", fieldErrors: { subjectIds: "Choose the people from this school's list" } });
    expect(await reportIncidentAction(w.a.slug, { ...base, subjectIds: [], pupilRefs: "", awareAt: hoursAgo(-48) }))
      .toMatchObject({ ok: false, code: "INVALID", fieldErrors: { awareAt: expect.stringMatching(/future/) } });
    expect(await db.incident.count({ where: { schoolId: w.a.id } })).toBe(0);
  });
});

describe("audit (acceptance point 8)", () => {
  it("every step is audited on the school's chain; a safeguarding report's rows hold ids only, never its words or codes", async () => {
    const secret = "Words that only the handlers may read: a named pupil and a colleague";
    const id = await report(w.people.teacher, w.a.slug, "ALLEGATION_AGAINST_STAFF", { subjectIds: [w.people.teacher2.id], description: secret });
    await as(w.people.dsl, acknowledgeIncidentAction, w.a.slug, { incidentId: id });
    await as(w.people.dsl, addChronologyAction, w.a.slug, { incidentId: id, kind: "REFERRED_LADO", note: `LADO told: ${secret}` });
    await as(w.people.dsl, closeIncidentAction, w.a.slug, { incidentId: id, outcome: "MALICIOUS", summary: secret });
    const rows = await db.auditEvent.findMany({ where: { schoolId: w.a.id, entityId: id }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.action)).toEqual(["incident.reported", "incident.acknowledged", "incident.chronology_added", "incident.closed"]);
    for (const r of rows) {
      const text = JSON.stringify(r.data);
      expect(text).not.toContain("Words");
      expect(text).not.toContain(w.people.teacher2.id);
      expect(r.entityType).toBe("Incident");
      // Not even the outcome code: "malicious" next to a handler's name says too much.
      expect(r.data).toEqual({});
    }
    const mail = await db.devMail.findMany({ where: { text: { contains: id } } });
    for (const m of mail) {
      expect(`${m.subject} ${m.text}`).not.toMatch(/allegation|Words|Teacher two/i);
    }
  });
});

describe("data breaches (acceptance point 6)", () => {
  const details = (incidentId: string) => ({
    incidentId, breachType: "LOSS", personalData: "Names and dates of birth of a class", peopleAffected: "30", recordsAffected: "30",
    consequences: "Identity details could be misused", risk: "RISK", remedialAction: "Asked the finder to return it", subjectsInformed: false, subjectsInformedOn: "",
  });

  it("the ICO decision is required before closing; 'not reported' needs a reason; the decision is recorded once", async () => {
    const id = await report(w.people.teacher, w.a.slug, "DATA_BREACH", { awareHoursAgo: 30 });
    const dpo = w.people.dpo;
    expect(await as(dpo, saveBreachDetailsAction, w.a.slug, details(id))).toMatchObject({ ok: true });
    const closing = { incidentId: id, outcome: "ADVICE_OR_TRAINING", summary: "Staff reminded to encrypt memory sticks." };
    expect(await as(dpo, closeIncidentAction, w.a.slug, closing)).toMatchObject({ ok: false, code: "CONFLICT", error: expect.stringMatching(/decision on reporting/) });
    expect(await as(dpo, recordBreachDecisionAction, w.a.slug, { incidentId: id, reported: false, notReportedReason: "" }))
      .toMatchObject({ ok: false, code: "INVALID", fieldErrors: { notReportedReason: "Give the reason it was not reported" } });
    expect(await as(dpo, recordBreachDecisionAction, w.a.slug, { incidentId: id, reported: true, icoReportedOn: "", icoReference: "" }))
      .toMatchObject({ ok: false, fieldErrors: { icoReportedOn: expect.any(String), icoReference: expect.any(String) } });
    expect((await db.breachRecord.findUniqueOrThrow({ where: { incidentId: id } })).decidedAt).toBeNull();
    expect(await as(dpo, recordBreachDecisionAction, w.a.slug, { incidentId: id, reported: false, notReportedReason: "The stick was encrypted after all." })).toMatchObject({ ok: true });
    expect(await as(dpo, recordBreachDecisionAction, w.a.slug, { incidentId: id, reported: true, icoReportedOn: "2026-11-30", icoReference: "IC-1" }))
      .toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await as(dpo, closeIncidentAction, w.a.slug, closing)).toMatchObject({ ok: true });

    const view = await getIncident(await ctxOf(w.people.head, w.a.slug), id);
    if (view?.view !== "handler" || !view.breach) throw new Error("expected the breach in the handler's view");
    expect(view.breach).toMatchObject({ decided: true, reported: false, breachType: "LOSS", peopleAffected: 30, decidedBy: { id: dpo.id } });
    expect(view.breach.clock.overdue).toBe(false);
  });

  it("the register lists every breach, reported or not, and its CSV neutralises formulas", async () => {
    const undecided = await report(w.people.teacher, w.a.slug, "DATA_BREACH", { awareHoursAgo: 80 });
    const reported = await report(w.people.teacher, w.a.slug, "DATA_BREACH", { awareHoursAgo: 5 });
    await as(w.people.dpo, saveBreachDetailsAction, w.a.slug, { ...details(reported), personalData: "=HYPERLINK(\"http://x\")" });
    await as(w.people.dpo, recordBreachDecisionAction, w.a.slug, { incidentId: reported, reported: true, icoReportedOn: "2026-12-01", icoReference: "ICO/123" });
    await report(w.people.teacher, w.a.slug, "SECURITY_CONCERN");

    const rows = await breachRegister(await ctxOf(w.people.dpo, w.a.slug));
    expect(rows.map((r) => [r.id, r.reported, r.decidedWithin72h])).toEqual([[reported, true, true], [undecided, null, null]]);
    const list = await listIncidents(await ctxOf(w.people.dpo, w.a.slug), { category: "DATA_BREACH" });
    expect(list.rows.find((r) => r.id === undecided)?.breachClock).toMatchObject({ overdue: true });
    expect(list.rows.find((r) => r.id === reported)?.breachClock).toBeNull();

    const csv = await breachRegisterCsv(await ctxOf(w.people.head, w.a.slug));
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Reference,School,Aware at/);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain("ICO/123");
    expect(csv).toContain("Not yet decided");
    // Without the permission, nothing.
    expect(await breachRegister(await ctxOf(w.people.ict, w.a.slug))).toEqual([]);
  });
});
