import type { ReactNode } from "react";

export type Column<T> = {
  /** Stable key for React; also the column's id. */
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Numbers read best right-aligned. */
  align?: "left" | "right";
  /** The cell that names the row (a <th scope="row">), so screen readers announce it with each cell. */
  rowHeader?: boolean;
  /** Extra classes for this column's cells, e.g. "whitespace-nowrap". */
  className?: string;
};

/**
 * A plain, accessible table for lists of records: a caption (visible or for screen readers only), column
 * headers, one row per record, and a sentence instead of an empty table. On a narrow phone it scrolls
 * sideways inside a focusable region, so keyboard users can scroll it too.
 */
export function DataTable<T>(props: {
  caption: string;
  captionHidden?: boolean;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  empty?: ReactNode;
  /** Highlights some rows (e.g. overdue), in addition to what the cells say in words. */
  rowClassName?: (row: T) => string | undefined;
  size?: "sm" | "base";
}) {
  if (props.rows.length === 0) return <p className="rounded border border-slate-300 bg-white p-4">{props.empty ?? "Nothing to show."}</p>;
  const align = (c: Column<T>) => (c.align === "right" ? "text-right" : "text-left");
  return (
    <div className="overflow-x-auto rounded border border-slate-300 bg-white" role="region" aria-label={props.caption} tabIndex={0}>
      <table className={`w-full text-left ${props.size === "base" ? "" : "text-sm"}`}>
        <caption className={props.captionHidden ? "sr-only" : "p-2 text-left font-semibold"}>{props.caption}</caption>
        <thead className="bg-slate-100">
          <tr>
            {props.columns.map((c) => (
              <th key={c.key} scope="col" className={`p-2 ${align(c)}`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)} className={`border-t border-slate-200 align-top ${props.rowClassName?.(row) ?? ""}`}>
              {props.columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.key} scope="row" className={`p-2 font-normal ${align(c)} ${c.className ?? ""}`}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.key} className={`p-2 ${align(c)} ${c.className ?? ""}`}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
