import { describe, it, expect } from "vitest";
import { AssetKind } from "@/generated/prisma/enums";
import { ASSET_KINDS, KIND_ORDER, CHECKS, issueRefusal, mayIssueKind, lossIsBreach, formatPence, DEFAULT_CHARGE_PENCE } from "@/lib/equipment/kinds";
import { checkState, halfTerms, defaultTerms, type Term } from "@/lib/equipment/checks";
import { remindToday } from "@/lib/equipment/check-queries";
import { previewImport } from "@/lib/equipment/csv";

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);

describe("kinds as data", () => {
  it("covers every kind once, in order", () => {
    expect([...KIND_ORDER].sort()).toEqual((Object.values(AssetKind) as string[]).sort());
  });

  it.each([
    ["MEMORY_STICK", true, false, [], ["ANNUAL_CONFIRMATION"]],
    ["CAMERA", false, true, [], ["CAMERA_CLEARED", "ANNUAL_CONFIRMATION"]],
    ["LAPTOP", false, false, ["ICT_LEAD"], ["LAPTOP_UPDATES", "ANNUAL_CONFIRMATION"]],
    ["TABLET", false, false, ["ICT_LEAD"], ["ANNUAL_CONFIRMATION"]],
    ["MOBILE_PHONE", false, false, [], ["PHONE_TEXTS_DELETED", "ANNUAL_CONFIRMATION"]],
    ["RECORDING", false, false, [], ["ANNUAL_CONFIRMATION"]],
    ["OTHER", false, false, [], ["ANNUAL_CONFIRMATION"]],
  ] as const)("%s: encrypted only %s, off site needs the Head %s, also issued by %j, checks %j", (kind, enc, offSite, also, checks) => {
    const k = ASSET_KINDS[kind];
    expect(k.mustBeEncrypted).toBe(enc);
    expect(k.offSiteNeedsHeadAgreement).toBe(offSite);
    expect(k.alsoIssuedBy).toEqual(also);
    expect(k.checks).toEqual(checks);
    expect(k.conditions).toContain("Report a loss or theft at once to the School Business Manager");
    expect(k.conditions).toContain("exit interview");
  });

  it("keeps the seeds' wording", () => {
    expect(ASSET_KINDS.CAMERA.conditions).toContain("reviewed each half term and all photos deleted");
    expect(ASSET_KINDS.MOBILE_PHONE.conditions).toContain("Delete texts to parents within a week");
    expect(ASSET_KINDS.MEMORY_STICK.conditions).toContain("6 failed password attempts");
    expect(ASSET_KINDS.LAPTOP.conditions).toContain("updates, licences and virus protection");
    expect(ASSET_KINDS.MEMORY_STICK.receiptLine).toBe("I am in receipt of an encrypted memory stick issued by school.");
    expect(DEFAULT_CHARGE_PENCE).toBe(2500);
    expect(formatPence(2500)).toBe("£25");
    expect(formatPence(1250)).toBe("£12.50");
  });

  it.each([
    [{ kind: "MEMORY_STICK", encrypted: false, status: "AVAILABLE" }, "not encrypted"],
    [{ kind: "MEMORY_STICK", encrypted: true, status: "AVAILABLE" }, null],
    [{ kind: "CAMERA", encrypted: false, status: "AVAILABLE" }, null],
    [{ kind: "CAMERA", encrypted: false, status: "ON_LOAN" }, "not available (on loan)"],
    [{ kind: "LAPTOP", encrypted: true, status: "RETIRED" }, "not available (retired)"],
  ] as const)("issueRefusal(%j) mentions %s", (asset, expected) => {
    const r = issueRefusal({ ...asset, tag: "T-1" });
    if (expected === null) expect(r).toBeNull();
    else expect(r).toContain(expected);
  });

  it.each([
    [true, [], "CAMERA", true],
    [false, ["ICT_LEAD"], "LAPTOP", true],
    [false, ["ICT_LEAD"], "TABLET", true],
    [false, ["ICT_LEAD"], "CAMERA", false],
    [false, ["ICT_LEAD"], "MEMORY_STICK", false],
    [false, ["STAFF"], "LAPTOP", false],
  ] as const)("mayIssueKind(manage %s, roles %j, %s) is %s", (canManage, schoolRoles, kind, expected) => {
    expect(mayIssueKind({ canManage, schoolRoles }, kind)).toBe(expected);
  });

  it.each([
    [true, true, true],
    [true, false, true],
    [false, false, true],
    [false, true, false],
  ])("personal data %s, encrypted %s: breach %s", (personalData, wasEncrypted, breach) => {
    expect(lossIsBreach({ personalData, wasEncrypted })).toBe(breach);
  });
});

