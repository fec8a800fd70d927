// Kinds of equipment, their default conditions of use and their recurring checks, as plain data tested as
// a table (tests/unit/equipment-kinds.test.ts). The wording follows the schools' own policies: seed 003
// Appendix 3 (memory sticks, cameras, phones, £25 replacement, the sign-out form), seed 000 (laptops in
// for updates, cameras kept secure, memory pens encrypted) and seed 001 (removable storage encrypted,
// devices PIN-protected, never left in a car). A school replaces any kind's wording with its own
// (EquipmentSettings.conditions); what the borrower saw is frozen on the loan item and hashed.
import type { AssetKind, AssetStatus, SchoolRole } from "@/generated/prisma/enums";

export type KindRule = {
  label: string;
  /** The line on the Appendix 3 sign-out form: "I am in receipt of …". */
  receiptLine: string;
  /** Seeds 000/001/003: may only be issued if encrypted. */
  mustBeEncrypted: boolean;
  /** Cameras stay in school unless the Headteacher agrees (seed 003). */
  offSiteNeedsHeadAgreement: boolean;
  /** Roles, besides those with equipment:manage, who may issue this kind (the ICT lead: laptops and tablets). */
  alsoIssuedBy: readonly SchoolRole[];
  /** Checks that recur for this kind while it is on loan (keys of CHECKS). */
  checks: readonly CheckKey[];
  conditions: string;
};

const LEAVERS = "Return it to the HR Administrator at your exit interview when you leave, with your ID pass and access fob.";
const LOSS = "Report a loss or theft at once to the School Business Manager; the replacement charge is paid by the user.";
const CAR = "Never leave it in a car.";

export const ASSET_KINDS: Readonly<Record<AssetKind, KindRule>> = {
  LAPTOP: {
    label: "Laptop",
    receiptLine: "I am in receipt of a laptop issued by school.",
    mustBeEncrypted: false,
    offSiteNeedsHeadAgreement: false,
    alsoIssuedBy: ["ICT_LEAD"],
    checks: ["LAPTOP_UPDATES", "ANNUAL_CONFIRMATION"],
    conditions: [
      "Use it for school work. Keep it protected by a password or PIN and lock it when you step away.",
      "Bring it into school when asked so that updates, licences and virus protection are kept current.",
      "Keep it secure off site. " + CAR,
      "Do not store staff or children's data on it except in the school's systems.",
      LOSS,
      LEAVERS,
    ].join("\n"),
  },
  TABLET: {
    label: "Tablet",
    receiptLine: "I am in receipt of a tablet issued by school.",
    mustBeEncrypted: false,
    offSiteNeedsHeadAgreement: false,
    alsoIssuedBy: ["ICT_LEAD"],
    checks: ["ANNUAL_CONFIRMATION"],
    conditions: [
      "Use it for school work. Keep it protected by a PIN.",
      "Keep it secure off site. " + CAR,
      LOSS,
      LEAVERS,
    ].join("\n"),
  },
  CAMERA: {
    label: "Camera",
    receiptLine: "I am in receipt of a camera issued by school.",
    mustBeEncrypted: false,
    offSiteNeedsHeadAgreement: true,
    alsoIssuedBy: [],
    checks: ["CAMERA_CLEARED", "ANNUAL_CONFIRMATION"],
    conditions: [
      "The camera is assigned to you during the school day, kept in the bumbag provided and worn during the school day.",
      "Store it securely in school outside school hours.",
      "Do not take it out of school unless the Head of School has agreed (for example for a school trip).",
      "It is reviewed each half term and all photos deleted.",
      "Keep up to date with parents' and carers' requests about photographs. Print photographs in school only and collect them at once.",
      LOSS,
      LEAVERS,
    ].join("\n"),
  },
  MEMORY_STICK: {
    label: "Encrypted memory stick",
    receiptLine: "I am in receipt of an encrypted memory stick issued by school.",
    mustBeEncrypted: true,
    offSiteNeedsHeadAgreement: false,
    alsoIssuedBy: [],
    checks: ["ANNUAL_CONFIRMATION"],
    conditions: [
      "Use only this school-issued, encrypted memory stick for work; no personal memory sticks.",
      "Data is wiped after 6 failed password attempts: use a secure password you will remember.",
      "Do not take staff or children's data out of the building without prior agreement.",
      LOSS,
      LEAVERS,
    ].join("\n"),
  },
  MOBILE_PHONE: {
    label: "Work mobile phone",
    receiptLine: "I am in receipt of a mobile phone issued by school.",
    mustBeEncrypted: false,
    offSiteNeedsHeadAgreement: false,
    alsoIssuedBy: [],
    checks: ["PHONE_TEXTS_DELETED", "ANNUAL_CONFIRMATION"],
    conditions: [
      "Keep it password protected.",
      "Store no personal information other than names and phone numbers. Delete texts to parents within a week.",
      "Do not use it to take photos. " + CAR,
      LOSS,
      LEAVERS,
    ].join("\n"),
  },
  RECORDING: {
    label: "Recording equipment",
    receiptLine: "I am in receipt of recording equipment issued by school.",
    mustBeEncrypted: false,
    offSiteNeedsHeadAgreement: false,
    alsoIssuedBy: [],
    checks: ["ANNUAL_CONFIRMATION"],
    conditions: ["Use it for school work only and delete recordings when they are no longer needed.", CAR, LOSS, LEAVERS].join("\n"),
  },
  OTHER: {
    label: "Other equipment",
    receiptLine: "I am in receipt of equipment issued by school.",
    mustBeEncrypted: false,
    offSiteNeedsHeadAgreement: false,
    alsoIssuedBy: [],
    checks: ["ANNUAL_CONFIRMATION"],
    conditions: ["Use it for school work only and keep it secure.", LOSS, LEAVERS].join("\n"),
  },
};

