"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { SignaturePad } from "@/components/declarations/signature-pad";
import { confirmReceiptAction, confirmReceiptInPersonAction, countersignReturnAction, countersignReturnInPersonAction } from "@/lib/equipment/actions";
import { useAction } from "@/components/ui/use-action";

/**
 * The borrower's signature for receiving kit (`kind` "issue") or handing it back ("return"): typed name,
 * optional drawn signature, on their own device or, `inPerson`, on the manager's.
 */
export function ReceiptForm(props: {
  schoolSlug: string;
  kind: "issue" | "return";
  id: string;
  inPerson: boolean;
  borrowerName: string;
  statement: string;
}) {
  const router = useRouter();
  const action =
    props.kind === "issue"
      ? props.inPerson ? confirmReceiptInPersonAction : confirmReceiptAction
      : props.inPerson ? countersignReturnInPersonAction : countersignReturnAction;
  const { run, pending, error, fieldErrors: fe } = useAction(action as typeof confirmReceiptAction, props.schoolSlug);
  const [png, setPng] = useState<string | null>(null);
  const prefix = `${props.kind}-${props.id}`;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const base = { typedName: String(f.get("typedName") ?? ""), signaturePng: png ?? "", confirmed: (f.get("confirmed") === "on") as true };
    const input = props.kind === "issue" ? { ...base, loanId: props.id } : { ...base, returnId: props.id };
    const out = await run(input as never);
    if (out) router.refresh();
  }
  return (
    <form onSubmit={onSubmit} noValidate className="rounded border-2 border-emerald-800 bg-white p-4">
      <h2 className="mb-3 text-xl font-bold">
        {props.kind === "issue" ? "Confirm receipt" : "Countersign the return"}
        {props.inPerson ? ` (${props.borrowerName}, in person on this device)` : ""}
      </h2>
      <FormMessage error={error && !fe.typedName && !fe.confirmed ? error : null} />
      <div className="mb-4">
        {fe.confirmed && (
          <p id={`${prefix}-confirmed-error`} role="alert" className="mb-1 font-semibold text-red-700">
            {fe.confirmed}
          </p>
        )}
        <label className="flex items-start gap-3">
          <input name="confirmed" type="checkbox" className="mt-1 h-6 w-6 shrink-0" aria-describedby={fe.confirmed ? `${prefix}-confirmed-error` : undefined} />
          <span>{props.statement}</span>
        </label>
      </div>
      <Field id={`${prefix}-typedName`} label={props.inPerson ? `${props.borrowerName} types their full name` : "Type your full name"} hint="As the school has it. This is the signature." error={fe.typedName}>
        <input id={`${prefix}-typedName`} name="typedName" autoComplete={props.inPerson ? "off" : "name"} className={inputClass} {...describedBy(`${prefix}-typedName`, { hint: "x", error: fe.typedName })} />
      </Field>
      <fieldset className="mb-4">
        <legend className="font-semibold">Draw the signature (optional)</legend>
        {fe.signaturePng && <p role="alert" className="font-semibold text-red-700">{fe.signaturePng}</p>}
        <SignaturePad onChange={setPng} />
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Signing…" : props.kind === "issue" ? "Confirm receipt" : "Countersign return"}
      </Button>
    </form>
  );
}