describe("checks over the term calendar", () => {
  const terms: Term[] = defaultTerms();

  it("splits a term at its half-term break", () => {
    const autumn = halfTerms(terms).filter((p) => p.start.getUTCFullYear() === 2026 && p.start.getUTCMonth() >= 8);
    expect(autumn.map((p) => [p.start.toISOString().slice(0, 10), p.end.toISOString().slice(0, 10)])).toEqual([
      ["2026-09-02", "2026-10-25"],
      ["2026-10-31", "2026-12-18"],
    ]);
  });

  it.each([
    // check, on loan from, checks done, today → state, due by
    ["CAMERA_CLEARED", "2026-09-02", [], "2026-10-01", "due", "2026-10-25"],
    ["CAMERA_CLEARED", "2026-09-02", ["2026-10-20"], "2026-10-22", "done", "2026-10-25"],
    ["CAMERA_CLEARED", "2026-09-02", [], "2026-11-10", "overdue", "2026-10-25"],
    ["CAMERA_CLEARED", "2026-09-02", ["2026-11-05"], "2026-11-10", "done", "2026-12-18"],
    ["LAPTOP_UPDATES", "2026-09-02", [], "2026-12-01", "due", "2026-12-18"],
    ["LAPTOP_UPDATES", "2026-09-02", [], "2027-01-10", "overdue", "2026-12-18"],
    ["PHONE_TEXTS_DELETED", "2026-11-03", [], "2026-11-20", "due", "2026-11-30"],
    ["PHONE_TEXTS_DELETED", "2026-11-03", [], "2026-12-02", "overdue", "2026-11-30"],
    ["PHONE_TEXTS_DELETED", "2026-10-03", ["2026-11-29"], "2026-12-02", "due", "2026-12-31"],
    ["ANNUAL_CONFIRMATION", "2025-10-01", [], "2026-12-02", "due", "2027-08-31"],
    ["ANNUAL_CONFIRMATION", "2024-10-01", [], "2026-12-02", "overdue", "2026-08-31"],
  ] as const)("%s on loan from %s, done %j, on %s: %s by %s", (check, from, done, today, state, dueBy) => {
    const s = checkState({ check, terms, onLoanFrom: d(from), doneAt: done.map(d), today: d(today) });
    expect(s?.state).toBe(state);
    expect(s?.dueBy.toISOString().slice(0, 10)).toBe(dueBy);
  });

  it("owes no term check in the summer holiday, and none in the year a loan began", () => {
    expect(checkState({ check: "LAPTOP_UPDATES", terms, onLoanFrom: d("2026-07-30"), doneAt: [], today: d("2026-08-10") })).toBeNull();
    expect(checkState({ check: "ANNUAL_CONFIRMATION", terms, onLoanFrom: d("2026-11-01"), doneAt: [], today: d("2026-12-01") })).toBeNull();
  });

  it.each([
    ["2026-10-25", "2026-10-25", false],
    ["2026-10-25", "2026-10-26", true],
    ["2026-10-25", "2026-10-27", false],
    ["2026-10-25", "2026-11-02", true],
  ])("overdue since %s: reminded on %s is %s", (dueBy, today, expected) => {
    expect(remindToday(d(dueBy), d(today))).toBe(expected);
  });

  it("every check rule names how often", () => {
    expect(Object.fromEntries(Object.entries(CHECKS).map(([k, v]) => [k, v.every]))).toEqual({
      CAMERA_CLEARED: "HALF_TERM", LAPTOP_UPDATES: "TERM", PHONE_TEXTS_DELETED: "MONTH", ANNUAL_CONFIRMATION: "YEAR",
    });
  });
});

describe("CSV import preview", () => {
  const header = "tag,kind,make,model,serial number,encrypted,personal data,notes";
  it.each([
    ["CAM-1,Camera,Canon,IXUS,,no,yes,", []],
    ["USB-1,memory stick,Kingston,IronKey,,yes,yes,", []],
    ["PH-1,phone,Nokia,105,,no,no,", []],
    [",Camera,Canon,IXUS,,no,no,", ["Enter the asset tag."]],
    ["X-1,Toaster,Acme,T1,,no,no,", ['Kind "Toaster" is not one of: Laptop, Tablet, Camera, Encrypted memory stick, Work mobile phone, Recording equipment, Other equipment.']],
    ["X-2,Laptop,Dell,5420,,perhaps,no,", ['"encrypted" must be yes or no.']],
    ["OLD-1,Laptop,Dell,5420,,yes,no,", ["Tag OLD-1 is already on the register."]],
  ])("%s → %j", (line, errors) => {
    const p = previewImport(`${header}\n${line}\n`, new Set(["OLD-1"]));
    expect(p.rows[0].errors).toEqual(errors);
    expect(p.valid).toBe(errors.length === 0);
  });

  it("names a tag repeated within the file, and refuses a file without the columns", () => {
    const p = previewImport(`${header}\nA-1,Camera,C,M,,no,no,\na-1,Camera,C,M,,no,no,\n`, new Set());
    expect(p.rows[1].errors).toEqual(["Tag a-1 is also on line 2."]);
    expect(previewImport("name,thing\nx,y\n", new Set()).fileError).toContain("missing: tag, kind, make, model");
    expect(previewImport('tag,kind\n"unterminated\n', new Set()).valid).toBe(false);
  });
});
