import { STAFF_GROUP_LABELS } from "@/lib/authz/labels";
import type { Counts } from "@/lib/declarations/coverage";
import type { StaffGroup } from "@/generated/prisma/enums";

export function CountsTable({ caption, rows, totals }: { caption: string; rows: ({ staffGroup: StaffGroup } & Counts)[]; totals: Counts }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full max-w-2xl border border-slate-300 bg-white text-left">
        <caption className="mb-1 text-left font-semibold">{caption}</caption>
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className="p-2">Staff group</th>
            <th scope="col" className="p-2 text-right">Signed</th>
            <th scope="col" className="p-2 text-right">Outstanding</th>
            <th scope="col" className="p-2 text-right">Overdue</th>
            <th scope="col" className="p-2 text-right">Total</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.staffGroup} className="border-t border-slate-200">
              <th scope="row" className="p-2 font-normal">{STAFF_GROUP_LABELS[r.staffGroup]}</th>
              <td className="p-2 text-right">{r.signed}</td>
              <td className="p-2 text-right">{r.outstanding}</td>
              <td className="p-2 text-right">{r.overdue}</td>
              <td className="p-2 text-right">{r.total}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-slate-400 font-semibold">
            <th scope="row" className="p-2">All</th>
            <td className="p-2 text-right" data-testid="total-signed">{totals.signed}</td>
            <td className="p-2 text-right" data-testid="total-outstanding">{totals.outstanding}</td>
            <td className="p-2 text-right" data-testid="total-overdue">{totals.overdue}</td>
            <td className="p-2 text-right">{totals.total}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
