// Register CSV: import (checked row by row, nothing written unless every row is right) and export.
// Pure functions, so the preview and the import read the file the same way; tested in
// tests/unit/equipment-csv.test.ts and, through the service, in tests/integration/equipment.test.ts.
import { parse } from "csv-parse/sync";
import type { AssetKind } from "@/generated/prisma/enums";
import { createAssetSchema } from "./schemas";
import { ASSET_KINDS, KIND_ORDER } from "./kinds";

export const IMPORT_COLUMNS = ["tag", "kind", "make", "model", "serial number", "encrypted", "personal data", "notes"] as const;
export const MAX_IMPORT_ROWS = 1000;

export type ImportRow = {
  line: number;
  tag: string;
  kind: AssetKind | null;
  make: string;
  model: string;
  serialNumber: string | null;
  encrypted: boolean;
  personalData: boolean;
  notes: string | null;
  errors: string[];
};
export type ImportPreview = { rows: ImportRow[]; fileError: string | null; valid: boolean };

const YES = new Set(["yes", "y", "true", "1"]);
const NO = new Set(["no", "n", "false", "0", ""]);

function kindOf(value: string): AssetKind | null {
  const v = value.trim().toLowerCase();
  for (const k of KIND_ORDER) {
    const label = ASSET_KINDS[k].label.toLowerCase();
    if (v === k.toLowerCase() || v === label || v === k.toLowerCase().replace("_", " ")) return k;
  }
  if (v === "memory stick" || v === "stick" || v === "usb stick") return "MEMORY_STICK";
  if (v === "phone" || v === "mobile phone") return "MOBILE_PHONE";
  return null;
}

/** Reads and checks every row; `existingTags` are the school's tags (upper-cased) to catch duplicates. */
export function previewImport(text: string, existingTags: ReadonlySet<string>): ImportPreview {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch {
    return { rows: [], fileError: "The file could not be read as CSV. Save it from your spreadsheet as CSV (comma separated) and try again.", valid: false };
  }
  if (records.length === 0) return { rows: [], fileError: "The file is empty.", valid: false };
  const header = records[0].map((h) => h.trim().toLowerCase());
  const missing = IMPORT_COLUMNS.slice(0, 4).filter((c) => !header.includes(c));
  if (missing.length) return { rows: [], fileError: `The first row must name the columns; missing: ${missing.join(", ")}.`, valid: false };
  if (records.length - 1 > MAX_IMPORT_ROWS) return { rows: [], fileError: `At most ${MAX_IMPORT_ROWS} rows in one file.`, valid: false };
  const col = (r: string[], name: string) => {
    const i = header.indexOf(name);
    return i >= 0 ? (r[i] ?? "").trim() : "";
  };

  const seen = new Map<string, number>();
  const rows = records.slice(1).map((r, i): ImportRow => {
    const line = i + 2;
    const errors: string[] = [];
    const kindText = col(r, "kind");
    const kind = kindOf(kindText);
    if (!kind) errors.push(kindText ? `Kind "${kindText}" is not one of: ${KIND_ORDER.map((k) => ASSET_KINDS[k].label).join(", ")}.` : "Enter the kind.");
    const flag = (name: string) => {
      const v = col(r, name).toLowerCase();
      if (YES.has(v)) return true;
      if (!NO.has(v)) errors.push(`"${name}" must be yes or no.`);
      return false;
    };
    const encrypted = flag("encrypted");
    const personalData = flag("personal data");
    const candidate = {
      tag: col(r, "tag"),
      kind: kind ?? "OTHER",
      make: col(r, "make"),
      model: col(r, "model"),
      serialNumber: col(r, "serial number"),
      encrypted,
      personalData,
      notes: col(r, "notes"),
    };
    const parsed = createAssetSchema.safeParse(candidate);
    if (!parsed.success) for (const issue of parsed.error.issues) errors.push(issue.message + ".");
    const tagKey = candidate.tag.toUpperCase();
    if (candidate.tag) {
      if (existingTags.has(tagKey)) errors.push(`Tag ${candidate.tag} is already on the register.`);
      else if (seen.has(tagKey)) errors.push(`Tag ${candidate.tag} is also on line ${seen.get(tagKey)}.`);
      else seen.set(tagKey, line);
    }
    return {
      line,
      tag: candidate.tag,
      kind,
      make: candidate.make,
      model: candidate.model,
      serialNumber: candidate.serialNumber || null,
      encrypted,
      personalData,
      notes: candidate.notes || null,
      errors: [...new Set(errors)],
    };
  });
  if (rows.length === 0) return { rows, fileError: "The file has a header row but no assets.", valid: false };
  return { rows, fileError: null, valid: rows.every((r) => r.errors.length === 0) };
}
