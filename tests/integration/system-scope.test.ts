import { describe, it, expect, beforeEach } from "vitest";
import { createHash, randomUUID } from "node:crypto";
import { db } from "../support/owner-db";
import { appRoleLogin } from "../support/app-role";
import { makeSchool, makeMember, makeOrgRole } from "../support/fixtures";
import { checkReference, checkUpload } from "@/lib/seal/verify";
import { runRequestExpiry } from "@/lib/requests/expiry";
import { runMonitoringEnd } from "@/lib/monitoring/job";
import { runBreachReminders } from "@/lib/incidents/breach-reminders";
import { runAuditVerification, runAuditAnchoring } from "@/lib/audit/job";
import { schoolsWithQueuedSeals } from "@/lib/seal/service";
import { record } from "@/lib/audit/record";
import { runInScope } from "@/lib/db/context";

// Decision 0028: the jobs, the sealing worker and /verify need no BYPASSRLS credential (there is none since
// decision 0032). The code runs as ict_web (DATABASE_URL); fixtures are written as the owner.

const { asApp } = appRoleLogin("ict_sys");

type World = Awaited<ReturnType<typeof world>>;
async function world() {
  const a = await makeSchool();
  const b = await makeSchool();
  const people = async (schoolId: string, organisationId: string) => ({
    head: await makeMember(schoolId, { roles: ["HEADTEACHER"] }),
    dpo: await makeMember(schoolId, { roles: ["DPO"] }),
    teacher: await makeMember(schoolId, { roles: ["STAFF"] }),
    trustDpo: await makeOrgRole(organisationId, "TRUST_DPO"),
  });
  return { a, b, pa: await people(a.id, a.organisationId), pb: await people(b.id, b.organisationId) };
}
let w: World;
beforeEach(async () => {
  w = await world();
});

const DAY = 86_400_000;
const tag = () => randomUUID().replace(/-/g, "").slice(0, 12).toUpperCase();

async function sealedDocument(school: { id: string; name: string }, bytes: Buffer) {
  const r = tag();
  return db.sealedDocument.create({
    data: {
      schoolId: school.id, declarationId: `decl-${r}`, part: 1, reference: `${r.slice(0, 4)}-${r.slice(4, 8)}-${r.slice(8, 12)}`,
      sha256: createHash("sha256").update(bytes).digest("hex"), bytes: new Uint8Array(bytes), certificateSha256: "c".repeat(64),
      selfSigned: true, sealedAt: new Date(), signerName: "Laura Pemberton-Smith", policyTitle: "Staff AUP", versionNumber: 2,
      signedAt: new Date(), schoolName: school.name,
    },
  });
}

async function incident(schoolId: string, reporterId: string, awareAt: Date) {
  const number = (await db.incident.count({ where: { schoolId } })) + 1;
  return db.incident.create({
    data: { schoolId, number, category: "DATA_BREACH", description: "Laptop left on a train", awareAt, reporterId, routedRoles: ["DPO", "HEADTEACHER"], routedOrgRoles: ["TRUST_DPO"] },
  });
}

async function authorisation(schoolId: string, requesterId: string, subjectId: string, endsOn: Date, status: "APPROVED" | "AWAITING") {
  const a = await db.monitoringAuthorisation.create({
    data: { schoolId, requesterId, subjectId, kinds: ["EMAIL"], grounds: ["SUSPECTED_CRIME"], necessity: "n", alternatives: "a", startsOn: new Date(endsOn.getTime() - 7 * DAY), endsOn },
  });
  if (status === "AWAITING") return a;
  // Approved without going through a decision: a fixture only, so the owner steps round the rules trigger.
  const [, approved] = await db.$transaction([
    db.$executeRawUnsafe("SET LOCAL session_replication_role = replica"),
    db.monitoringAuthorisation.update({ where: { id: a.id }, data: { status } }),
  ]);
  return approved;
}

