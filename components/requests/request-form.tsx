"use client";
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { REQUEST_KINDS, kindOf, type RequestKindKey } from "@/lib/requests/kinds";
import { submitSchemaFor } from "@/lib/requests/schemas";
import { submitRequestAction } from "@/lib/requests/actions";
import { requestPath } from "@/lib/requests/paths";
import { DetailFields } from "./detail-fields";

type Values = { kind: string; details: Record<string, unknown> };

// The kind's own zod schema, chosen by what is picked: the fields and their checks change with it.
const byKind: Resolver<Values> = (values, ctx, opts) => zodResolver(submitSchemaFor(values.kind), undefined, { raw: true })(values as never, ctx, opts as never) as never;

export function RequestForm(props: { schoolSlug: string; kinds: RequestKindKey[]; initialKind?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState, watch, setError: setFieldError } = useForm<Values>({
    resolver: byKind,
    // A field of the kind chosen before is dropped when the kind changes, so it is never sent.
    shouldUnregister: true,
    defaultValues: { kind: props.initialKind && props.kinds.includes(props.initialKind as RequestKindKey) ? props.initialKind : "", details: {} },
  });
  const e = formState.errors;
  const chosen = kindOf(watch("kind"));

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await submitRequestAction(props.schoolSlug, values);
    if (res.ok) return router.push(requestPath(props.schoolSlug, res.data.id));
    applyServerErrors(setFieldError, res.fieldErrors);
    setError(res.error);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl">
      <FormMessage error={error} />
      <Field id="kind" label="What are you asking for?" hint="Choose the closest; the questions below change with it." error={e.kind?.message}>
        <select id="kind" className={`${inputClass} max-w-2xl`} {...describedBy("kind", { hint: "x", error: e.kind?.message })} {...register("kind")}>
          <option value="">Choose…</option>
          {props.kinds.map((k) => (
            <option key={k} value={k}>
              {REQUEST_KINDS[k].label}
            </option>
          ))}
        </select>
      </Field>
      {chosen && (
        <div aria-live="polite">
          <p className="mb-4 rounded border-l-4 border-sky-700 bg-sky-50 p-3">
            {chosen.hint}
            {chosen.notification ? " This tells the Headteacher; they acknowledge it." : ""}
          </p>
          <DetailFields kind={chosen} register={register as never} errors={e as never} />
          <Button type="submit" disabled={formState.isSubmitting}>
            {chosen.notification ? "Tell the Headteacher" : "Ask for permission"}
          </Button>
        </div>
      )}
    </form>
  );
}
