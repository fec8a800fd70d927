"use client";
// A kind's own fields (lib/requests/kinds.ts), as form controls under `details.<name>`: the new-request
// form and the requester's answer to a question both show them.
import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import type { RequestKind } from "@/lib/requests/kinds";

type Values = { details?: Record<string, unknown> };

export function DetailFields(props: { kind: RequestKind; register: UseFormRegister<Values>; errors: FieldErrors<Values> }) {
  const errs = (props.errors.details ?? {}) as Record<string, { message?: string } | undefined>;
  return (
    <>
      {props.kind.fields.map((f) => {
        const id = `details-${f.name}`;
        const error = errs[f.name]?.message;
        const aria = describedBy(id, { hint: f.hint, error });
        const reg = props.register(`details.${f.name}`);
        if (f.type === "confirm")
          return (
            <div key={f.name} className="mb-4">
              {error && (
                <p id={`${id}-error`} className="font-semibold text-red-700" role="alert">
                  <span className="sr-only">Error: </span>
                  {error}
                </p>
              )}
              <label htmlFor={id} className="flex items-center gap-3 font-semibold">
                <input id={id} type="checkbox" className="h-5 w-5" {...aria} {...reg} />
                {f.label}
              </label>
            </div>
          );
        const label = f.optional ? `${f.label} (optional)` : f.label;
        return (
          <Field key={f.name} id={id} label={label} hint={f.hint} error={error}>
            {f.type === "textarea" ? (
              <textarea id={id} rows={4} className={`${inputClass} max-w-2xl`} {...aria} {...reg} />
            ) : (
              <input id={id} type={f.type} className={inputClass} {...aria} {...reg} />
            )}
          </Field>
        );
      })}
    </>
  );
}
