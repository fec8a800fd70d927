import { describe, it, expect, beforeEach } from "vitest";
import { db } from "../support/owner-db";
import {
  createAssetAction, updateAssetAction, previewImportAction, importAssetsAction, issueLoanAction, confirmReceiptAction,
  confirmReceiptInPersonAction, recordReturnAction, countersignReturnAction, countersignReturnInPersonAction, reportMyLossAction,
  reportLossAction, settleChargeAction, saveExitChecklistAction, recordCheckAction, recordMyCheckAction,
  saveEquipmentSettingsAction, saveTermsAction,
} from "@/lib/equipment/actions";
import { markLeaverAction } from "@/lib/people/actions";
import { runEquipmentCheckReminders } from "@/lib/equipment/check-queries";
import { leaverKit } from "@/lib/equipment/queries";
import { resolveAccess } from "@/lib/authz/access";
import { makeOrganisation, makeSchool, makeMember, makeOrgRole } from "../support/fixtures";
import { signInAs, signOut } from "../support/session";

async function world() {
  const trust = await makeOrganisation("TRUST");
  const a = await makeSchool(trust.id);
  const b = await makeSchool();
  const [headA, bmA, ictA, teacherA, dpoA, otherA, headB] = await Promise.all([
    makeMember(a.id, { roles: ["HEADTEACHER"], name: "Helen Head" }),
    makeMember(a.id, { roles: ["BUSINESS_MANAGER"], staffGroup: "OFFICE", name: "Priya Manager" }),
    makeMember(a.id, { roles: ["ICT_LEAD"], name: "Tom Ict" }),
    makeMember(a.id, { roles: ["STAFF"], name: "Nadia New-Teacher" }),
    makeMember(a.id, { roles: ["DPO"], staffGroup: "OFFICE", name: "Janet Dpo" }),
    makeMember(a.id, { roles: ["STAFF"], name: "Other Teacher" }),
    makeMember(b.id, { roles: ["HEADTEACHER"], name: "Head of B" }),
  ]);
  const trustIct = await makeOrgRole(trust.id, "TRUST_ICT_LEAD");
  const asset = (kind: "CAMERA" | "MEMORY_STICK" | "LAPTOP" | "MOBILE_PHONE", tag: string, extra: { encrypted?: boolean; personalData?: boolean } = {}) =>
    db.asset.create({ data: { schoolId: a.id, tag, kind, make: "Make", model: "Model", encrypted: extra.encrypted ?? false, personalData: extra.personalData ?? false } });
  const camera = await asset("CAMERA", "CAM-01", { personalData: true });
  const stick = await asset("MEMORY_STICK", "USB-01", { encrypted: true, personalData: true });
  const plainStick = await asset("MEMORY_STICK", "USB-02", { encrypted: false });
  const laptop = await asset("LAPTOP", "LAP-01", { encrypted: true });
  const phone = await asset("MOBILE_PHONE", "PH-01");
  return { trust, a, b, headA, bmA, ictA, teacherA, dpoA, otherA, headB, trustIct, camera, stick, plainStick, laptop, phone };
}
type World = Awaited<ReturnType<typeof world>>;
let w: World;
beforeEach(async () => {
  w = await world();
});

const today = () => new Date().toISOString().slice(0, 10);

/** Every equipment row, incident and audit row of these schools: equal snapshots mean nothing changed. */
async function state(...schoolIds: string[]) {
  const where = { schoolId: { in: schoolIds } };
  const [assets, loans, items, receipts, returns, losses, checks, exits, incidents, audit] = await Promise.all([
    db.asset.findMany({ where, orderBy: { id: "asc" } }),
    db.loan.findMany({ where, orderBy: { id: "asc" } }),
    db.loanItem.findMany({ where, orderBy: { id: "asc" } }),
    db.loanReceipt.findMany({ where, orderBy: { id: "asc" } }),
    db.equipmentReturn.findMany({ where, orderBy: { id: "asc" } }),
    db.assetLoss.findMany({ where, orderBy: { id: "asc" } }),
    db.equipmentCheck.findMany({ where, orderBy: { id: "asc" } }),
    db.exitChecklist.findMany({ where, orderBy: { id: "asc" } }),
    db.incident.findMany({ where, orderBy: { id: "asc" } }),
    db.auditEvent.findMany({ where, orderBy: { id: "asc" }, select: { id: true, hash: true } }),
  ]);
  return { assets, loans, items, receipts, returns, losses, checks, exits, incidents, audit };
}

