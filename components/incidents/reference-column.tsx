import Link from "next/link";
import type { Column } from "@/components/ui/data-table";

/** The first column of every incident table: the report's reference, linking to the report. */
export function referenceColumn<T extends { id: string; reference: string }>(base: string): Column<T> {
  return {
    key: "ref",
    header: "Reference",
    rowHeader: true,
    className: "whitespace-nowrap",
    cell: (r) => (
      <Link href={`${base}/${r.id}`} className="font-semibold text-emerald-900 underline underline-offset-2">
        {r.reference}
      </Link>
    ),
  };
}
