import Link from "next/link";
import { inputClass } from "./field";

export type FilterField =
  | { kind: "select"; name: string; label: string; value?: string; options: { value: string; label: string }[]; anyLabel?: string }
  | { kind: "date"; name: string; label: string; value?: string }
  | { kind: "search"; name: string; label: string; value?: string; maxLength?: number };

/**
 * Filters for a list page as an ordinary GET form: the filters live in the address (bookmarkable, the back
 * button works), it needs no JavaScript, and the page re-checks every value it reads from the address.
 */
export function FilterBar(props: { action: string; fields: FilterField[]; label?: string }) {
  const active = props.fields.some((f) => f.value);
  return (
    <form method="get" action={props.action} aria-label={props.label ?? "Filters"} className="mb-4 rounded border border-slate-300 bg-white p-3">
      <div className="flex flex-wrap items-end gap-3">
        {props.fields.map((f) => {
          const id = `filter-${f.name}`;
          return (
            <div key={f.name} className="w-full sm:w-auto">
              <label htmlFor={id} className="block text-sm font-semibold">
                {f.label}
              </label>
              {f.kind === "select" ? (
                <select id={id} name={f.name} defaultValue={f.value ?? ""} className={`${inputClass} mt-1 sm:w-56`}>
                  <option value="">{f.anyLabel ?? "Any"}</option>
                  {f.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : f.kind === "search" ? (
                <input id={id} name={f.name} type="search" defaultValue={f.value ?? ""} maxLength={f.maxLength} className={`${inputClass} mt-1 sm:w-64`} />
              ) : (
                <input id={id} name={f.name} type="date" defaultValue={f.value ?? ""} className={`${inputClass} mt-1 sm:w-44`} />
              )}
            </div>
          );
        })}
        <div className="flex items-center gap-4">
          <button type="submit" className="inline-flex min-h-11 items-center rounded bg-emerald-800 px-4 py-2 font-semibold text-white hover:bg-emerald-900">
            Apply filters
          </button>
          {active && (
            <Link href={props.action} className="inline-flex min-h-11 items-center underline underline-offset-2">
              Clear filters
            </Link>
          )}
        </div>
      </div>
    </form>
  );
}