async function issue(to: { id: string }, assetIds: string[], by = w.bmA.person) {
  signInAs(by);
  const res = await issueLoanAction(w.a.slug, { borrowerId: to.id, startDate: today(), items: assetIds.map((assetId) => ({ assetId })) });
  if (!res.ok) throw new Error(JSON.stringify(res));
  return res.data.loanId;
}
async function sign(loanId: string, borrower: { id: string; name: string }) {
  signInAs(borrower);
  const res = await confirmReceiptAction(w.a.slug, { loanId, typedName: borrower.name, confirmed: true });
  if (!res.ok) throw new Error(JSON.stringify(res));
  return res.data.receiptId;
}

// ---------- Refusals: every action, for another school, a wrong role and no session ----------

type Case = { name: string; run: (slug: string) => Promise<{ ok: boolean; code?: string }>; wrongRole: () => { id: string } };

function cases(): Case[] {
  const asset = { tag: "NEW-1", kind: "CAMERA", make: "Canon", model: "IXUS", serialNumber: "", encrypted: false, personalData: false, notes: "" };
  const csv = "tag,kind,make,model\nNEW-2,Camera,Canon,IXUS\n";
  return [
    { name: "createAsset", run: (s) => createAssetAction(s, asset), wrongRole: () => w.teacherA.person },
    { name: "updateAsset", run: (s) => updateAssetAction(s, { ...asset, assetId: w.camera.id, tag: "CAM-01", status: "RETIRED" }), wrongRole: () => w.ictA.person },
    { name: "previewImport", run: (s) => previewImportAction(s, { csv }), wrongRole: () => w.teacherA.person },
    { name: "importAssets", run: (s) => importAssetsAction(s, { csv }), wrongRole: () => w.ictA.person },
    { name: "issueLoan", run: (s) => issueLoanAction(s, { borrowerId: w.teacherA.person.id, startDate: today(), items: [{ assetId: w.camera.id }] }), wrongRole: () => w.teacherA.person },
    { name: "confirmReceiptInPerson", run: (s) => confirmReceiptInPersonAction(s, { loanId: "x", typedName: "Nadia New-Teacher", confirmed: true }), wrongRole: () => w.teacherA.person },
    { name: "recordReturn", run: (s) => recordReturnAction(s, { loanId: "x", itemIds: ["y"], returnedOn: today(), condition: "Fine" }), wrongRole: () => w.teacherA.person },
    { name: "countersignReturnInPerson", run: (s) => countersignReturnInPersonAction(s, { returnId: "x", typedName: "Nadia New-Teacher", confirmed: true }), wrongRole: () => w.dpoA.person },
    { name: "reportLoss (manager)", run: (s) => reportLossAction(s, { assetId: w.camera.id, kind: "LOST", occurredAt: "2026-01-01T10:00", place: "Hall", wasEncrypted: false, contents: "Photos" }), wrongRole: () => w.ictA.person },
    { name: "settleCharge", run: (s) => settleChargeAction(s, { lossId: "x", outcome: "PAID" }), wrongRole: () => w.teacherA.person },
    { name: "saveExitChecklist", run: (s) => saveExitChecklistAction(s, { membershipId: w.teacherA.membership.id, idPassReturned: true, accessFobReturned: true }), wrongRole: () => w.ictA.person },
    { name: "recordCheck", run: (s) => recordCheckAction(s, { assetId: w.camera.id, check: "CAMERA_CLEARED" }), wrongRole: () => w.teacherA.person },
  ];
}

