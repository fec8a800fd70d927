"use client";
import { useRouter } from "next/navigation";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { createAssetAction, updateAssetAction } from "@/lib/equipment/actions";
import { ASSET_KINDS, KIND_ORDER, MANUAL_STATUSES, STATUS_LABELS } from "@/lib/equipment/kinds";
import type { AssetKind, AssetStatus } from "@/generated/prisma/enums";
import { useAction, text, checked } from "@/components/ui/use-action";

type Asset = { id: string; tag: string; kind: AssetKind; make: string; model: string; serialNumber: string | null; encrypted: boolean; personalData: boolean; notes: string | null; status: AssetStatus };

export function AssetForm(props: { schoolSlug: string; asset?: Asset; doneHref: (id: string) => string }) {
  const router = useRouter();
  const create = useAction(createAssetAction, props.schoolSlug);
  const update = useAction(updateAssetAction, props.schoolSlug);
  const a = props.asset;
  const { pending, error, fieldErrors: fe } = a ? update : create;
  const lent = a && (a.status === "ON_LOAN" || a.status === "AWAITING_SIGNATURE");

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const fields = {
      tag: text(f, "tag"), kind: text(f, "kind") as AssetKind, make: text(f, "make"), model: text(f, "model"), serialNumber: text(f, "serialNumber"),
      encrypted: checked(f, "encrypted"), personalData: checked(f, "personalData"), notes: text(f, "notes"),
    };
    const out = a ? await update.run({ ...fields, assetId: a.id, status: (text(f, "status") || a.status) as AssetStatus }) : await create.run(fields);
    if (out) {
      router.push(props.doneHref(out.id));
      router.refresh();
    }
  }
  const input = (name: string, label: string, value?: string | null, hint?: string) => (
    <Field id={name} label={label} hint={hint} error={fe[name]}>
      <input id={name} name={name} defaultValue={value ?? ""} className={inputClass} {...describedBy(name, { hint, error: fe[name] })} />
    </Field>
  );
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl rounded border border-slate-300 bg-white p-4">
      <FormMessage error={error} />
      {input("tag", "Asset tag", a?.tag, "Unique in the school, e.g. CAM-04")}
      <Field id="kind" label="Kind" error={fe.kind}>
        <select id="kind" name="kind" defaultValue={a?.kind ?? "LAPTOP"} className={inputClass} {...describedBy("kind", { error: fe.kind })}>
          {KIND_ORDER.map((k) => (
            <option key={k} value={k}>
              {ASSET_KINDS[k].label}
            </option>
          ))}
        </select>
      </Field>
      {input("make", "Make", a?.make)}
      {input("model", "Model", a?.model)}
      {input("serialNumber", "Serial number (optional)", a?.serialNumber)}
      <div className="mb-4 space-y-2">
        <label className="flex items-start gap-3">
          <input type="checkbox" name="encrypted" defaultChecked={a?.encrypted} className="mt-1 h-6 w-6 shrink-0" aria-describedby={fe.encrypted ? "encrypted-error" : undefined} />
          <span>Encrypted (a memory stick cannot be issued unless it is)</span>
        </label>
        {fe.encrypted && <p id="encrypted-error" role="alert" className="font-semibold text-red-700">{fe.encrypted}</p>}
        <label className="flex items-start gap-3">
          <input type="checkbox" name="personalData" defaultChecked={a?.personalData} className="mt-1 h-6 w-6 shrink-0" />
          <span>May hold personal data (its loss opens a data-breach report)</span>
        </label>
      </div>
      {a && (
        <Field id="status" label="Status" hint={lent ? "On loan: record its return to change this." : undefined} error={fe.status}>
          {lent ? (
            <p id="status">{STATUS_LABELS[a.status]}</p>
          ) : (
            <select id="status" name="status" defaultValue={a.status} className={inputClass} {...describedBy("status", { error: fe.status })}>
              {[...new Set([a.status, ...MANUAL_STATUSES])].map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field id="notes" label="Notes (optional)" error={fe.notes}>
        <textarea id="notes" name="notes" rows={3} defaultValue={a?.notes ?? ""} className={inputClass} {...describedBy("notes", { error: fe.notes })} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : a ? "Save changes" : "Add to the register"}
      </Button>
    </form>
  );
}
