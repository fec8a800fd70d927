import { DataTable } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { ASSET_KINDS } from "@/lib/equipment/kinds";
import { formatDate, formatDateTime } from "@/lib/dates";
import type { AssetKind, LoanItemStatus } from "@/generated/prisma/enums";

type Item = {
  id: string; status: LoanItemStatus; dueBack: Date | null; mayLeaveSite: boolean; offSiteReason: string | null;
  asset: { tag: string; kind: AssetKind; make: string; model: string };
  return: { returnedOn: Date; condition: string } | null;
};
const LABEL: Record<LoanItemStatus, [string, "warning" | "info" | "success" | "danger"]> = {
  AWAITING_SIGNATURE: ["Awaiting signature", "warning"], ON_LOAN: ["On loan", "info"], RETURNED: ["Returned", "success"], LOST: ["Lost", "danger"],
};

/** The rows of the Appendix 3 form for one loan: item, signed, date, returned. */
export function LoanItems(props: { items: Item[]; signedAt: Date | null }) {
  return (
    <DataTable<Item>
      caption="Items"
      rows={props.items}
      rowKey={(i) => i.id}
      columns={[
        { key: "item", header: "Item", rowHeader: true, cell: (i) => <><span className="whitespace-nowrap font-semibold">{i.asset.tag}</span> {ASSET_KINDS[i.asset.kind].label}, {i.asset.make} {i.asset.model}</> },
        { key: "status", header: "Status", cell: (i) => <StatusBadge tone={LABEL[i.status][1]}>{LABEL[i.status][0]}</StatusBadge> },
        { key: "signed", header: "Signed", cell: () => (props.signedAt ? formatDateTime(props.signedAt) : "Not yet") },
        { key: "due", header: "Due back", cell: (i) => formatDate(i.dueBack) },
        { key: "site", header: "Off site", cell: (i) => (i.mayLeaveSite ? `Agreed: ${i.offSiteReason ?? ""}` : "No") },
        { key: "ret", header: "Returned", cell: (i) => (i.return ? `${formatDate(i.return.returnedOn)} (${i.return.condition})` : "") },
      ]}
    />
  );
}
