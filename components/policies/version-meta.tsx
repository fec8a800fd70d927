import { formatDate } from "@/lib/dates";

export function VersionMeta(props: { number: number; approvedBy: string | null; approvedOn: Date | null; reviewDue: Date | null; publishedAt: Date | null }) {
  return (
    <p className="text-slate-700">
      Version {props.number}
      {props.publishedAt && <> · published {formatDate(props.publishedAt)}</>}
      {props.approvedBy && (
        <>
          {" "}
          · approved by {props.approvedBy}
          {props.approvedOn && <> on {formatDate(props.approvedOn)}</>}
        </>
      )}
      {props.reviewDue && <> · review due {formatDate(props.reviewDue)}</>}
    </p>
  );
}
