import { Field, describedBy, inputClass } from "@/components/ui/field";
import type { PeriodChoice } from "@/lib/governance/schemas";

// The period as an ordinary GET form: bookmarkable, no script, and a bad date shown next to its field.
const HINT = "For dates you choose";

export function PeriodForm({ action, choice }: { action: string; choice: PeriodChoice }) {
  const kind = Object.keys(choice.errors).length ? "range" : choice.period.kind;
  return (
    <form method="get" action={action} aria-label="Period" className="mb-6 rounded border border-slate-300 bg-white p-3 print:hidden">
      <fieldset>
        <legend className="font-semibold">Period</legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {([["term", "This term"], ["year", "This academic year"], ["range", "Dates I choose"]] as const).map(([value, label]) => (
            <label key={value} className="inline-flex min-h-11 items-center gap-2">
              <input type="radio" name="period" value={value} defaultChecked={kind === value} className="h-5 w-5" />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="mt-2 flex flex-wrap gap-4">
        <Field id="from" label="First day" hint={HINT} error={choice.errors.from}>
          <input id="from" name="from" type="date" defaultValue={choice.from} className={`${inputClass} sm:w-44`} {...describedBy("from", { hint: HINT, error: choice.errors.from })} />
        </Field>
        <Field id="to" label="Last day" hint={HINT} error={choice.errors.to}>
          <input id="to" name="to" type="date" defaultValue={choice.to} className={`${inputClass} sm:w-44`} {...describedBy("to", { hint: HINT, error: choice.errors.to })} />
        </Field>
      </div>
      <button type="submit" className="inline-flex min-h-11 items-center rounded bg-emerald-800 px-4 py-2 font-semibold text-white hover:bg-emerald-900">
        Show this period
      </button>
    </form>
  );
}
