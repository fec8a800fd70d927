import { describe, it, expect, beforeEach } from "vitest";
import { db } from "../support/owner-db";
import { issueLoanAction, confirmReceiptAction, recordReturnAction, countersignReturnAction, reportMyLossAction } from "@/lib/equipment/actions";
import { GET as receiptRoute } from "@/app/s/[school]/equipment/loans/[loanId]/receipt.pdf/route";
import { GET as registerCsvRoute } from "@/app/s/[school]/equipment/register.csv/route";
import { GET as loansCsvRoute } from "@/app/s/[school]/equipment/loans.csv/route";
import { makeSchool, makeMember } from "../support/fixtures";
import { pdfText } from "../support/pdf-text";
import { signInAs, signOut } from "../support/session";
import { TINY_PNG } from "./policies-world";

async function world() {
  const a = await makeSchool();
  const b = await makeSchool();
  const [bm, teacher, other, ict, headB] = await Promise.all([
    makeMember(a.id, { roles: ["BUSINESS_MANAGER"], name: "Priya Manager" }),
    makeMember(a.id, { roles: ["STAFF"], name: "Nadia Teacher" }),
    makeMember(a.id, { roles: ["STAFF"], name: "Other Teacher" }),
    makeMember(a.id, { roles: ["ICT_LEAD"], name: "Tom Ict" }),
    makeMember(b.id, { roles: ["HEADTEACHER"], name: "Head of B" }),
  ]);
  const camera = await db.asset.create({ data: { schoolId: a.id, tag: "CAM-07", kind: "CAMERA", make: "Canon", model: "IXUS 185", personalData: true } });
  const stick = await db.asset.create({ data: { schoolId: a.id, tag: "USB-07", kind: "MEMORY_STICK", make: "Kingston", model: "IronKey", encrypted: true, personalData: true } });
  return { a, b, bm, teacher, other, ict, headB, camera, stick };
}
let w: Awaited<ReturnType<typeof world>>;
beforeEach(async () => {
  w = await world();
});
const today = () => new Date().toISOString().slice(0, 10);

const receipt = (slug: string, loanId: string) => receiptRoute(new Request(`http://localhost/s/${slug}/equipment/loans/${loanId}/receipt.pdf`), { params: Promise.resolve({ school: slug, loanId }) });
const csv = (route: typeof registerCsvRoute, slug: string) => route(new Request(`http://localhost/s/${slug}/equipment/x.csv`), { params: Promise.resolve({ school: slug }) });

async function journey() {
  signInAs(w.bm.person);
  const issued = await issueLoanAction(w.a.slug, { borrowerId: w.teacher.person.id, startDate: today(), items: [{ assetId: w.camera.id }, { assetId: w.stick.id }] });
  const loanId = (issued as { data: { loanId: string } }).data.loanId;
  signInAs(w.teacher.person);
  expect(await confirmReceiptAction(w.a.slug, { loanId, typedName: "Nadia Teacher", signaturePng: TINY_PNG, confirmed: true })).toMatchObject({ ok: true });
  signInAs(w.bm.person);
  const cam = await db.loanItem.findFirstOrThrow({ where: { assetId: w.camera.id } });
  const ret = await recordReturnAction(w.a.slug, { loanId, itemIds: [cam.id], returnedOn: today(), condition: "Good, photos deleted" });
  signInAs(w.teacher.person);
  await countersignReturnAction(w.a.slug, { returnId: (ret as { data: { returnId: string } }).data.returnId, typedName: "Nadia Teacher", confirmed: true });
  await reportMyLossAction(w.a.slug, { assetId: w.stick.id, kind: "LOST", occurredAt: "2026-11-30T16:30", place: "Bus stop", wasEncrypted: true, contents: "Reports" });
  return loanId;
}

describe("the receipt PDF in the shape of Appendix 3", () => {
  it("shows the name, start date, both rows, the return and the loss, for the borrower and the manager", async () => {
    const loanId = await journey();
    signInAs(w.teacher.person);
    const res = await receipt(w.a.slug, loanId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const text = (await pdfText(new Uint8Array(await res.arrayBuffer()))).replace(/\s+/g, " ");
    expect(text).toContain("Name: Nadia Teacher");
    expect(text).toContain("Start date:");
    expect(text).toContain("I confirm that I understand the conditions detailed above.");
    expect(text).toContain("I am in receipt of a camera issued by school. CAM-07");
    expect(text).toContain("I am in receipt of an encrypted memory stick issued by school. USB-07");
    expect(text).toMatch(/Returned \d{1,2} \w+ \d{4} \(Good, photos deleted\); countersigned by Nadia Teacher/);
    expect(text).toContain("Reported lost 30 November 2026");
    expect(text).toMatch(/SHA-256 of what was shown and signed: [0-9a-f]{64}/);
    signInAs(w.bm.person);
    expect((await receipt(w.a.slug, loanId)).status).toBe(200);
  });

  it("is refused to another teacher, the ICT lead (a camera is not theirs), another school and nobody", async () => {
    const loanId = await journey();
    signInAs(w.other.person);
    expect((await receipt(w.a.slug, loanId)).status).toBe(404);
    signInAs(w.ict.person);
    expect((await receipt(w.a.slug, loanId)).status).toBe(404);
    signInAs(w.headB.person);
    expect((await receipt(w.a.slug, loanId)).status).toBe(404);
    expect((await receipt(w.b.slug, loanId)).status).toBe(404);
    signOut();
    expect((await receipt(w.a.slug, loanId)).status).toBe(401);
  });
});

describe("register and loans CSV", () => {
  it("the Business Manager downloads both; a teacher, the ICT lead, another school and nobody are refused", async () => {
    await journey();
    signInAs(w.bm.person);
    const reg = await csv(registerCsvRoute, w.a.slug);
    expect(reg.status).toBe(200);
    const regText = await reg.text();
    expect(regText).toContain("CAM-07,Camera,Canon,IXUS 185");
    expect(regText).toContain("USB-07,Encrypted memory stick,Kingston,IronKey,,Yes,Yes,Lost");
    const loans = await (await csv(loansCsvRoute, w.a.slug)).text();
    expect(loans).toContain("Nadia Teacher");
    expect(loans).toContain("25.00,owed");
    for (const route of [registerCsvRoute, loansCsvRoute]) {
      signInAs(w.teacher.person);
      expect((await csv(route, w.a.slug)).status).toBe(403);
      signInAs(w.ict.person);
      expect((await csv(route, w.a.slug)).status).toBe(403);
      signInAs(w.headB.person);
      expect((await csv(route, w.a.slug)).status).toBe(404);
      signOut();
      expect((await csv(route, w.a.slug)).status).toBe(401);
    }
  });
});
