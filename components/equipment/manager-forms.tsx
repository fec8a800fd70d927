"use client";
import { useRouter } from "next/navigation";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { recordReturnAction, settleChargeAction, saveExitChecklistAction, recordCheckAction } from "@/lib/equipment/actions";
import { CHECKS, type CheckKey } from "@/lib/equipment/kinds";
import { useAction, text, checked } from "@/components/ui/use-action";

export function ReturnForm(props: { schoolSlug: string; loanId: string; items: { id: string; label: string }[]; today: string }) {
  const router = useRouter();
  const { run, pending, error, fieldErrors: fe } = useAction(recordReturnAction, props.schoolSlug);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const out = await run({ loanId: props.loanId, itemIds: f.getAll("itemIds").map(String), returnedOn: text(f, "returnedOn"), condition: text(f, "condition") });
    if (out) router.refresh();
  }
  return (
    <form onSubmit={onSubmit} noValidate className="rounded border border-slate-300 bg-white p-4">
      <h2 className="mb-3 text-xl font-bold">Record a return</h2>
      <FormMessage error={error} />
      <fieldset className="mb-4">
        <legend className="font-semibold">Items handed back</legend>
        {fe.itemIds && <p role="alert" className="font-semibold text-red-700">{fe.itemIds}</p>}
        {props.items.map((i) => (
          <label key={i.id} className="mt-2 flex items-start gap-3">
            <input type="checkbox" name="itemIds" value={i.id} className="mt-1 h-6 w-6 shrink-0" />
            <span>{i.label}</span>
          </label>
        ))}
      </fieldset>
      <Field id="returnedOn" label="Date returned" error={fe.returnedOn}>
        <input id="returnedOn" name="returnedOn" type="date" defaultValue={props.today} className={inputClass} {...describedBy("returnedOn", { error: fe.returnedOn })} />
      </Field>
      <Field id="condition" label="Condition" hint="For example: good, photos deleted" error={fe.condition}>
        <input id="condition" name="condition" className={inputClass} {...describedBy("condition", { hint: "x", error: fe.condition })} />
      </Field>
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Record return"}</Button>
    </form>
  );
}

export function ChargeForm(props: { schoolSlug: string; lossId: string }) {
  const router = useRouter();
  const { run, pending, error, fieldErrors: fe } = useAction(settleChargeAction, props.schoolSlug);
  const id = `note-${props.lossId}`;
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const f = new FormData(e.currentTarget);
    const out = await run({ lossId: props.lossId, outcome: (submitter?.value ?? "PAID") as "PAID" | "WAIVED", note: text(f, "note") });
    if (out) router.refresh();
  }
  return (
    <form onSubmit={onSubmit} noValidate className="mt-2">
      <FormMessage error={error && !fe.note ? error : null} />
      <Field id={id} label="Note (needed to waive)" error={fe.note}>
        <input id={id} name="note" className={inputClass} {...describedBy(id, { error: fe.note })} />
      </Field>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" name="outcome" value="PAID" disabled={pending}>Mark paid</Button>
        <Button type="submit" name="outcome" value="WAIVED" variant="secondary" disabled={pending}>Waive</Button>
      </div>
    </form>
  );
}

export function ExitChecklistForm(props: { schoolSlug: string; membershipId: string; idPass: boolean; fob: boolean; outstanding: number }) {
  const router = useRouter();
  const { run, pending, error } = useAction(saveExitChecklistAction, props.schoolSlug);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const out = await run({ membershipId: props.membershipId, idPassReturned: checked(f, "idPass"), accessFobReturned: checked(f, "fob") });
    if (out) router.refresh();
  }
  return (
    <form onSubmit={onSubmit} noValidate className="rounded border border-slate-300 bg-white p-4">
      <h2 className="mb-3 text-xl font-bold">Exit interview</h2>
      <FormMessage error={error} />
      <label className="mb-2 flex items-start gap-3">
        <input type="checkbox" name="idPass" defaultChecked={props.idPass} className="mt-1 h-6 w-6 shrink-0" />
        <span>ID pass handed in</span>
      </label>
      <label className="mb-4 flex items-start gap-3">
        <input type="checkbox" name="fob" defaultChecked={props.fob} className="mt-1 h-6 w-6 shrink-0" />
        <span>Access fob handed in</span>
      </label>
      {props.outstanding > 0 && <p className="mb-2">The checklist is complete once every item above is returned or reported lost.</p>}
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save checklist"}</Button>
    </form>
  );
}

export function CheckForm(props: { schoolSlug: string; assetId: string; checks: CheckKey[] }) {
  const router = useRouter();
  const { run, pending, error, fieldErrors: fe } = useAction(recordCheckAction, props.schoolSlug);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const out = await run({ assetId: props.assetId, check: text(f, "check") as CheckKey, note: text(f, "checkNote") });
    if (out) {
      e.currentTarget?.reset();
      router.refresh();
    }
  }
  return (
    <form onSubmit={onSubmit} noValidate className="rounded border border-slate-300 bg-white p-4">
      <h2 className="mb-3 text-xl font-bold">Record a check</h2>
      <FormMessage error={error} />
      <Field id="check" label="Check" error={fe.check}>
        <select id="check" name="check" className={inputClass}>
          {props.checks.map((c) => <option key={c} value={c}>{CHECKS[c].label}</option>)}
        </select>
      </Field>
      <Field id="checkNote" label="Note (optional)" error={fe.note}>
        <input id="checkNote" name="checkNote" className={inputClass} />
      </Field>
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Record check"}</Button>
    </form>
  );
}
