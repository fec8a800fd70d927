"use client";
import { useRouter } from "next/navigation";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { saveEquipmentSettingsAction, saveTermsAction } from "@/lib/equipment/actions";
import { ASSET_KINDS, KIND_ORDER } from "@/lib/equipment/kinds";
import type { AssetKind } from "@/generated/prisma/enums";
import { useAction, text } from "@/components/ui/use-action";
import { useState } from "react";

export function SettingsForm(props: { schoolSlug: string; charge: string; conditions: Record<AssetKind, string> }) {
  const router = useRouter();
  const { run, pending, error, fieldErrors: fe } = useAction(saveEquipmentSettingsAction, props.schoolSlug);
  const [saved, setSaved] = useState(false);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const f = new FormData(e.currentTarget);
    const out = await run({ charge: text(f, "charge"), conditions: Object.fromEntries(KIND_ORDER.map((k) => [k, text(f, `conditions-${k}`)])) });
    if (out) {
      setSaved(true);
      router.refresh();
    }
  }
  return (
    <form onSubmit={onSubmit} noValidate className="rounded border border-slate-300 bg-white p-4">
      <h2 className="mb-3 text-xl font-bold">Charge and conditions of use</h2>
      <FormMessage error={error} success={saved ? "Saved. New loans use this wording; loans already signed keep theirs." : null} />
      <Field id="charge" label="Replacement charge (£)" hint="Paid by the user for a lost or stolen item (the policy says £25)." error={fe.charge}>
        <input id="charge" name="charge" inputMode="decimal" defaultValue={props.charge} className={`${inputClass} sm:w-40`} {...describedBy("charge", { hint: "x", error: fe.charge })} />
      </Field>
      {KIND_ORDER.map((k) => (
        <Field key={k} id={`conditions-${k}`} label={`Conditions: ${ASSET_KINDS[k].label}`} hint="One condition a line." error={fe[`conditions.${k}`]}>
          <textarea id={`conditions-${k}`} name={`conditions-${k}`} rows={6} defaultValue={props.conditions[k]} className={inputClass} {...describedBy(`conditions-${k}`, { hint: "x", error: fe[`conditions.${k}`] })} />
        </Field>
      ))}
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save"}</Button>
    </form>
  );
}

type TermRow = { name: string; startDate: string; endDate: string; halfTermStart: string; halfTermEnd: string };

export function TermsForm(props: { schoolSlug: string; terms: TermRow[]; usingDefaults: boolean }) {
  const router = useRouter();
  const { run, pending, error, fieldErrors: fe } = useAction(saveTermsAction, props.schoolSlug);
  const [rows, setRows] = useState<TermRow[]>(props.terms);
  const [saved, setSaved] = useState(false);
  const set = (i: number, key: keyof TermRow, value: string) => setRows((r) => r.map((row, n) => (n === i ? { ...row, [key]: value } : row)));
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const out = await run({ terms: rows.filter((r) => r.name.trim() || r.startDate || r.endDate) });
    if (out) {
      setSaved(true);
      router.refresh();
    }
  }
  const cell = (i: number, key: keyof TermRow, label: string, type: "text" | "date") => {
    const id = `term-${i}-${key}`;
    const err = fe[`terms.${i}.${key}`];
    return (
      <Field id={id} label={label} error={err}>
        <input id={id} type={type} value={rows[i][key]} onChange={(e) => set(i, key, e.target.value)} className={inputClass} {...describedBy(id, { error: err })} />
      </Field>
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate className="rounded border border-slate-300 bg-white p-4">
      <h2 className="mb-1 text-xl font-bold">Term dates</h2>
      <p className="mb-3">{props.usingDefaults ? "These are the default England dates: change them to your school's." : "Your school's dates."} Half-termly and termly checks follow them.</p>
      <FormMessage error={fe.terms ?? error} success={saved ? "Term dates saved." : null} />
      {rows.map((_, i) => (
        <fieldset key={i} className="mb-4 grid gap-x-4 rounded border border-slate-200 p-3 sm:grid-cols-2">
          <legend className="px-1 font-semibold">{rows[i].name || `Term ${i + 1}`}</legend>
          {cell(i, "name", "Name", "text")}
          <div />
          {cell(i, "startDate", "First day", "date")}
          {cell(i, "endDate", "Last day", "date")}
          {cell(i, "halfTermStart", "Half-term break: first day", "date")}
          {cell(i, "halfTermEnd", "Half-term break: last day", "date")}
        </fieldset>
      ))}
      <div className="flex flex-wrap gap-3">
        <Button type="button" variant="secondary" onClick={() => setRows((r) => [...r, { name: "", startDate: "", endDate: "", halfTermStart: "", halfTermEnd: "" }])}>Add a term</Button>
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save term dates"}</Button>
      </div>
    </form>
  );
}
