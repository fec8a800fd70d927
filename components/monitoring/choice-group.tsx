"use client";
import type { UseFormRegisterReturn } from "react-hook-form";

/** A group of checkboxes with its legend, hint and error tied together for screen readers. */
export function ChoiceGroup(props: {
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  register: UseFormRegisterReturn;
  error?: string;
}) {
  const described = [props.hint ? `${props.name}-hint` : null, props.error ? `${props.name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="mb-4" aria-describedby={described}>
      <legend className="font-semibold">{props.legend}</legend>
      {props.hint && (
        <p id={`${props.name}-hint`} className="text-sm text-slate-600">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${props.name}-error`} role="alert" className="mt-1 font-semibold text-red-700">
          <span className="sr-only">Error: </span>
          {props.error}
        </p>
      )}
      <div className="mt-2 space-y-1">
        {props.options.map((o) => (
          <label key={o.value} htmlFor={`${props.name}-${o.value}`} className="flex min-h-11 max-w-2xl cursor-pointer items-center gap-3 rounded border border-slate-300 bg-white px-3 py-1 has-[:checked]:border-emerald-800 has-[:checked]:bg-emerald-50">
            <input id={`${props.name}-${o.value}`} type="checkbox" value={o.value} className="h-5 w-5 shrink-0" aria-invalid={props.error ? true : undefined} {...props.register} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
