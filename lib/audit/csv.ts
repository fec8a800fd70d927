import { csvCell } from "@/lib/declarations/csv";
import { formatDateTime } from "@/lib/dates";
import { describeAction } from "./describe";

// The audit log as CSV: every cell through csvCell, which defuses formulas (= + - @ tab CR) as the
// coverage export does, because recorded data includes what people typed (names, emails, titles).

export const AUDIT_CSV_HEADER = ["Seq", "When (London)", "When (UTC)", "Who", "Who (id)", "What", "Action", "Record", "Record id", "Details", "Hash"];

type Row = {
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  data: unknown;
  hash: string;
};

export function auditCsvLine(cells: unknown[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}

export function auditCsvRow(e: Row, names: Map<string, string>): unknown[] {
  return [
    e.seq,
    formatDateTime(e.at),
    e.at.toISOString(),
    e.actorId ? (names.get(e.actorId) ?? "Unknown person") : "System",
    e.actorId ?? "",
    describeAction(e.action),
    e.action,
    e.entityType ?? "",
    e.entityId ?? "",
    JSON.stringify(e.data ?? {}),
    e.hash,
  ];
}