export const KIND_ORDER: readonly AssetKind[] = ["LAPTOP", "TABLET", "CAMERA", "MEMORY_STICK", "MOBILE_PHONE", "RECORDING", "OTHER"];

/** The first row of the Appendix 3 form. */
export const CONDITIONS_CONFIRMATION = "I confirm that I understand the conditions detailed above.";

export type CheckKey = "CAMERA_CLEARED" | "LAPTOP_UPDATES" | "PHONE_TEXTS_DELETED" | "ANNUAL_CONFIRMATION";
export type CheckRule = { label: string; every: "HALF_TERM" | "TERM" | "MONTH" | "YEAR"; byBorrower: boolean };

export const CHECKS: Readonly<Record<CheckKey, CheckRule>> = {
  CAMERA_CLEARED: { label: "Camera reviewed and all photos deleted", every: "HALF_TERM", byBorrower: false },
  LAPTOP_UPDATES: { label: "Laptop brought in for updates, licences and virus protection", every: "TERM", byBorrower: false },
  PHONE_TEXTS_DELETED: { label: "Old texts to parents deleted", every: "MONTH", byBorrower: true },
  ANNUAL_CONFIRMATION: { label: "Holder confirms they still hold it", every: "YEAR", byBorrower: true },
};

export const STATUS_LABELS: Readonly<Record<AssetStatus, string>> = {
  AVAILABLE: "Available",
  AWAITING_SIGNATURE: "Awaiting signature",
  ON_LOAN: "On loan",
  IN_FOR_CHECK: "In for check or repair",
  LOST: "Lost",
  STOLEN: "Stolen",
  RETIRED: "Retired",
};

/** Statuses a manager sets by hand on the register (the others follow from loans and losses). */
export const MANUAL_STATUSES: readonly AssetStatus[] = ["AVAILABLE", "IN_FOR_CHECK", "RETIRED"];

export const DEFAULT_CHARGE_PENCE = 2500;

/** Why an asset cannot be issued, or null. */
export function issueRefusal(asset: { kind: AssetKind; encrypted: boolean; status: AssetStatus; tag: string }): string | null {
  if (ASSET_KINDS[asset.kind].mustBeEncrypted && !asset.encrypted)
    return `${asset.tag} is not encrypted: a memory stick is issued only if it is encrypted.`;
  if (asset.status !== "AVAILABLE") return `${asset.tag} is not available (${STATUS_LABELS[asset.status].toLowerCase()}).`;
  return null;
}

/** May someone with these roles issue this kind? Managers issue everything. */
export function mayIssueKind(actor: { canManage: boolean; schoolRoles: readonly SchoolRole[] }, kind: AssetKind): boolean {
  return actor.canManage || ASSET_KINDS[kind].alsoIssuedBy.some((r) => actor.schoolRoles.includes(r));
}

/** A loss opens a data-breach incident when the device may hold personal data or was not encrypted. */
export function lossIsBreach(loss: { personalData: boolean; wasEncrypted: boolean }): boolean {
  return loss.personalData || !loss.wasEncrypted;
}

export function formatPence(pence: number): string {
  return `£${(pence / 100).toFixed(2).replace(/\.00$/, "")}`;
}
