import { Field, describedBy, inputClass } from "@/components/ui/field";

// Small labelled controls for the filtering forms: each shows its server message next to it.

export function TextInput(props: { name: string; label: string; error?: string; hint?: string; type?: "text" | "date"; defaultValue?: string; textarea?: boolean }) {
  const aria = describedBy(props.name, { hint: props.hint, error: props.error });
  return (
    <Field id={props.name} label={props.label} hint={props.hint} error={props.error}>
      {props.textarea ? (
        <textarea id={props.name} name={props.name} rows={3} defaultValue={props.defaultValue} className={inputClass} {...aria} />
      ) : (
        <input id={props.name} name={props.name} type={props.type ?? "text"} defaultValue={props.defaultValue} className={`${inputClass} ${props.type === "date" ? "sm:w-52" : ""}`} {...aria} />
      )}
    </Field>
  );
}

export function SelectInput(props: { name: string; label: string; error?: string; hint?: string; options: { value: string; label: string }[]; defaultValue?: string; placeholder?: string }) {
  return (
    <Field id={props.name} label={props.label} hint={props.hint} error={props.error}>
      <select id={props.name} name={props.name} defaultValue={props.defaultValue ?? ""} className={inputClass} {...describedBy(props.name, { hint: props.hint, error: props.error })}>
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A set of radio buttons in a fieldset with its legend and message. */
export function Radios(props: { name: string; legend: string; error?: string; options: { value: string; label: string }[]; defaultValue?: string; onChange?: (v: string) => void }) {
  return (
    <fieldset className="mb-4" aria-describedby={props.error ? `${props.name}-error` : undefined}>
      <legend className="font-semibold">{props.legend}</legend>
      {props.error && (
        <p id={`${props.name}-error`} role="alert" className="mt-1 font-semibold text-red-700">
          <span className="sr-only">Error: </span>
          {props.error}
        </p>
      )}
      <div className="mt-1 flex flex-wrap gap-x-6 gap-y-2">
        {props.options.map((o) => (
          <label key={o.value} className="flex min-h-11 items-center gap-2">
            <input type="radio" name={props.name} value={o.value} defaultChecked={props.defaultValue === o.value} onChange={() => props.onChange?.(o.value)} className="h-6 w-6" />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
