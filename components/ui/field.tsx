import type { ReactNode } from "react";

/** A labelled field with its hint and error tied to the control for screen readers. */
export function Field(props: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className="mb-4">
      <label htmlFor={props.id} className="block font-semibold">
        {props.label}
      </label>
      {props.hint && (
        <p id={`${props.id}-hint`} className="text-sm text-slate-600">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${props.id}-error`} className="mt-1 font-semibold text-red-700" role="alert">
          <span className="sr-only">Error: </span>
          {props.error}
        </p>
      )}
      <div className="mt-1">{props.children}</div>
    </div>
  );
}

/** aria attributes for a control inside <Field>. */
export function describedBy(id: string, opts: { hint?: string; error?: string }) {
  const ids = [opts.hint ? `${id}-hint` : null, opts.error ? `${id}-error` : null].filter(Boolean).join(" ");
  return { "aria-describedby": ids || undefined, "aria-invalid": opts.error ? true : undefined };
}

export const inputClass =
  "block w-full max-w-md rounded border-2 border-slate-800 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700";