describe("every equipment action is refused, and nothing changes", () => {
  const names = [
    "createAsset", "updateAsset", "previewImport", "importAssets", "issueLoan", "confirmReceiptInPerson", "recordReturn",
    "countersignReturnInPerson", "reportLoss (manager)", "settleCharge", "saveExitChecklist", "recordCheck",
  ];
  it.each(names)("%s: for the Head of another school (NOT_FOUND), a wrong role (FORBIDDEN), nobody signed in", async (name) => {
    const c = cases().find((x) => x.name === name)!;
    const before = await state(w.a.id, w.b.id);
    signInAs(w.headB.person);
    expect(await c.run(w.a.slug)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    signInAs(c.wrongRole());
    expect(await c.run(w.a.slug)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signInAs(w.trustIct);
    expect(await c.run(w.a.slug)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signOut();
    expect(await c.run(w.a.slug)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await state(w.a.id, w.b.id)).toEqual(before);
  });

  it("the borrower's own actions are refused to someone else, to another school and to nobody", async () => {
    const loanId = await issue(w.teacherA.person, [w.camera.id]);
    const before = await state(w.a.id, w.b.id);
    const attempts = [
      (s: string) => confirmReceiptAction(s, { loanId, typedName: "Nadia New-Teacher", confirmed: true }),
      (s: string) => reportMyLossAction(s, { assetId: w.camera.id, kind: "LOST", occurredAt: "2026-01-01T10:00", place: "Hall", wasEncrypted: false, contents: "Photos" }),
      (s: string) => countersignReturnAction(s, { returnId: "none", typedName: "Nadia New-Teacher", confirmed: true }),
    ];
    for (const attempt of attempts) {
      signInAs(w.otherA.person);
      expect(await attempt(w.a.slug)).toMatchObject({ ok: false, code: "NOT_FOUND" });
      signInAs(w.headB.person);
      expect(await attempt(w.a.slug)).toMatchObject({ ok: false, code: "NOT_FOUND" });
      signInAs(w.headB.person);
      expect(await attempt(w.b.slug)).toMatchObject({ ok: false, code: "NOT_FOUND" });
      signOut();
      expect(await attempt(w.a.slug)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    }
    expect(await state(w.a.id, w.b.id)).toEqual(before);
  });

  it("an asset of school A passed through school B is not found there, and nothing changes", async () => {
    await makeMember(w.b.id, { roles: ["BUSINESS_MANAGER"] }).then((m) => signInAs(m.person));
    const borrower = await makeMember(w.b.id);
    const before = await state(w.a.id, w.b.id);
    const res = await issueLoanAction(w.b.slug, { borrowerId: borrower.person.id, startDate: today(), items: [{ assetId: w.camera.id }] });
    expect(res).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { items: "One of the items is not on this school's register." } });
    expect(await state(w.a.id, w.b.id)).toEqual(before);
  });
});

// ---------- Issuing ----------

describe("issuing", () => {
  it("an unencrypted memory stick cannot be issued: refused by the service and by the database", async () => {
    const before = await state(w.a.id);
    signInAs(w.bmA.person);
    const res = await issueLoanAction(w.a.slug, { borrowerId: w.teacherA.person.id, startDate: today(), items: [{ assetId: w.camera.id }, { assetId: w.plainStick.id }] });
    expect(res).toMatchObject({ ok: false, fieldErrors: { "items.1.assetId": expect.stringContaining("not encrypted") } });
    expect(await state(w.a.id)).toEqual(before);
    const loan = await db.loan.create({ data: { schoolId: w.a.id, borrowerId: w.teacherA.person.id, issuedById: w.bmA.person.id, startDate: new Date() } });
    await expect(db.loanItem.create({ data: { schoolId: w.a.id, loanId: loan.id, assetId: w.plainStick.id, conditions: "x" } })).rejects.toThrow(/encrypted/);
  });

  it("the ICT lead issues a laptop but not a camera", async () => {
    signInAs(w.ictA.person);
    const refused = await issueLoanAction(w.a.slug, { borrowerId: w.teacherA.person.id, startDate: today(), items: [{ assetId: w.camera.id }] });
    expect(refused).toMatchObject({ ok: false, code: "INVALID" });
    expect(await db.loan.count({ where: { schoolId: w.a.id } })).toBe(0);
    const ok = await issueLoanAction(w.a.slug, { borrowerId: w.teacherA.person.id, startDate: today(), items: [{ assetId: w.laptop.id }] });
    expect(ok.ok).toBe(true);
  });

  it("a camera leaves the site only with the Headteacher's recorded agreement and a reason", async () => {
    signInAs(w.bmA.person);
    const input = { borrowerId: w.teacherA.person.id, startDate: today(), items: [{ assetId: w.camera.id, mayLeaveSite: true, offSiteReason: "Year 2 trip to the zoo" }] };
    expect(await issueLoanAction(w.a.slug, input)).toMatchObject({ ok: false, fieldErrors: { headAgreed: expect.any(String) } });
    const res = await issueLoanAction(w.a.slug, { ...input, headAgreed: true });
    expect(res.ok).toBe(true);
    const item = await db.loanItem.findFirstOrThrow({ where: { assetId: w.camera.id } });
    expect(item).toMatchObject({ mayLeaveSite: true, offSiteAgreedById: w.headA.person.id, offSiteReason: "Year 2 trip to the zoo" });
  });

  it("two managers issuing the same asset at once make one loan", async () => {
    const ctxBm = await resolveAccess({ ...w.bmA.person, authMethod: "password" }, w.a.slug);
    const ctxHead = await resolveAccess({ ...w.headA.person, authMethod: "password" }, w.a.slug);
    const { issueLoan } = await import("@/lib/equipment/service");
    const results = await Promise.allSettled([
      issueLoan(ctxBm!, { borrowerId: w.teacherA.person.id, startDate: new Date(), items: [{ assetId: w.stick.id, dueBack: null, mayLeaveSite: false, offSiteReason: null }], headAgreed: false }),
      issueLoan(ctxHead!, { borrowerId: w.otherA.person.id, startDate: new Date(), items: [{ assetId: w.stick.id, dueBack: null, mayLeaveSite: false, offSiteReason: null }], headAgreed: false }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(rejected).toHaveLength(1);
    // The loser waited for the winner's row lock and was told plainly, not with a database error.
    expect(rejected[0].reason).toMatchObject({ name: "DomainError", message: expect.stringContaining("USB-01 is not available") });
    expect(await db.loanItem.count({ where: { assetId: w.stick.id } })).toBe(1);
    expect(await db.loan.count({ where: { schoolId: w.a.id } })).toBe(1);
  });

  it("the database refuses a second open loan of one asset whoever inserts it", async () => {
    await issue(w.teacherA.person, [w.camera.id]);
    const loan = await db.loan.create({ data: { schoolId: w.a.id, borrowerId: w.otherA.person.id, issuedById: w.bmA.person.id, startDate: new Date() } });
    await expect(db.loanItem.create({ data: { schoolId: w.a.id, loanId: loan.id, assetId: w.camera.id, conditions: "x" } })).rejects.toThrow(/Unique constraint/);
    expect(await db.loanItem.count({ where: { assetId: w.camera.id } })).toBe(1);
  });
});

// ---------- The whole journey ----------

describe("issue, sign, return, countersign, lose", () => {
  it("a camera and a stick on one form; the teacher signs; the camera comes back and is countersigned", async () => {
    const loanId = await issue(w.teacherA.person, [w.camera.id, w.stick.id]);
    expect((await db.asset.findUniqueOrThrow({ where: { id: w.camera.id } })).status).toBe("AWAITING_SIGNATURE");

    signInAs(w.teacherA.person);
    const wrongName = await confirmReceiptAction(w.a.slug, { loanId, typedName: "Someone Else", confirmed: true });
    expect(wrongName).toMatchObject({ ok: false, fieldErrors: { typedName: expect.any(String) } });
    const receiptId = await sign(loanId, w.teacherA.person);
    const receipt = await db.loanReceipt.findUniqueOrThrow({ where: { id: receiptId } });
    expect(receipt).toMatchObject({ kind: "ISSUE", typedName: "Nadia New-Teacher", ip: "203.0.113.9", userAgent: "vitest", authMethod: "password", inPerson: false });
    expect(receipt.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(receipt.wording).toContain("I am in receipt of a camera issued by school.");
    expect(receipt.wording).toContain("I am in receipt of an encrypted memory stick issued by school.");
    expect((await db.asset.findMany({ where: { id: { in: [w.camera.id, w.stick.id] } } })).map((a) => a.status)).toEqual(["ON_LOAN", "ON_LOAN"]);

    signInAs(w.bmA.person);
    const camItem = await db.loanItem.findFirstOrThrow({ where: { assetId: w.camera.id } });
    const ret = await recordReturnAction(w.a.slug, { loanId, itemIds: [camItem.id], returnedOn: today(), condition: "Good, photos deleted" });
    expect(ret.ok).toBe(true);
    const returnId = (ret as { data: { returnId: string } }).data.returnId;
    signInAs(w.teacherA.person);
    expect(await countersignReturnAction(w.a.slug, { returnId, typedName: "Nadia New-Teacher", confirmed: true })).toMatchObject({ ok: true });
    expect(await db.loanReceipt.count({ where: { loanId, kind: "RETURN", returnId } })).toBe(1);
    expect((await db.asset.findUniqueOrThrow({ where: { id: w.camera.id } })).status).toBe("AVAILABLE");
  });

  it("a signed receipt is append-only in the database", async () => {
    const loanId = await issue(w.teacherA.person, [w.camera.id]);
    const receiptId = await sign(loanId, w.teacherA.person);
    await expect(db.$executeRaw`UPDATE "LoanReceipt" SET "typedName" = 'Forged' WHERE id = ${receiptId}`).rejects.toThrow();
    await expect(db.$executeRaw`DELETE FROM "LoanReceipt" WHERE id = ${receiptId}`).rejects.toThrow();
    await expect(db.$executeRawUnsafe(`TRUNCATE "LoanReceipt" CASCADE`)).rejects.toThrow();
    expect((await db.loanReceipt.findUniqueOrThrow({ where: { id: receiptId } })).typedName).toBe("Nadia New-Teacher");
  });

  it("the teacher reports the stick lost: the Business Manager is emailed, £25 is owed and a breach incident opens in the same transaction, linked both ways", async () => {
    const loanId = await issue(w.teacherA.person, [w.stick.id]);
    await sign(loanId, w.teacherA.person);
    signInAs(w.teacherA.person);
    const res = await reportMyLossAction(w.a.slug, { assetId: w.stick.id, kind: "LOST", occurredAt: "2026-11-30T16:30", place: "Bus stop on Mill Lane", wasEncrypted: true, contents: "Year 3 reports" });
    expect(res).toMatchObject({ ok: true, data: { chargePence: 2500, incidentId: expect.any(String) } });
    const { lossId, incidentId } = (res as { data: { lossId: string; incidentId: string } }).data;
    const loss = await db.assetLoss.findUniqueOrThrow({ where: { id: lossId }, include: { incident: true } });
    expect(loss).toMatchObject({ chargeStatus: "OWED", chargePence: 2500, incidentId });
    expect(loss.incident).toMatchObject({ category: "DATA_BREACH", reporterId: w.teacherA.person.id, schoolId: w.a.id });
    expect(loss.incident!.routedRoles).toEqual(expect.arrayContaining(["DPO", "HEADTEACHER"]));
    const fromIncident = await db.incident.findUniqueOrThrow({ where: { id: incidentId }, include: { equipmentLoss: true } });
    expect(fromIncident.equipmentLoss?.id).toBe(lossId);
    // The same transaction: PostgreSQL stamps every row a transaction writes with its id.
    const [{ lossTx }] = await db.$queryRaw<{ lossTx: string }[]>`SELECT xmin::text AS "lossTx" FROM "AssetLoss" WHERE id = ${lossId}`;
    const [{ incTx }] = await db.$queryRaw<{ incTx: string }[]>`SELECT xmin::text AS "incTx" FROM "Incident" WHERE id = ${incidentId}`;
    expect(lossTx).toBe(incTx);
    const mail = await db.devMail.findMany({ where: { to: w.bmA.person.email } });
    expect(mail.some((m) => m.subject.includes("USB-01") && m.text.includes("£25"))).toBe(true);
    expect(await db.devMail.count({ where: { to: w.dpoA.person.email, subject: { contains: "a report needs your attention" } } })).toBe(1);
    // The incident's own audit row holds ids only.
    expect(await db.auditEvent.findFirst({ where: { schoolId: w.a.id, action: "incident.reported", entityId: incidentId } })).toMatchObject({ data: { fromLossId: lossId } });
    expect((await db.asset.findUniqueOrThrow({ where: { id: w.stick.id } })).status).toBe("LOST");

    signInAs(w.bmA.person);
    expect(await settleChargeAction(w.a.slug, { lossId, outcome: "WAIVED", note: "" })).toMatchObject({ ok: false, fieldErrors: { note: expect.any(String) } });
    expect(await settleChargeAction(w.a.slug, { lossId, outcome: "WAIVED", note: "Stolen from a locked car on a school trip" })).toMatchObject({ ok: true });
    expect(await db.assetLoss.findUniqueOrThrow({ where: { id: lossId } })).toMatchObject({ chargeStatus: "WAIVED", chargeSettledById: w.bmA.person.id });
  });

  it("an encrypted laptop with no personal data lost opens no breach", async () => {
    await db.asset.update({ where: { id: w.laptop.id }, data: { personalData: false } });
    const loanId = await issue(w.teacherA.person, [w.laptop.id]);
    await sign(loanId, w.teacherA.person);
    signInAs(w.teacherA.person);
    const res = await reportMyLossAction(w.a.slug, { assetId: w.laptop.id, kind: "STOLEN", occurredAt: "2026-11-30T16:30", place: "Home", wasEncrypted: true, contents: "Nothing personal" });
    expect(res).toMatchObject({ ok: true, data: { incidentId: null } });
    expect(await db.incident.count({ where: { schoolId: w.a.id } })).toBe(0);
  });
});

// ---------- Leavers ----------

describe("leavers", () => {
  it("the leaver's list is exactly the kit they still hold", async () => {
    const loan1 = await issue(w.teacherA.person, [w.camera.id, w.stick.id]);
    await sign(loan1, w.teacherA.person);
    await issue(w.teacherA.person, [w.phone.id]); // awaiting signature: still held
    await issue(w.otherA.person, [w.laptop.id]); // someone else's
    signInAs(w.bmA.person);
    const camItem = await db.loanItem.findFirstOrThrow({ where: { assetId: w.camera.id } });
    await recordReturnAction(w.a.slug, { loanId: loan1, itemIds: [camItem.id], returnedOn: today(), condition: "Good" });
    await db.membership.update({ where: { id: w.teacherA.membership.id }, data: { endDate: new Date(Date.now() + 7 * 864e5) } });
    const ctx = await resolveAccess({ ...w.bmA.person, authMethod: "password" }, w.a.slug);
    const kit = await leaverKit(ctx!, w.teacherA.membership.id);
    expect(kit!.items.map((i) => i.asset.tag).sort()).toEqual(["PH-01", "USB-01"]);
    const res = await saveExitChecklistAction(w.a.slug, { membershipId: w.teacherA.membership.id, idPassReturned: true, accessFobReturned: true });
    expect(res).toMatchObject({ ok: true, data: { complete: false } });
  });
});

// ---------- CSV import ----------

describe("CSV import", () => {
  it("a file with one bad row writes nothing, and the preview names the row", async () => {
    signInAs(w.bmA.person);
    const csv = [
      "tag,kind,make,model,serial number,encrypted,personal data,notes",
      "CAM-10,Camera,Canon,IXUS 185,SN1,no,yes,",
      "USB-10,Encrypted memory stick,Kingston,IronKey,,yes,yes,",
      "CAM-01,Camera,Canon,IXUS,,no,no,duplicate of the register",
      "X-1,Toaster,Acme,T1,,maybe,no,",
    ].join("\n");
    const before = await state(w.a.id);
    const preview = await previewImportAction(w.a.slug, { csv });
    expect(preview.ok).toBe(true);
    const rows = (preview as { data: { rows: { line: number; errors: string[] }[]; valid: boolean } }).data;
    expect(rows.valid).toBe(false);
    expect(rows.rows.map((r) => [r.line, r.errors.length > 0])).toEqual([[2, false], [3, false], [4, true], [5, true]]);
    expect(rows.rows[2].errors[0]).toContain("already on the register");
    const res = await importAssetsAction(w.a.slug, { csv });
    expect(res).toMatchObject({ ok: false, fieldErrors: { csv: expect.stringContaining("Nothing was imported") } });
    expect(await state(w.a.id)).toEqual(before);

    const good = csv.split("\n").slice(0, 3).join("\n");
    expect(await importAssetsAction(w.a.slug, { csv: good })).toMatchObject({ ok: true, data: { imported: 2 } });
    expect(await db.asset.count({ where: { schoolId: w.a.id, tag: { in: ["CAM-10", "USB-10"] } } })).toBe(2);
  });
});

// ---------- Leaver email, checks and their reminders ----------

describe("marking a leaver", () => {
  it("emails the Business Manager exactly the kit the leaver still holds", async () => {
    const loanId = await issue(w.teacherA.person, [w.camera.id, w.stick.id]);
    await sign(loanId, w.teacherA.person);
    await issue(w.otherA.person, [w.laptop.id]);
    signInAs(w.headA.person);
    const endDate = new Date(Date.now() + 14 * 864e5).toISOString().slice(0, 10);
    expect(await markLeaverAction(w.a.slug, { membershipId: w.teacherA.membership.id, endDate })).toMatchObject({ ok: true });
    const mails = await db.devMail.findMany({ where: { to: w.bmA.person.email, subject: { startsWith: "Leaver's kit" } } });
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("CAM-01");
    expect(mails[0].text).toContain("USB-01");
    expect(mails[0].text).not.toContain("LAP-01");
    // Someone who holds nothing: no email.
    expect(await markLeaverAction(w.a.slug, { membershipId: w.dpoA.membership.id, endDate })).toMatchObject({ ok: true });
    expect(await db.devMail.count({ where: { to: w.bmA.person.email, subject: { contains: "Janet Dpo" } } })).toBe(0);
  });
});

describe("checks", () => {
  it("a holder records their own phone check; not someone else's, not a manager's check", async () => {
    const loanId = await issue(w.teacherA.person, [w.phone.id, w.camera.id]);
    await sign(loanId, w.teacherA.person);
    const before = await state(w.a.id);
    signInAs(w.otherA.person);
    expect(await recordMyCheckAction(w.a.slug, { assetId: w.phone.id, check: "PHONE_TEXTS_DELETED" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    signInAs(w.teacherA.person);
    expect(await recordMyCheckAction(w.a.slug, { assetId: w.camera.id, check: "CAMERA_CLEARED" })).toMatchObject({ ok: false, fieldErrors: { check: expect.any(String) } });
    expect(await state(w.a.id)).toEqual(before);
    expect(await recordMyCheckAction(w.a.slug, { assetId: w.phone.id, check: "PHONE_TEXTS_DELETED", note: "" })).toMatchObject({ ok: true });
    await expect(db.$executeRaw`UPDATE "EquipmentCheck" SET note = 'x' WHERE "assetId" = ${w.phone.id}`).rejects.toThrow();
    signInAs(w.ictA.person);
    expect(await recordCheckAction(w.a.slug, { assetId: w.camera.id, check: "CAMERA_CLEARED" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    signInAs(w.bmA.person);
    expect(await recordCheckAction(w.a.slug, { assetId: w.camera.id, check: "CAMERA_CLEARED" })).toMatchObject({ ok: true });
  });

  it("the daily job emails the borrower of an overdue check the day after it falls due, and not the next day", async () => {
    signInAs(w.bmA.person);
    const res = await issueLoanAction(w.a.slug, { borrowerId: w.teacherA.person.id, startDate: "2026-11-03", items: [{ assetId: w.phone.id }] });
    const loanId = (res as { data: { loanId: string } }).data.loanId;
    await sign(loanId, w.teacherA.person);
    // The daily job, as the scheduler runs it (it sets each school's scope itself, decision 0028).
    const first = await runEquipmentCheckReminders(new Date("2026-12-01T09:00:00Z"), { schoolIds: [w.a.id] });
    expect(first.sent).toBe(1);
    const mail = await db.devMail.findFirstOrThrow({ where: { to: w.teacherA.person.email, subject: { startsWith: "Equipment check overdue" } } });
    expect(mail.text).toContain("Old texts to parents deleted");
    expect(mail.text).toContain("30 November 2026");
    expect((await runEquipmentCheckReminders(new Date("2026-12-02T09:00:00Z"), { schoolIds: [w.a.id] })).sent).toBe(0);
  });
});

// ---------- The school's own charge, wording and term dates ----------

describe("settings", () => {
  const terms = [{ name: "Autumn 2026", startDate: "2026-09-07", endDate: "2026-12-18", halfTermStart: "2026-10-26", halfTermEnd: "2026-10-30" }];

  it("are refused to a teacher, the ICT lead, another school and nobody, and nothing changes", async () => {
    const before = await state(w.a.id, w.b.id);
    const settingsBefore = await db.equipmentSettings.findMany({ where: { schoolId: { in: [w.a.id, w.b.id] } } });
    const termsBefore = await db.schoolTerm.findMany({ where: { schoolId: { in: [w.a.id, w.b.id] } } });
    for (const [actor, code] of [[w.teacherA.person, "FORBIDDEN"], [w.ictA.person, "FORBIDDEN"], [w.headB.person, "NOT_FOUND"], [null, "UNAUTHENTICATED"]] as const) {
      if (actor) signInAs(actor);
      else signOut();
      expect(await saveEquipmentSettingsAction(w.a.slug, { charge: "30", conditions: {} })).toMatchObject({ ok: false, code });
      expect(await saveTermsAction(w.a.slug, { terms })).toMatchObject({ ok: false, code });
    }
    expect(await state(w.a.id, w.b.id)).toEqual(before);
    expect(await db.equipmentSettings.findMany({ where: { schoolId: { in: [w.a.id, w.b.id] } } })).toEqual(settingsBefore);
    expect(await db.schoolTerm.findMany({ where: { schoolId: { in: [w.a.id, w.b.id] } } })).toEqual(termsBefore);
  });

  it("the school's charge and wording are used for new loans and losses; term dates are checked", async () => {
    signInAs(w.bmA.person);
    expect(await saveEquipmentSettingsAction(w.a.slug, { charge: "abc", conditions: {} })).toMatchObject({ ok: false, fieldErrors: { charge: expect.any(String) } });
    expect(await saveEquipmentSettingsAction(w.a.slug, { charge: "£30.00", conditions: { CAMERA: "Keep it in the bumbag.\nNever take it home." } })).toMatchObject({ ok: true });
    const loanId = await issue(w.teacherA.person, [w.camera.id]);
    expect((await db.loanItem.findFirstOrThrow({ where: { loanId } })).conditions).toBe("Keep it in the bumbag.\nNever take it home.");
    await sign(loanId, w.teacherA.person);
    signInAs(w.teacherA.person);
    const res = await reportMyLossAction(w.a.slug, { assetId: w.camera.id, kind: "STOLEN", occurredAt: "2026-11-30T10:00", place: "Trip", wasEncrypted: false, contents: "Class photos" });
    expect(res).toMatchObject({ ok: true, data: { chargePence: 3000 } });

    signInAs(w.bmA.person);
    expect(await saveTermsAction(w.a.slug, { terms: [{ ...terms[0], halfTermStart: "2026-12-25", halfTermEnd: "2026-12-30" }] })).toMatchObject({ ok: false, fieldErrors: { "terms.0.halfTermStart": expect.any(String) } });
    expect(await saveTermsAction(w.a.slug, { terms })).toMatchObject({ ok: true, data: { terms: 1 } });
    expect(await db.schoolTerm.findMany({ where: { schoolId: w.a.id }, select: { name: true } })).toEqual([{ name: "Autumn 2026" }]);
  });
});

describe("in person on the manager's device", () => {
  it("the borrower types their name; the manager is the witness; the return is countersigned the same way", async () => {
    const loanId = await issue(w.teacherA.person, [w.laptop.id]);
    signInAs(w.ictA.person);
    expect(await confirmReceiptInPersonAction(w.a.slug, { loanId, typedName: "Tom Ict", confirmed: true })).toMatchObject({ ok: false, fieldErrors: { typedName: expect.any(String) } });
    expect(await confirmReceiptInPersonAction(w.a.slug, { loanId, typedName: "nadia  new-teacher", confirmed: true })).toMatchObject({ ok: true });
    expect(await db.loanReceipt.findFirstOrThrow({ where: { loanId, kind: "ISSUE" } })).toMatchObject({ inPerson: true, witnessId: w.ictA.person.id, typedName: "nadia  new-teacher" });
    const item = await db.loanItem.findFirstOrThrow({ where: { loanId } });
    const ret = await recordReturnAction(w.a.slug, { loanId, itemIds: [item.id], returnedOn: today(), condition: "Fine" });
    const returnId = (ret as { data: { returnId: string } }).data.returnId;
    expect(await countersignReturnInPersonAction(w.a.slug, { returnId, typedName: "Nadia New-Teacher", confirmed: true })).toMatchObject({ ok: true, data: { alreadySigned: false } });
    expect(await countersignReturnInPersonAction(w.a.slug, { returnId, typedName: "Nadia New-Teacher", confirmed: true })).toMatchObject({ ok: true, data: { alreadySigned: true } });
    expect(await db.loanReceipt.count({ where: { loanId } })).toBe(2);
  });
});
