"use client";
// The forms on a request's page. Each calls one server action, which checks again who may take the step
// (the kinds table, the roles, and the database); these only decide what is offered.
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { z } from "zod";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { ActionButton } from "@/components/ui/action-button";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { approveRequestSchema, declineRequestSchema, askMoreSchema, acknowledgeSchema, answerSchema } from "@/lib/requests/schemas";
import { approveRequestAction, declineRequestAction, askForMoreAction, acknowledgeRequestAction, answerRequestAction, withdrawRequestAction } from "@/lib/requests/actions";
import { kindOf, detailsSchema } from "@/lib/requests/kinds";
import { DetailFields } from "./detail-fields";

type Result = { ok: true; data: unknown } | { ok: false; error: string; fieldErrors?: Record<string, string> };
type Text = { name: string; label: string; hint?: string; type?: "textarea" | "date" };

/** One step as a small form: its text fields, one button, the page shown again afterwards. */
function StepForm(props: {
  idPrefix: string;
  requestId: string;
  schema: z.ZodType;
  fields: Text[];
  defaults?: Record<string, string>;
  button: string;
  variant?: "primary" | "secondary" | "danger";
  run: (values: Record<string, unknown>) => Promise<Result>;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError: setFieldError } = useForm<Record<string, string>>({
    resolver: zodResolver(props.schema as never, undefined, { raw: true }) as unknown as Resolver<Record<string, string>>,
    defaultValues: { requestId: props.requestId, ...Object.fromEntries(props.fields.map((f) => [f.name, props.defaults?.[f.name] ?? ""])) },
  });
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    // An empty optional field is left out rather than sent as "".
    const res = await props.run(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== "")));
    if (res.ok) return router.refresh();
    applyServerErrors(setFieldError, res.fieldErrors);
    setError(res.error);
  });
  return (
    <form onSubmit={onSubmit} noValidate className="mb-6">
      <FormMessage error={error} />
      {props.fields.map((f) => {
        const id = `${props.idPrefix}-${f.name}`;
        const err = formState.errors[f.name]?.message as string | undefined;
        const aria = describedBy(id, { hint: f.hint, error: err });
        return (
          <Field key={f.name} id={id} label={f.label} hint={f.hint} error={err}>
            {f.type === "date" ? (
              <input id={id} type="date" className={inputClass} {...aria} {...register(f.name)} />
            ) : (
              <textarea id={id} rows={3} className={`${inputClass} max-w-2xl`} {...aria} {...register(f.name)} />
            )}
          </Field>
        );
      })}
      <Button type="submit" variant={props.variant ?? "primary"} disabled={formState.isSubmitting}>
        {props.button}
      </Button>
    </form>
  );
}

export function DecisionForms(props: { schoolSlug: string; requestId: string; notification: boolean; timeLimited: boolean; suggestedEnd: string | null }) {
  const s = props.schoolSlug;
  const id = props.requestId;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      {props.notification ? (
        <section aria-labelledby="ack-h" className="rounded border border-slate-300 bg-white p-4">
          <h3 id="ack-h" className="mb-2 text-lg font-bold">Acknowledge</h3>
          <StepForm idPrefix="ack" requestId={id} schema={acknowledgeSchema} fields={[{ name: "note", label: "Note to them (optional)" }]} button="Acknowledge" run={(v) => acknowledgeRequestAction(s, v)} />
        </section>
      ) : (
        <>
          <section aria-labelledby="approve-h" className="rounded border border-slate-300 bg-white p-4">
            <h3 id="approve-h" className="mb-2 text-lg font-bold">Approve</h3>
            <StepForm
              idPrefix="approve"
              requestId={id}
              schema={approveRequestSchema}
              fields={[
                { name: "conditions", label: "Conditions (optional)", hint: "What they must do, as they will read it." },
                ...(props.timeLimited ? [{ name: "endsOn", label: "Permission ends on", hint: "The last day it applies; it expires after that.", type: "date" as const }] : []),
              ]}
              defaults={props.suggestedEnd ? { endsOn: props.suggestedEnd } : undefined}
              button="Approve"
              run={(v) => approveRequestAction(s, v)}
            />
          </section>
          <section aria-labelledby="decline-h" className="rounded border border-slate-300 bg-white p-4">
            <h3 id="decline-h" className="mb-2 text-lg font-bold">Decline</h3>
            <StepForm idPrefix="decline" requestId={id} schema={declineRequestSchema} fields={[{ name: "reason", label: "Reason", hint: "They will read this." }]} button="Decline" variant="danger" run={(v) => declineRequestAction(s, v)} />
          </section>
        </>
      )}
      <section aria-labelledby="ask-h" className="rounded border border-slate-300 bg-white p-4">
        <h3 id="ask-h" className="mb-2 text-lg font-bold">Ask for more information</h3>
        <StepForm idPrefix="ask" requestId={id} schema={askMoreSchema} fields={[{ name: "question", label: "Your question" }]} button="Ask" variant="secondary" run={(v) => askForMoreAction(s, v)} />
      </section>
    </div>
  );
}

/** The requester answers a question, correcting the request if need be; it goes back for a decision. */
export function AnswerForm(props: { schoolSlug: string; requestId: string; kind: string; details: Record<string, unknown> }) {
  const router = useRouter();
  const kind = kindOf(props.kind)!;
  const [error, setError] = useState<string | null>(null);
  const schema = answerSchema.extend({ details: detailsSchema(kind) });
  const { register, handleSubmit, formState, setError: setFieldError } = useForm<{ requestId: string; answer: string; details: Record<string, unknown> }>({
    resolver: zodResolver(schema as never, undefined, { raw: true }) as never,
    defaultValues: { requestId: props.requestId, answer: "", details: props.details },
  });
  const err = formState.errors.answer?.message;
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await answerRequestAction(props.schoolSlug, values);
    if (res.ok) return router.refresh();
    applyServerErrors(setFieldError, res.fieldErrors);
    setError(res.error);
  });
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl">
      <FormMessage error={error} />
      <Field id="answer" label="Your answer" error={err}>
        <textarea id="answer" rows={3} className={`${inputClass} max-w-2xl`} {...describedBy("answer", { error: err })} {...register("answer")} />
      </Field>
      <details className="mb-4">
        <summary className="cursor-pointer font-semibold underline underline-offset-2">Change what you asked for</summary>
        <div className="mt-3">
          <DetailFields kind={kind} register={register as never} errors={formState.errors as never} />
        </div>
      </details>
      <Button type="submit" disabled={formState.isSubmitting}>
        Send your answer
      </Button>
    </form>
  );
}

export function WithdrawButton(props: { schoolSlug: string; requestId: string }) {
  const router = useRouter();
  return (
    <ActionButton
      label="Withdraw this request"
      variant="danger"
      confirm="Withdraw this request? It cannot be reopened; you would ask again."
      run={() => withdrawRequestAction(props.schoolSlug, { requestId: props.requestId })}
      onDone={() => router.refresh()}
    />
  );
}
