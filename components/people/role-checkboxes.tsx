import type { UseFormRegisterReturn } from "react-hook-form";

export function RoleCheckboxes(props: {
  roles: { value: string; label: string; disabled?: boolean }[];
  register: UseFormRegisterReturn;
  error?: string;
  idPrefix?: string;
  /** Every box read-only, with this sentence under the legend instead of a note per role. */
  readOnlyNote?: string;
}) {
  const prefix = props.idPrefix ?? "role";
  const all = props.readOnlyNote !== undefined;
  return (
    <fieldset className="mb-4" aria-describedby={[all && `${prefix}-note`, props.error && `${prefix}-error`].filter(Boolean).join(" ") || undefined}>
      <legend className="font-semibold">Roles</legend>
      {all && (
        <p id={`${prefix}-note`} className="text-slate-700">
          {props.readOnlyNote}
        </p>
      )}
      {props.error && (
        <p id={`${prefix}-error`} role="alert" className="font-semibold text-red-700">
          {props.error}
        </p>
      )}
      <div className="mt-1 grid gap-1 sm:grid-cols-2">
        {props.roles.map((r) => ({ ...r, disabled: all || r.disabled })).map((r) => (
          // aria-disabled alone leaves the box looking clickable: dim it and show the not-allowed cursor too.
          <label key={r.value} htmlFor={`${prefix}-${r.value}`} className={`flex min-h-11 items-center gap-2 ${r.disabled ? "cursor-not-allowed text-slate-500" : ""}`}>
            <input
              id={`${prefix}-${r.value}`}
              type="checkbox"
              value={r.value}
              className={`h-5 w-5 ${r.disabled ? "cursor-not-allowed opacity-50" : ""}`}
              // Read-only rather than disabled: a disabled box would drop a role the person already has.
              aria-disabled={r.disabled || undefined}
              onClick={r.disabled ? (e) => e.preventDefault() : undefined}
              {...props.register}
            />
            {r.label}
            {r.disabled && !all && <span className="text-sm text-slate-600">(you cannot change this role)</span>}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
