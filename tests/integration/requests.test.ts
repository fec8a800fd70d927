import { describe, it, expect, beforeAll } from "vitest";
import { db } from "../support/owner-db";
import { runInScope } from "@/lib/db/context";
import { db as appDb, type Tx } from "@/lib/db";
import { KIND_KEYS, REQUEST_KINDS, type RequestKindKey, type RequestKind } from "@/lib/requests/kinds";
import { submitRequestAction, approveRequestAction, declineRequestAction, askForMoreAction, answerRequestAction, withdrawRequestAction, acknowledgeRequestAction } from "@/lib/requests/actions";
import { approverQueue, requestForPage, myRequests } from "@/lib/requests/queries";
import { requestHash } from "@/lib/requests/hash";
import { runRequestExpiry } from "@/lib/requests/expiry";
import { requestSummary } from "@/lib/requests/summary";
import { verifyAuditLog } from "@/lib/audit/verify";
import { GET as registerCsv } from "@/app/s/[school]/requests/register.csv/route";
import { signInAs, signOut } from "../support/session";
import { makeSchool, makeMember } from "../support/fixtures";
import { requestsWorld, ctxOf, sampleDetails, dayString, requestState, type RequestsWorld } from "./requests-world";

// The governors' figures as the governance summary reads them: as ict_web, in one transaction in a school's
// scope (decision 0029).
const asGovernance = <T>(schoolId: string, fn: (tx: Tx) => Promise<T>) => runInScope({ schoolId }, () => appDb.$transaction(fn));

let w: RequestsWorld;
beforeAll(async () => {
  w = await requestsWorld();
});

type Who = keyof RequestsWorld["people"];

async function submit(as: { id: string }, kind: RequestKindKey, over: Record<string, unknown> = {}): Promise<string> {
  signInAs(as);
  const res = await submitRequestAction(w.a.slug, { kind, details: sampleDetails(kind, over) });
  if (!res.ok) throw new Error(`${kind}: ${res.error} ${JSON.stringify(res.fieldErrors)}`);
  return res.data.id;
}

const mailedTo = async (requestId: string) =>
  (await db.devMail.findMany({ where: { text: { contains: `/requests/${requestId}` } }, select: { to: true } })).map((m) => m.to).sort();

// Who asks for each kind in the world, and who (and only who) must be asked to decide it.
const ROUTES: [RequestKindKey, Who, Who[]][] = KIND_KEYS.map((k): [RequestKindKey, Who, Who[]] => {
  const kind = REQUEST_KINDS[k] as RequestKind;
  const asker: Who = kind.onlyFor ? "ta" : "teacher";
  const who: Record<string, Who> = { HEADTEACHER: "head", DEPUTY_HEAD: "deputy", ICT_LEAD: "ictLead", BUSINESS_MANAGER: "bm" };
  return [k, asker, kind.approvers.map((r) => who[r])];
});
ROUTES.push(["LETTER_HOME", "office", ["bm", "head"]], ["PARENT_PHONE_CALL", "lunchtime", ["head", "deputy"]]);

