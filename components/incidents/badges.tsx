import { StatusBadge, type BadgeTone } from "@/components/ui/status-badge";
import { STATUS_LABELS } from "@/lib/incidents/categories";
import { describeTimeLeft, type BreachTimeLeft } from "@/lib/incidents/breach-clock";
import type { IncidentStatus } from "@/lib/incidents/types";

const STATUS_TONES: Record<IncidentStatus, BadgeTone> = { NEW: "warning", ACKNOWLEDGED: "info", INVESTIGATING: "info", CLOSED: "success" };

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  return <StatusBadge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</StatusBadge>;
}

/** The 72-hour clock as words: time left (or overdue) and the deadline in UK time. */
export function BreachClock({ clock, compact }: { clock: BreachTimeLeft; compact?: boolean }) {
  const urgent = clock.overdue || clock.hours < 24;
  return (
    <span className={urgent ? "font-semibold text-red-800" : "text-slate-900"}>
      {describeTimeLeft(clock)}
      {compact ? (
        <span className="block text-xs font-normal text-slate-700">by {clock.deadlineLabel}</span>
      ) : (
        <> · deadline {clock.deadlineLabel}</>
      )}
    </span>
  );
}
