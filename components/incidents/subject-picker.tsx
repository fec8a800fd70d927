"use client";
import { useId, useState } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { inputClass } from "@/components/ui/field";

export type PersonOption = { id: string; name: string; jobTitle: string | null };

/**
 * The people a report concerns, chosen from the school's people. A filter box narrows the list as you
 * type; every box stays in the form (hidden, not removed), so a ticked person stays ticked while filtering.
 */
export function SubjectPicker(props: { people: PersonOption[]; register: UseFormRegisterReturn; error?: string }) {
  const uid = useId();
  const [filter, setFilter] = useState("");
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const q = filter.trim().toLowerCase();
  const shown = (p: PersonOption) => !q || p.name.toLowerCase().includes(q) || (p.jobTitle ?? "").toLowerCase().includes(q) || ticked.has(p.id);
  const visible = props.people.filter(shown).length;
  const { onChange, ...reg } = props.register;
  return (
    <fieldset className="mb-4" aria-describedby={`${uid}-hint${props.error ? ` ${uid}-error` : ""}`}>
      <legend className="font-semibold">People it concerns (optional)</legend>
      <p id={`${uid}-hint`} className="text-sm text-slate-600">
        Adults at the school the report is about. They will not see it or be told about it. Leave empty if it is about nobody here.
      </p>
      {props.error && (
        <p id={`${uid}-error`} role="alert" className="mt-1 font-semibold text-red-700">
          <span className="sr-only">Error: </span>
          {props.error}
        </p>
      )}
      <label htmlFor={`${uid}-filter`} className="mt-2 block text-sm font-semibold">
        Find a person
      </label>
      <input
        id={`${uid}-filter`}
        type="search"
        autoComplete="off"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        // Enter in the filter box must not send the report.
        onKeyDown={(e) => e.key === "Enter" && e.preventDefault()}
        className={`${inputClass} mt-1`}
        aria-controls={`${uid}-list`}
      />
      <p className="mt-1 text-sm text-slate-700" aria-live="polite">
        {ticked.size > 0 ? `${ticked.size} chosen` : "Nobody chosen"}
        {q && ` · ${visible} shown`}
      </p>
      <ul id={`${uid}-list`} className="mt-1 max-h-64 max-w-md overflow-y-auto rounded border border-slate-300 bg-white">
        {props.people.map((p) => (
          <li key={p.id} className={shown(p) ? "border-b border-slate-200 last:border-b-0" : "hidden"}>
            <label htmlFor={`${uid}-${p.id}`} className="flex min-h-11 cursor-pointer items-center gap-3 px-3 py-1">
              <input
                id={`${uid}-${p.id}`}
                type="checkbox"
                value={p.id}
                className="h-5 w-5 shrink-0"
                {...reg}
                onChange={(e) => {
                  const next = new Set(ticked);
                  if (e.target.checked) next.add(p.id);
                  else next.delete(p.id);
                  setTicked(next);
                  return onChange(e);
                }}
              />
              <span>
                {p.name}
                {p.jobTitle && <span className="block text-sm text-slate-600">{p.jobTitle}</span>}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