describe("each kind reaches its approvers only", () => {
  it.each(ROUTES)("%s asked by %s goes to %j (queue and email)", async (kind, asker, approvers) => {
    const id = await submit(w.people[asker], kind);
    const expected = new Set<Who>(approvers);
    for (const who of Object.keys(w.people) as Who[]) {
      const queue = await approverQueue(await ctxOf(w.people[who], w.a.slug));
      expect({ who, inQueue: queue.some((r) => r.id === id) }).toEqual({ who, inQueue: expected.has(who) });
    }
    expect(await mailedTo(id)).toEqual([...expected].map((p) => w.people[p].email).sort());
    // The mail is a link, nothing else: no kind, no words of the request.
    const mail = await db.devMail.findFirstOrThrow({ where: { text: { contains: `/requests/${id}` } } });
    expect(mail.text).not.toContain((REQUEST_KINDS[kind] as RequestKind).label);
    expect(mail.text).not.toContain("(test)");
  });

  it("a kind for teaching assistants and lunchtime staff is refused to a teacher", async () => {
    const before = await requestState(w.a.id);
    signInAs(w.people.teacher);
    const res = await submitRequestAction(w.a.slug, { kind: "PARENT_PHONE_CALL", details: sampleDetails("PARENT_PHONE_CALL") });
    expect(res).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { kind: expect.any(String) } });
    expect(await requestState(w.a.id)).toEqual(before);
  });

  it("bad input is a message by its field, and nothing is written", async () => {
    const before = await requestState(w.a.id);
    signInAs(w.people.teacher);
    const res = await submitRequestAction(w.a.slug, { kind: "CAMERA_OFF_SITE", details: { ...sampleDetails("CAMERA_OFF_SITE"), destination: "", fromDate: dayString(5), untilDate: dayString(2) } });
    expect(res).toMatchObject({ ok: false, code: "INVALID" });
    if (res.ok) return;
    expect(res.fieldErrors).toMatchObject({ "details.destination": 'Answer "Where are you going?"', "details.untilDate": "The end date must be on or after the start date" });
    expect(await submitRequestAction(w.a.slug, { kind: "NOT_A_KIND", details: {} })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { kind: "Choose what you are asking for" } });
    expect(await submitRequestAction(w.a.slug, { kind: "CAMERA_OFF_SITE", details: { ...sampleDetails("CAMERA_OFF_SITE"), planted: "x" } })).toMatchObject({ ok: false, code: "INVALID" });
    expect(await requestState(w.a.id)).toEqual(before);
  });
});

describe("nobody decides their own request", () => {
  it("the Head's own goes to the Chair of Governors, who decides it", async () => {
    const id = await submit(w.people.head, "PERSONAL_USE");
    expect((await db.permissionRequest.findUniqueOrThrow({ where: { id } })).approverRoles).toEqual(["CHAIR_OF_GOVERNORS"]);
    expect((await approverQueue(await ctxOf(w.people.chair, w.a.slug))).map((r) => r.id)).toContain(id);
    expect((await approverQueue(await ctxOf(w.people.deputy, w.a.slug))).map((r) => r.id)).not.toContain(id);
    expect(await mailedTo(id)).toEqual([w.people.chair.email]);
    signInAs(w.people.head);
    expect(await approveRequestAction(w.a.slug, { requestId: id, endsOn: dayString(7) })).toMatchObject({ ok: false, code: "CONFLICT" });
    signInAs(w.people.chair);
    expect(await approveRequestAction(w.a.slug, { requestId: id, endsOn: dayString(7) })).toMatchObject({ ok: true });
  });

  it("with no Chair of Governors recorded, the Head is told that nobody can decide their request yet", async () => {
    const lone = await makeSchool(w.trust.id);
    const head = (await makeMember(lone.id, { roles: ["HEADTEACHER"], name: "Head of a school with no Chair" })).person;
    signInAs(head);
    const res = await submitRequestAction(lone.slug, { kind: "PERSONAL_USE", details: sampleDetails("PERSONAL_USE") });
    if (!res.ok) throw new Error(res.error);
    expect(await requestForPage(await ctxOf(head, lone.slug), res.data.id)).toMatchObject({ nobodyToDecide: true });
    const id = await submit(w.people.teacher, "PERSONAL_USE");
    expect(await requestForPage(await ctxOf(w.people.teacher, w.a.slug), id)).toMatchObject({ nobodyToDecide: false });
  });

  it("an approver's own request of a kind they approve goes to the Head, and they cannot decide it (service)", async () => {
    const id = await submit(w.people.ictLead, "INSTALL_SOFTWARE");
    expect((await db.permissionRequest.findUniqueOrThrow({ where: { id } })).approverRoles).toEqual(["HEADTEACHER"]);
    const letter = await submit(w.people.bm, "LETTER_HOME");
    expect((await db.permissionRequest.findUniqueOrThrow({ where: { id: letter } })).approverRoles).toEqual(["BUSINESS_MANAGER", "HEADTEACHER"]);
    expect(await mailedTo(letter)).toEqual([w.people.head.email]);
    const before = await requestState(w.a.id);
    signInAs(w.people.bm);
    expect(await approveRequestAction(w.a.slug, { requestId: letter })).toMatchObject({ ok: false, code: "CONFLICT", error: "Nobody decides their own request." });
    expect(await declineRequestAction(w.a.slug, { requestId: letter, reason: "No" })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await requestState(w.a.id)).toEqual(before);
  });

  it("the database refuses a decision by the requester, or by someone without an approver role", async () => {
    const id = await submit(w.people.bm, "LETTER_HOME");
    const r = await db.permissionRequest.findUniqueOrThrow({ where: { id } });
    const row = (actorId: string) => ({ schoolId: w.a.id, requestId: id, event: "APPROVED" as const, actorId, requestHash: requestHash(r) });
    await expect(db.permissionRequestHistory.create({ data: row(w.people.bm.id) })).rejects.toThrow(/nobody decides their own request/);
    await expect(db.permissionRequestHistory.create({ data: row(w.people.teacher.id) })).rejects.toThrow(/may not decide this request/);
    await expect(db.permissionRequest.update({ where: { id }, data: { status: "APPROVED", decidedById: w.people.bm.id } })).rejects.toThrow(/nobody decides their own request/);
    expect((await db.permissionRequest.findUniqueOrThrow({ where: { id } })).status).toBe("SUBMITTED");
  });
});

