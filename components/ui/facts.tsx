import type { ReactNode } from "react";

/** A record's facts as a definition list: label beside value on a wide screen, stacked on a phone. */
export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-semibold">{k}</dt>
          <dd className="mb-2 whitespace-pre-wrap break-words sm:mb-0">{v === null || v === undefined || v === "" ? <span className="text-slate-600">Not given</span> : v}</dd>
        </div>
      ))}
    </dl>
  );
}
