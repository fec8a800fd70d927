// Reading a staff file from the MIS: bytes → text → header and rows → one checked record per row. Pure, so
// the dry run and the apply read a file the same way (tests/unit/staff-import.test.ts).
import { parse } from "csv-parse/sync";
import type { SchoolRole, StaffGroup } from "@/generated/prisma/enums";
import { emailAddress, personName } from "@/lib/validation";
import { normaliseHeader, rolesOf, staffGroupOf, FIELD_LABELS, type ColumnMapping, type ImportField } from "./columns";

import { MAX_FILE_BYTES, MAX_ROWS } from "./limits";

export type FileResult = { ok: true; headers: string[]; records: string[][] } | { ok: false; error: string };

const UTF8 = new TextDecoder("utf-8", { fatal: true }); // strips a leading BOM, throws on bytes that are not UTF-8

export const NOT_UTF8 =
  "This file is not saved as UTF-8, so names with accents would be garbled. In Excel choose Save As, then “CSV UTF-8 (Comma delimited)”, and upload that file.";

/** Decodes and splits a file into its header and rows, or says in plain words why it cannot. */
export function readStaffFile(bytes: Uint8Array): FileResult {
  if (bytes.length === 0) return { ok: false, error: "The file is empty." };
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, error: `The file is larger than ${MAX_FILE_BYTES / 1_000_000} MB. A staff list is much smaller: check it is the right file.` };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { ok: false, error: NOT_UTF8 };
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { ok: false, error: NOT_UTF8 };
  }
  // Control characters other than tab and line ends mean a binary file (a spreadsheet, a zip, junk).
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text.slice(0, 100_000))) return { ok: false, error: "This is not a CSV file. Save the staff list from your MIS or spreadsheet as CSV and try again." };
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: 10_000, to: MAX_ROWS + 2 });
  } catch {
    return { ok: false, error: "The file could not be read as CSV. Save it from your spreadsheet as CSV (comma separated) and try again." };
  }
  if (records.length === 0) return { ok: false, error: "The file is empty." };
  if (records.length - 1 > MAX_ROWS) return { ok: false, error: `The file has more than ${MAX_ROWS.toLocaleString("en-GB")} rows. Split it (for example by school) and import each part.` };
  const headers = records[0].map(normaliseHeader);
  if (headers.some((h) => /@|^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/.test(h)) || headers.every((h) => h === ""))
    return { ok: false, error: "The first row must name the columns (for example Forename, Surname, Email, Staff group, Start date), but it holds a person's details. Export the file with its header row." };
  const seen = new Set<string>();
  for (const h of headers) {
    if (h && seen.has(h)) return { ok: false, error: `Two columns are both called “${h}”. Rename one and try again.` };
    seen.add(h);
  }
  if (records.length === 1) return { ok: false, error: "The file has a header row but nobody in it." };
  return { ok: true, headers, records: records.slice(1) };
}

/** A spreadsheet runs a cell that starts with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** dd/mm/yyyy (UK, also with - or .) or yyyy-mm-dd, as a UTC-midnight Date. */
export function parseUkOrIsoDate(value: string): Date | null {
  let y: number, m: number, d: number;
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (uk) [d, m, y] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

export type StaffRow = {
  line: number;
  name: string;
  email: string;
  staffGroup: StaffGroup | null;
  /** Null when the file has no roles for this person (no column, or a blank cell). */
  roles: SchoolRole[] | null;
  jobTitle: string | null;
  startDate: Date | null;
  endDate: Date | null;
  /** The school column's value, as written (URN or slug); null when there is no school column. */
  school: string | null;
  errors: string[];
};

/** One row, checked on its own (the plan checks it against the school). */
export function readRow(headers: readonly string[], record: readonly string[], mapping: ColumnMapping, line: number): StaffRow {
  const errors: string[] = [];
  const cell = (field: ImportField) => {
    const h = mapping[field];
    if (!h) return "";
    const v = (record[headers.indexOf(h)] ?? "").trim();
    if (FORMULA_START.test(v)) {
      errors.push(`${FIELD_LABELS[field]} starts with “${v[0] === "\t" ? "tab" : v[0]}”, which a spreadsheet would run as a formula: this file is refused rather than changed. Remove the character and upload it again.`);
      return "";
    }
    return v;
  };
  const whole = mapping.name ? cell("name") : `${cell("forename")} ${cell("surname")}`.trim();
  const name = personName.safeParse(whole);
  if (!name.success) errors.push(name.error.issues[0].message + ".");
  const emailText = cell("email");
  const email = emailAddress.safeParse(emailText);
  if (!email.success) errors.push(emailText ? `“${emailText}” is not an email address.` : "Enter an email address.");
  const groupText = cell("staffGroup");
  const staffGroup = groupText ? staffGroupOf(groupText) : null;
  if (!staffGroup) errors.push(groupText ? `Staff group “${groupText}” is not one we know (for example Teacher, Teaching assistant, Support staff, Office staff).` : "Enter the staff group.");
  let roles: SchoolRole[] | null = null;
  const rolesText = cell("roles");
  if (rolesText) {
    const r = rolesOf(rolesText);
    if (r.unknown.length) errors.push(`Role “${r.unknown.join("”, “")}” is not a school role.`);
    else roles = r.roles;
  }
  const jobTitle = cell("jobTitle");
  if (jobTitle.length > 120) errors.push("Job title must be 120 characters or fewer.");
  const date = (field: "startDate" | "endDate", required: boolean) => {
    const v = cell(field);
    if (!v) {
      if (required) errors.push(`Enter the ${FIELD_LABELS[field].toLowerCase()}.`);
      return null;
    }
    const d = parseUkOrIsoDate(v);
    if (!d) errors.push(`${FIELD_LABELS[field]} “${v}” is not a date: write it as dd/mm/yyyy.`);
    return d;
  };
  const startDate = date("startDate", true);
  const endDate = date("endDate", false);
  if (startDate && endDate && endDate < startDate) errors.push("The end date is before the start date.");
  const school = mapping.school ? cell("school") : null;
  if (mapping.school && !school) errors.push("Enter the school's URN.");
  return {
    line,
    name: name.success ? name.data : whole,
    email: email.success ? email.data : emailText,
    staffGroup,
    roles,
    jobTitle: jobTitle || null,
    startDate,
    endDate,
    school,
    errors: [...new Set(errors)],
  };
}