describe("decisions", () => {
  it("a decline needs its reason (form, service and database)", async () => {
    const id = await submit(w.people.teacher, "WEBSITE_UPLOAD");
    const before = await requestState(w.a.id);
    signInAs(w.people.deputy);
    expect(await declineRequestAction(w.a.slug, { requestId: id, reason: "  " })).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { reason: "Give the reason for declining" } });
    expect(await requestState(w.a.id)).toEqual(before);
    await expect(db.permissionRequest.update({ where: { id }, data: { status: "DECLINED", decidedById: w.people.deputy.id } })).rejects.toThrow(/needs its reason/);
    expect(await declineRequestAction(w.a.slug, { requestId: id, reason: "Parents of two pupils have not consented." })).toMatchObject({ ok: true });
    const r = await db.permissionRequest.findUniqueOrThrow({ where: { id } });
    expect(r).toMatchObject({ status: "DECLINED", reason: "Parents of two pupils have not consented.", decidedById: w.people.deputy.id });
    expect(await mailedTo(id)).toContain(w.people.teacher.email);
  });

  it("an approval of a time-limited kind needs an end date; conditions, who and when are kept, with the hash of what was approved", async () => {
    const id = await submit(w.people.teacher, "CAMERA_OFF_SITE", { destination: "Eden Project" });
    signInAs(w.people.head);
    expect(await approveRequestAction(w.a.slug, { requestId: id, conditions: "Delete the photos after upload." })).toMatchObject({ ok: false, fieldErrors: { endsOn: "Give the date this permission ends." } });
    expect(await approveRequestAction(w.a.slug, { requestId: id, endsOn: dayString(-1) })).toMatchObject({ ok: false, fieldErrors: { endsOn: "The end date cannot be in the past." } });
    const before = Date.now();
    expect(await approveRequestAction(w.a.slug, { requestId: id, conditions: "Delete the photos after upload.", endsOn: dayString(7) })).toMatchObject({ ok: true });
    const r = await db.permissionRequest.findUniqueOrThrow({ where: { id }, include: { history: { orderBy: { at: "asc" } } } });
    expect(r).toMatchObject({ status: "APPROVED", conditions: "Delete the photos after upload.", decidedById: w.people.head.id });
    expect(r.endsOn?.toISOString().slice(0, 10)).toBe(dayString(7));
    const approved = r.history.find((h) => h.event === "APPROVED")!;
    expect(approved).toMatchObject({ actorId: w.people.head.id, conditions: "Delete the photos after upload." });
    expect(approved.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(approved.requestHash).toBe(requestHash(r));
    const audit = await db.auditEvent.findFirstOrThrow({ where: { schoolId: w.a.id, action: "request.approved", entityId: id } });
    expect(audit).toMatchObject({ actorId: w.people.head.id, data: expect.objectContaining({ requestHash: approved.requestHash }) });
    expect(await runInScope({ schoolId: w.a.id }, () => verifyAuditLog(w.a.id))).toMatchObject({ broken: null });
    // The teacher sees the decision; a second decision finds it moved on.
    const page = await requestForPage(await ctxOf(w.people.teacher, w.a.slug), id);
    expect(page).toMatchObject({ mine: true, decider: false, request: { status: "APPROVED" } });
    signInAs(w.people.deputy);
    expect(await declineRequestAction(w.a.slug, { requestId: id, reason: "Too late" })).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("the hash shows what was agreed: a changed request no longer matches, and a decided one cannot be changed", async () => {
    const id = await submit(w.people.teacher, "VIDEO_CALL", { participants: "Year 5 and a partner school in Lyon" });
    signInAs(w.people.head);
    expect(await askForMoreAction(w.a.slug, { requestId: id, question: "Who supervises?" })).toMatchObject({ ok: true });
    const asked = await db.permissionRequestHistory.findFirstOrThrow({ where: { requestId: id, event: "MORE_INFO_ASKED" } });
    signInAs(w.people.teacher);
    const details = sampleDetails("VIDEO_CALL", { participants: "Year 5 and a partner school in Lyon", supervisedBy: "Mr Hall and the teacher" });
    expect(await answerRequestAction(w.a.slug, { requestId: id, answer: "Mr Hall as well as me.", details })).toMatchObject({ ok: true });
    const answered = await db.permissionRequest.findUniqueOrThrow({ where: { id } });
    expect(answered.status).toBe("SUBMITTED");
    expect(requestHash(answered)).not.toBe(asked.requestHash);
    signInAs(w.people.head);
    expect(await approveRequestAction(w.a.slug, { requestId: id })).toMatchObject({ ok: true });
    const approved = await db.permissionRequestHistory.findFirstOrThrow({ where: { requestId: id, event: "APPROVED" } });
    expect(approved.requestHash).toBe(requestHash(answered));
    // Nobody rewrites what was approved, even on the owner's connection.
    await expect(db.permissionRequest.update({ where: { id }, data: { details: { ...details, participants: "Anyone" } } })).rejects.toThrow(/cannot be changed/);
    // The page recomputes the hash and finds it the same.
    const page = await requestForPage(await ctxOf(w.people.head, w.a.slug), id);
    expect(page?.currentHash).toBe(approved.requestHash);
  });

  it("a notification is acknowledged by the Head, not approved", async () => {
    const id = await submit(w.people.teacher, "EX_PUPIL_CONNECTION");
    signInAs(w.people.head);
    expect(await approveRequestAction(w.a.slug, { requestId: id })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await acknowledgeRequestAction(w.a.slug, { requestId: id, note: "Thank you for telling me." })).toMatchObject({ ok: true });
    expect((await db.permissionRequest.findUniqueOrThrow({ where: { id } })).status).toBe("ACKNOWLEDGED");
  });

  it("the requester withdraws; nobody else can", async () => {
    const id = await submit(w.people.teacher, "HOME_VISIT");
    signInAs(w.people.head);
    expect(await withdrawRequestAction(w.a.slug, { requestId: id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    signInAs(w.people.teacher);
    expect(await withdrawRequestAction(w.a.slug, { requestId: id, note: "The family moved." })).toMatchObject({ ok: true });
    expect((await myRequests(await ctxOf(w.people.teacher, w.a.slug))).find((r) => r.id === id)?.status).toBe("WITHDRAWN");
  });
});

describe("evidence", () => {
  it("history is append-only: the database refuses update and delete", async () => {
    const id = await submit(w.people.teacher, "STAFF_WIRELESS_DEVICE");
    const h = await db.permissionRequestHistory.findFirstOrThrow({ where: { requestId: id } });
    await expect(db.permissionRequestHistory.update({ where: { id: h.id }, data: { note: "Changed" } })).rejects.toThrow(/append-only/);
    await expect(db.permissionRequestHistory.delete({ where: { id: h.id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "PermissionRequestHistory" CASCADE`)).rejects.toThrow(/append-only/);
    expect(await db.permissionRequestHistory.count({ where: { id: h.id } })).toBe(1);
  });

  it("the expiry job expires approved time-limited requests after their end date, once, audited", async () => {
    const id = await submit(w.people.teacher, "RECORDING_EQUIPMENT");
    const current = await submit(w.people.teacher, "PHONE_PHOTOGRAPHS");
    signInAs(w.people.head);
    for (const r of [id, current]) expect(await approveRequestAction(w.a.slug, { requestId: r, endsOn: dayString(3) })).toMatchObject({ ok: true });
    // Three days on, the first has passed its end date (moved back as the owner would see it), the second not.
    await db.permissionRequest.update({ where: { id }, data: { endsOn: new Date(`${dayString(-1)}T00:00:00.000Z`) } });
    expect(await runRequestExpiry(new Date(), { schoolIds: [w.a.id] })).toEqual({ expired: 1 });
    const r = await db.permissionRequest.findUniqueOrThrow({ where: { id }, include: { history: true } });
    expect(r.status).toBe("EXPIRED");
    expect(r.history.find((h) => h.event === "EXPIRED")).toMatchObject({ actorId: null, requestHash: requestHash(r) });
    expect(await db.auditEvent.count({ where: { schoolId: w.a.id, action: "request.expired", entityId: id } })).toBe(1);
    expect((await db.permissionRequest.findUniqueOrThrow({ where: { id: current } })).status).toBe("APPROVED");
    expect(await runRequestExpiry(new Date(), { schoolIds: [w.a.id] })).toEqual({ expired: 0 });
    expect(await runInScope({ schoolId: w.a.id }, () => verifyAuditLog(w.a.id))).toMatchObject({ broken: null });
  });

  it("the register CSV is for register roles and approvers, formula-safe", async () => {
    await submit(w.people.teacher, "PERSONAL_INFO_ONLINE", { where: "=HYPERLINK(\"http://evil\")" });
    signInAs(w.people.head);
    const res = await registerCsv(new Request(`http://localhost/s/${w.a.slug}/requests/register.csv?kind=PERSONAL_INFO_ONLINE`), { params: Promise.resolve({ school: w.a.slug }) });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("Personal information about yourself found online");
    // One kind: a column per field, and a value that would be a formula is defused.
    expect(text.split("\r\n")[0]).toBe("Submitted (London),Kind,Requested by,Status,Where you found it,What it shows,What help you would like,Decided by,Decided (London),Conditions,Ends on,Reason declined,Request id");
    expect(text).toContain(`,"'=HYPERLINK(""http://evil"")",`);
    expect(text).not.toContain("Installing software");
    // The ICT lead reads the register of the kinds they decide only.
    signInAs(w.people.ictLead);
    const ict = await (await registerCsv(new Request(`http://localhost/s/${w.a.slug}/requests/register.csv`), { params: Promise.resolve({ school: w.a.slug }) })).text();
    expect(ict).toContain("Installing software or hardware");
    expect(ict).not.toContain("Personal information about yourself");
    const statuses: [{ id: string } | null, string, number][] = [
      [w.people.teacher, w.a.slug, 403],
      [w.headB, w.a.slug, 404],
      [null, w.a.slug, 401],
      [w.trustAdmin, w.a.slug, 200],
    ];
    for (const [who, slug, status] of statuses) {
      if (who) signInAs(who);
      else signOut();
      const r = await registerCsv(new Request(`http://localhost/s/${slug}/requests/register.csv`), { params: Promise.resolve({ school: slug }) });
      expect({ who: who?.id ?? null, status: r.status }).toEqual({ who: who?.id ?? null, status });
    }
  });

  it("the summary counts requests by school, kind and status in one query", async () => {
    const from = new Date(Date.now() - 3_600_000);
    const to = new Date(Date.now() + 3_600_000);
    const rows = await asGovernance(w.a.id, (tx) => requestSummary(tx, [w.a.id, w.b.id], from, to));
    const total = rows.reduce((n, r) => n + r.count, 0);
    expect(total).toBe(await db.permissionRequest.count({ where: { schoolId: { in: [w.a.id, w.b.id] }, createdAt: { gte: from, lt: to } } }));
    expect(rows.every((r) => r.schoolId === w.a.id)).toBe(true);
    expect(rows.find((r) => r.kind === "CAMERA_OFF_SITE" && r.status === "APPROVED")?.count).toBeGreaterThanOrEqual(1);
    expect(await asGovernance(w.b.id, (tx) => requestSummary(tx, [w.b.id], from, to))).toEqual([]);
  });
});
