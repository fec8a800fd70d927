"use client";
import { useRouter } from "next/navigation";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { reportLossAction, reportMyLossAction } from "@/lib/equipment/actions";
import { useAction, text, checked } from "@/components/ui/use-action";

/** Report a loss or theft at once (seed 003): when, where, whether it was encrypted, what it held. */
export function LossForm(props: { schoolSlug: string; assetId: string; label: string; asManager: boolean; encrypted: boolean; chargeText: string }) {
  const router = useRouter();
  const { run, pending, error, fieldErrors: fe } = useAction(props.asManager ? reportLossAction : reportMyLossAction, props.schoolSlug);
  const p = `loss-${props.assetId}`;
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const out = await run({
      assetId: props.assetId,
      kind: text(f, "kind") as "LOST" | "STOLEN",
      occurredAt: text(f, "occurredAt"),
      place: text(f, "place"),
      wasEncrypted: checked(f, "wasEncrypted"),
      contents: text(f, "contents"),
    });
    if (out) router.refresh();
  }
  return (
    <form onSubmit={onSubmit} noValidate className="rounded border-2 border-red-700 bg-white p-4">
      <h3 className="mb-2 text-lg font-bold">Report {props.label} lost or stolen</h3>
      <p className="mb-3">The Business Manager is told at once. {props.chargeText}</p>
      <FormMessage error={error} />
      <fieldset className="mb-4">
        <legend className="font-semibold">What happened</legend>
        {fe.kind && <p role="alert" className="font-semibold text-red-700">{fe.kind}</p>}
        <label className="mr-6 inline-flex items-center gap-2"><input type="radio" name="kind" value="LOST" defaultChecked className="h-5 w-5" /> Lost</label>
        <label className="inline-flex items-center gap-2"><input type="radio" name="kind" value="STOLEN" className="h-5 w-5" /> Stolen</label>
      </fieldset>
      <Field id={`${p}-occurredAt`} label="When" error={fe.occurredAt}>
        <input id={`${p}-occurredAt`} name="occurredAt" type="datetime-local" className={inputClass} {...describedBy(`${p}-occurredAt`, { error: fe.occurredAt })} />
      </Field>
      <Field id={`${p}-place`} label="Where" error={fe.place}>
        <input id={`${p}-place`} name="place" className={inputClass} {...describedBy(`${p}-place`, { error: fe.place })} />
      </Field>
      <label className="mb-4 flex items-start gap-3">
        <input type="checkbox" name="wasEncrypted" defaultChecked={props.encrypted} className="mt-1 h-6 w-6 shrink-0" />
        <span>It was encrypted</span>
      </label>
      <Field id={`${p}-contents`} label="What it held" hint="For example: photos of the class, reports, nothing personal" error={fe.contents}>
        <textarea id={`${p}-contents`} name="contents" rows={3} className={inputClass} {...describedBy(`${p}-contents`, { hint: "x", error: fe.contents })} />
      </Field>
      <Button type="submit" variant="danger" disabled={pending}>{pending ? "Reporting…" : "Report it"}</Button>
    </form>
  );
}
