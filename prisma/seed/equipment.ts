// Demo equipment in every demo school, made THROUGH the equipment service (lib/equipment/service.ts), the
// same functions the server actions call, so row-level security, the database rules, the data-breach
// incident and the audit chain are exactly what the app would have produced. Dates are relative to today.
//
// In each school: cameras, encrypted memory sticks (and one unencrypted stick that cannot be issued),
// laptops and phones; a camera and a stick signed for; a laptop awaiting signature; a camera overdue back
// (with its half-termly check overdue); a phone returned and countersigned; a stick reported lost, with
// its £25 charge owed and its data-breach incident; a phone whose monthly check is due; and a member of
// staff leaving in three weeks who still holds a camera and a laptop.
import type { SchoolContext } from "../../lib/authz/access";
import * as service from "../../lib/equipment/service";
import { markLeaver } from "../../lib/people/service";
import { londonToday } from "../../lib/dates";
import type { PrismaClient } from "../../generated/prisma/client";
import type { AssetKind } from "../../generated/prisma/enums";
import { ORGANISATIONS } from "./people";
import { demoSchoolPeople } from "./school-people";

const DAY = 86_400_000;
const daysFromToday = (n: number) => new Date(londonToday().getTime() + n * DAY);
const EVIDENCE = { ip: "192.0.2.44", userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148" };

const REGISTER: { tag: string; kind: AssetKind; make: string; model: string; encrypted: boolean; personalData: boolean; notes?: string }[] = [
  { tag: "CAM-01", kind: "CAMERA", make: "Canon", model: "IXUS 185", encrypted: false, personalData: true },
  { tag: "CAM-02", kind: "CAMERA", make: "Canon", model: "IXUS 185", encrypted: false, personalData: true },
  { tag: "CAM-03", kind: "CAMERA", make: "Nikon", model: "Coolpix W150", encrypted: false, personalData: true },
  { tag: "CAM-04", kind: "CAMERA", make: "Nikon", model: "Coolpix W150", encrypted: false, personalData: true },
  { tag: "USB-01", kind: "MEMORY_STICK", make: "Kingston", model: "IronKey Vault Privacy 50", encrypted: true, personalData: true },
  { tag: "USB-02", kind: "MEMORY_STICK", make: "Kingston", model: "IronKey Vault Privacy 50", encrypted: true, personalData: true },
  { tag: "USB-03", kind: "MEMORY_STICK", make: "Kingston", model: "IronKey Vault Privacy 50", encrypted: true, personalData: true },
  { tag: "USB-04", kind: "MEMORY_STICK", make: "SanDisk", model: "Ultra Flair", encrypted: false, personalData: false, notes: "Not encrypted: keep in the office, never issue." },
  { tag: "LAP-01", kind: "LAPTOP", make: "Dell", model: "Latitude 3440", encrypted: true, personalData: true },
  { tag: "LAP-02", kind: "LAPTOP", make: "Dell", model: "Latitude 3440", encrypted: true, personalData: true },
  { tag: "LAP-03", kind: "LAPTOP", make: "Lenovo", model: "ThinkPad E14", encrypted: true, personalData: true },
  { tag: "PH-01", kind: "MOBILE_PHONE", make: "Samsung", model: "Galaxy A15", encrypted: true, personalData: true },
  { tag: "PH-02", kind: "MOBILE_PHONE", make: "Samsung", model: "Galaxy A15", encrypted: true, personalData: true },
];

export async function seedEquipment(db: PrismaClient): Promise<number> {
  let loans = 0;
  for (const org of ORGANISATIONS) {
    for (const s of org.schools) {
      const { holder, plain, ctxFor } = demoSchoolPeople(db, org, s);
      const bm = await ctxFor(holder("BUSINESS_MANAGER").name);
      const head = await ctxFor(holder("HEADTEACHER").name);
      const staff = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => ctxFor(plain[i % plain.length].name)));

      const ids = new Map<string, string>();
      for (const a of REGISTER) ids.set(a.tag, (await service.createAsset(bm, { ...a, serialNumber: `SN-${s.urn}-${a.tag}`, notes: a.notes ?? null })).id);
      const issue = async (to: SchoolContext, tags: string[], startDaysAgo: number, dueInDays: number | null = null) => {
        const { loanId } = await service.issueLoan(bm, {
          borrowerId: to.person.id,
          startDate: daysFromToday(-startDaysAgo),
          items: tags.map((t) => ({ assetId: ids.get(t)!, dueBack: dueInDays === null ? null : daysFromToday(dueInDays), mayLeaveSite: false, offSiteReason: null })),
          headAgreed: false,
        });
        loans++;
        return loanId;
      };
      const sign = (to: SchoolContext, loanId: string, daysAgo: number) =>
        service.confirmReceipt(to, { loanId, typedName: to.person.name, signaturePng: null, confirmed: true }, EVIDENCE, { inPerson: false }, new Date(Date.now() - daysAgo * DAY));

      // Signed: a camera and an encrypted stick on one form, as Appendix 3.
      await sign(staff[0], await issue(staff[0], ["CAM-01", "USB-01"], 30), 29);
      // Awaiting signature.
      await issue(staff[1], ["LAP-01"], 1);
      // Overdue back, and its half-termly camera check overdue.
      await sign(staff[2], await issue(staff[2], ["CAM-02"], 80, -10), 79);
      // Returned and countersigned.
      const returned = await issue(staff[3], ["PH-01"], 60);
      await sign(staff[3], returned, 59);
      const phoneItem = await db.loanItem.findFirstOrThrow({ where: { loanId: returned }, select: { id: true } });
      const { returnId } = await service.recordReturn(bm, { loanId: returned, itemIds: [phoneItem.id], returnedOn: daysFromToday(-5), condition: "Good; texts deleted, reset to factory settings" });
      await service.countersignReturn(staff[3], { returnId, typedName: staff[3].person.name, signaturePng: null, confirmed: true }, EVIDENCE, { inPerson: false });
      // Lost: a stick that held pupils' reports; its charge owed and its breach incident open.
      await sign(staff[4], await issue(staff[4], ["USB-02"], 40), 39);
      await service.reportLoss(staff[4], {
        assetId: ids.get("USB-02")!, kind: "LOST", occurredAt: new Date(Date.now() - 26 * 3_600_000), place: "On the bus home",
        wasEncrypted: true, contents: "Year 4 end-of-term reports (names and attainment)",
      }, { asManager: false });
      // A phone whose monthly texts check is due.
      await sign(staff[5], await issue(staff[5], ["PH-02"], 20), 19);
      // Leaving in three weeks with a camera and a laptop still to hand back.
      // The last of them (never the borrower of the laptop awaiting signature, in any demo school).
      const leaver = plain[plain.length - 1];
      const leaverCtx = await ctxFor(leaver.name);
      if (leaverCtx.person.id !== staff[1].person.id) {
        await sign(leaverCtx, await issue(leaverCtx, ["CAM-03", "LAP-02"], 200), 199);
        await markLeaver(head, { membershipId: leaverCtx.membership!.id, endDate: daysFromToday(21) });
      }
      // A camera in for repair.
      const cam4 = ids.get("CAM-04")!;
      const a = REGISTER.find((r) => r.tag === "CAM-04")!;
      await service.updateAsset(bm, { assetId: cam4, ...a, serialNumber: `SN-${s.urn}-CAM-04`, notes: "Lens cover stuck: with the supplier", status: "IN_FOR_CHECK" });
    }
  }
  return loans;
}
