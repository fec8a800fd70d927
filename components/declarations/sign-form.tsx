"use client";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { signDeclarationSchema, type SignDeclarationInput } from "@/lib/declarations/schemas";
import { signDeclarationAction } from "@/lib/declarations/actions";
import { SignaturePad } from "./signature-pad";

export function SignForm(props: { schoolSlug: string; versionId: string; declarationWording: string; signingPath: string }) {
  const router = useRouter();
  const [error, setError] = useState<{ text: string; superseded: boolean } | null>(null);
  // Between `ok` and the refreshed page (the signed view) the form stays disabled: one signing per click.
  const [signed, setSigned] = useState(false);
  const [, startRefresh] = useTransition();
  const { register, handleSubmit, formState, setValue, setError: setFieldError } = useForm<SignDeclarationInput>({
    resolver: zodResolver(signDeclarationSchema, undefined, { raw: true }),
    defaultValues: { policyVersionId: props.versionId, typedName: "", signaturePng: "", confirmed: false as unknown as true },
  });
  const e = formState.errors;

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await signDeclarationAction(props.schoolSlug, values);
    if (res.ok) {
      setSigned(true);
      // The action does not re-render the page (lib/declarations/actions.ts): this one refresh does,
      // and it empties the router cache so no other page shows the declaration as still to sign.
      startRefresh(() => router.refresh());
      return;
    }
    applyServerErrors(setFieldError, res.fieldErrors);
    setError({ text: res.fieldErrors?.policyVersionId ?? res.fieldErrors?.signaturePng ?? res.error, superseded: res.code === "CONFLICT" });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="rounded border-2 border-emerald-800 bg-white p-4">
      <h2 className="mb-3 text-xl font-bold">Sign the declaration</h2>
      {error && (
        <div role="alert" className="mb-4 rounded border-l-4 border-red-700 bg-red-50 p-3 font-semibold text-red-800">
          {error.text}
          {error.superseded && (
            <p className="mt-2">
              <a href={props.signingPath} className="underline underline-offset-2">
                Read the current version
              </a>
            </p>
          )}
        </div>
      )}
      <div className="mb-4">
        {e.confirmed?.message && (
          <p id="confirmed-error" role="alert" className="mb-1 font-semibold text-red-700">
            <span className="sr-only">Error: </span>
            {e.confirmed.message}
          </p>
        )}
        <label htmlFor="confirmed" className="flex items-start gap-3">
          <input
            id="confirmed"
            type="checkbox"
            className="mt-1 h-6 w-6 shrink-0"
            aria-describedby={e.confirmed ? "confirmed-error" : undefined}
            aria-invalid={e.confirmed ? true : undefined}
            {...register("confirmed")}
          />
          <span>{props.declarationWording}</span>
        </label>
      </div>
      <Field id="typedName" label="Type your full name" hint="As the school has it. This is your signature." error={e.typedName?.message}>
        <input
          id="typedName"
          autoComplete="name"
          className={inputClass}
          {...describedBy("typedName", { hint: "x", error: e.typedName?.message })}
          {...register("typedName")}
        />
      </Field>
      <fieldset className="mb-4">
        <legend className="font-semibold">Draw your signature (optional)</legend>
        {e.signaturePng?.message && (
          <p role="alert" className="font-semibold text-red-700">
            {e.signaturePng.message}
          </p>
        )}
        <SignaturePad onChange={(png) => setValue("signaturePng", png ?? "")} />
      </fieldset>
      <input type="hidden" {...register("policyVersionId")} />
      <Button type="submit" disabled={formState.isSubmitting || signed}>
        {formState.isSubmitting || signed ? "Signing…" : "Sign declaration"}
      </Button>
    </form>
  );
}