describe("the definer functions give out only what they promise", () => {
  it("/verify's lookups return the PDF's own facts and ids only, and only for the exact bytes", async () => {
    const bytes = Buffer.from(`%PDF-1.7 sealed ${randomUUID()}`);
    const doc = await sealedDocument(w.b, bytes);
    const cols = ["id", "schoolId", "declarationId", "reference", "part", "signerName", "policyTitle", "versionNumber", "signedAt", "schoolName", "sealedAt", "selfSigned"];
    // As the app's role with no scope at all, and with another school's scope: the same narrow answer.
    for (const scope of [null, { schoolId: w.a.id }]) {
      const byRef = await asApp<Record<string, unknown>>(scope, `SELECT * FROM verify_sealed_reference($1)`, [doc.reference]);
      expect(byRef).toHaveLength(1);
      expect(Object.keys(byRef[0]).sort()).toEqual([...cols].sort());
      expect(byRef[0]).toMatchObject({ id: doc.id, schoolId: w.b.id, signerName: "Laura Pemberton-Smith", schoolName: w.b.name });
      const byBytes = await asApp<Record<string, unknown>>(scope, `SELECT * FROM verify_sealed_upload($1, $2)`, [doc.sha256, bytes]);
      expect(byBytes.map((r) => r.id)).toEqual([doc.id]);
    }
    // The right hash with other bytes (a collision, or a guess) finds nothing; nor does the stored table.
    expect(await asApp(null, `SELECT * FROM verify_sealed_upload($1, $2)`, [doc.sha256, Buffer.from("%PDF-other")])).toEqual([]);
    expect(await asApp(null, `SELECT id FROM "SealedDocument"`)).toEqual([]);
  });

  it("with no scope, the seal queue gives school ids only; the breach, monitoring and suspension functions give nothing", async () => {
    const now = new Date();
    for (const s of [w.a, w.b]) await db.sealJob.create({ data: { schoolId: s.id, declarationId: `decl-${tag()}`, part: 1, reference: tag() } });
    const rows = await asApp<Record<string, unknown>>(null, `SELECT * FROM seal_queue_schools($1, 5)`, [new Date(now.getTime() - 60_000)]);
    expect(rows.every((r) => Object.keys(r).join() === "schoolId")).toBe(true);
    expect(rows.map((r) => r.schoolId)).toEqual(expect.arrayContaining([w.a.id, w.b.id]));
    expect(await runInScope(null, () => schoolsWithQueuedSeals(now))).toEqual(expect.arrayContaining([w.a.id, w.b.id]));

    const inc = await incident(w.a.id, w.pa.teacher.person.id, new Date(now.getTime() - 30 * 3_600_000));
    await authorisation(w.a.id, w.pa.head.person.id, w.pa.teacher.person.id, new Date(now.getTime() - 3 * DAY), "APPROVED");
    await db.person.update({ where: { id: w.pa.teacher.person.id }, data: { status: "SUSPENDED" } });
    expect(await asApp(null, `SELECT * FROM breach_reminders_due(now())`)).toEqual([]);
    expect(await asApp(null, `SELECT * FROM monitoring_due_to_end(current_date + 1)`)).toEqual([]);
    expect(await asApp(null, `SELECT * FROM suspended_here($1, current_date)`, [[w.pa.teacher.person.id]])).toEqual([]);
    // In school B's scope, none of school A's rows either, and A's reminder cannot be claimed from B.
    expect(await asApp({ schoolId: w.b.id }, `SELECT * FROM breach_reminders_due(now())`)).toEqual([]);
    expect(await asApp({ schoolId: w.b.id }, `SELECT * FROM monitoring_due_to_end(current_date + 1)`)).toEqual([]);
    expect(await asApp({ schoolId: w.b.id }, `SELECT * FROM suspended_here($1, current_date)`, [[w.pa.teacher.person.id]])).toEqual([]);
    await expect(asApp({ schoolId: w.b.id }, `SELECT breach_reminder_claim($1, 24)`, [inc.id])).rejects.toThrow(/only in the incident's school/);
    // In A's own scope: ids and times only.
    const due = await asApp<Record<string, unknown>>({ schoolId: w.a.id }, `SELECT * FROM breach_reminders_due(now())`);
    expect(due).toEqual([{ id: inc.id, awareAt: inc.awareAt }]);
    expect(await asApp({ schoolId: w.a.id }, `SELECT * FROM suspended_here($1, current_date)`, [[w.pa.teacher.person.id]])).toEqual([{ suspended_here: w.pa.teacher.person.id }]);
  });
});

describe("the jobs as ict_web, with no system credential", () => {
  it("request expiry and monitoring end do their work in both schools, and a run for A writes nothing in B", async () => {
    const past = new Date(Date.now() - 3 * DAY);
    const request = (s: { id: string }, requesterId: string) =>
      db.permissionRequest.create({ data: { schoolId: s.id, kind: "SOFTWARE", requesterId, approverRoles: ["HEADTEACHER"], details: {}, status: "APPROVED", endsOn: past } });
    const [ra, rb] = [await request(w.a, w.pa.teacher.person.id), await request(w.b, w.pb.teacher.person.id)];
    const [ma, mb] = [
      await authorisation(w.a.id, w.pa.head.person.id, w.pa.teacher.person.id, past, "APPROVED"),
      await authorisation(w.b.id, w.pb.head.person.id, w.pb.teacher.person.id, past, "AWAITING"),
    ];
    const bEvents = await db.auditEvent.count({ where: { schoolId: w.b.id } });

    expect(await runRequestExpiry(new Date(), { schoolIds: [w.a.id] })).toEqual({ expired: 1 });
    expect(await runMonitoringEnd(new Date(), { schoolIds: [w.a.id] })).toEqual({ ended: 1, lapsed: 0 });
    expect((await db.permissionRequest.findUniqueOrThrow({ where: { id: rb.id } })).status).toBe("APPROVED");
    expect((await db.monitoringAuthorisation.findUniqueOrThrow({ where: { id: mb.id } })).status).toBe("AWAITING");
    expect(await db.auditEvent.count({ where: { schoolId: w.b.id } })).toBe(bEvents);

    expect(await runRequestExpiry(new Date(), { schoolIds: [w.a.id, w.b.id] })).toEqual({ expired: 1 });
    expect(await runMonitoringEnd(new Date(), { schoolIds: [w.a.id, w.b.id] })).toEqual({ ended: 0, lapsed: 1 });
    expect((await db.permissionRequest.findMany({ where: { id: { in: [ra.id, rb.id] } } })).map((r) => r.status)).toEqual(["EXPIRED", "EXPIRED"]);
    expect((await db.monitoringAuthorisation.findUniqueOrThrow({ where: { id: ma.id } })).status).toBe("ENDED");
    expect((await db.monitoringAuthorisation.findUniqueOrThrow({ where: { id: mb.id } })).status).toBe("LAPSED");
    const actions = await db.auditEvent.findMany({ where: { entityId: { in: [ra.id, rb.id, ma.id, mb.id] } }, select: { schoolId: true, action: true } });
    expect(actions).toEqual(expect.arrayContaining([
      { schoolId: w.a.id, action: "request.expired" }, { schoolId: w.b.id, action: "request.expired" },
      { schoolId: w.a.id, action: "monitoring.ended" }, { schoolId: w.b.id, action: "monitoring.lapsed" },
    ]));
  });

  it("breach reminders go in both schools, each to its own people, and a run for A claims nothing of B's", async () => {
    const aware = new Date(Date.now() - 25 * 3_600_000);
    const ia = await incident(w.a.id, w.pa.teacher.person.id, aware);
    const ib = await incident(w.b.id, w.pb.teacher.person.id, aware);
    expect(await runBreachReminders(new Date(), { schoolIds: [w.a.id] })).toEqual({ reminders: 3, failures: 0 });
    expect(await db.breachReminder.count({ where: { incidentId: ib.id } })).toBe(0);
    expect(await runBreachReminders(new Date(), { schoolIds: [w.a.id, w.b.id] })).toEqual({ reminders: 3, failures: 0 });
    expect(await db.breachReminder.count({ where: { incidentId: { in: [ia.id, ib.id] } } })).toBe(2);
    const to = async (id: string) => (await db.devMail.findMany({ where: { text: { contains: id }, subject: { contains: "data breach decision is due" } } })).map((m) => m.to).sort();
    expect(await to(ia.id)).toEqual([w.pa.head.person.email, w.pa.dpo.person.email, w.pa.trustDpo.email].sort());
    expect(await to(ib.id)).toEqual([w.pb.head.person.email, w.pb.dpo.person.email, w.pb.trustDpo.email].sort());
  });

  it("audit verification and anchoring cover school and organisation chains, each in its own scope", async () => {
    await db.$transaction(async (tx) => {
      for (const s of [w.a, w.b]) await record(tx, { schoolId: s.id, organisationId: s.organisationId, action: "test.event" });
      await record(tx, { organisationId: w.a.organisationId, action: "test.org-event" });
    });
    const chains = [w.a.id, w.b.id, `org:${w.a.organisationId}`];
    const verified = await runAuditVerification(new Date(), { chains });
    expect(verified).toEqual({ checked: 3, broken: null });
    const cps = await db.auditCheckpoint.findMany({ where: { chain: { in: chains } }, select: { chain: true, seq: true } });
    expect(cps.sort((x, y) => x.chain.localeCompare(y.chain))).toEqual(chains.map((chain) => ({ chain, seq: 1 })).sort((x, y) => x.chain.localeCompare(y.chain)));
    const anchored = await runAuditAnchoring(new Date(), { chains });
    expect(anchored).toMatchObject({ chains: 3, anchored: 3, broken: [] });
    const stored = await db.auditAnchor.findMany({ where: { chain: { in: chains } }, select: { chain: true, schoolId: true, organisationId: true } });
    expect(stored).toEqual(expect.arrayContaining([
      { chain: w.a.id, schoolId: w.a.id, organisationId: w.a.organisationId },
      { chain: w.b.id, schoolId: w.b.id, organisationId: w.b.organisationId },
      { chain: `org:${w.a.organisationId}`, schoolId: null, organisationId: w.a.organisationId },
    ]));
    // The digests go to each school's DPO and its trust's DPO, as before.
    expect(anchored.digests.sent).toBe(4);
  });

  it("/verify answers a stranger's check with no scope and no system credential", async () => {
    const bytes = Buffer.from(`%PDF-1.7 sealed ${randomUUID()}`);
    const doc = await sealedDocument(w.a, bytes);
    const byRef = await runInScope(null, () => checkReference(doc.reference, "198.51.100.7"));
    expect(byRef).toMatchObject({ outcome: "match", facts: { reference: doc.reference, schoolName: w.a.name, versionNumber: 2 } });
    const byUpload = await runInScope(null, () => checkUpload(new Uint8Array(bytes), "198.51.100.7"));
    expect(byUpload).toMatchObject({ outcome: "match", facts: { reference: doc.reference } });
    expect(Object.keys((byUpload as { facts: object }).facts).sort()).toEqual(["part", "policyTitle", "reference", "schoolName", "sealedAt", "selfSigned", "signedAt", "signerName", "versionNumber"]);
  });
});
