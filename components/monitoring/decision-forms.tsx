"use client";
// The decider's form and the outcome form on an authorisation page. Each calls one server action, which
// re-checks who may do it (under row-level security), so these only decide what is offered.
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { decideSchema, outcomeSchema, type DecideInput, type OutcomeInput } from "@/lib/monitoring/schemas";
import { decideAuthorisationAction, recordOutcomeAction } from "@/lib/monitoring/actions";

const textareaClass = `${inputClass} max-w-2xl`;

export function DecisionForm(props: { schoolSlug: string; authorisationId: string }) {
  const router = useRouter();
  const { register, handleSubmit, formState, watch, setError: setFieldError } = useForm<DecideInput>({
    resolver: zodResolver(decideSchema, undefined, { raw: true }),
    defaultValues: { authorisationId: props.authorisationId, decision: "" as DecideInput["decision"], reason: "" },
  });
  const e = formState.errors;
  const declining = watch("decision") === "DECLINED";
  const { error, submit } = useFormAction(decideAuthorisationAction, props.schoolSlug, setFieldError, () => router.refresh());
  const onSubmit = handleSubmit(submit);
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage error={error} />
      <fieldset className="mb-4" aria-describedby={e.decision?.message ? "decision-error" : undefined}>
        <legend className="font-semibold">Your decision</legend>
        {e.decision?.message && (
          <p id="decision-error" role="alert" className="mt-1 font-semibold text-red-700">
            <span className="sr-only">Error: </span>
            {e.decision.message}
          </p>
        )}
        <div className="mt-2 flex flex-wrap gap-2">
          {(
            [
              ["APPROVED", "Approve"],
              ["DECLINED", "Decline"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} htmlFor={`decision-${value}`} className="flex min-h-11 cursor-pointer items-center gap-3 rounded border border-slate-300 bg-white px-4 has-[:checked]:border-emerald-800 has-[:checked]:bg-emerald-50">
              <input id={`decision-${value}`} type="radio" value={value} className="h-5 w-5" {...register("decision")} />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      <Field id="reason" label={declining ? "Reason for declining" : "Reason or conditions (optional)"} error={e.reason?.message}>
        <textarea id="reason" rows={3} className={textareaClass} {...describedBy("reason", { error: e.reason?.message })} {...register("reason")} />
      </Field>
      <p className="mb-4 max-w-2xl text-sm text-slate-700">Your decision is recorded with the request exactly as it stands now, and cannot be changed afterwards.</p>
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Recording…" : "Record the decision"}
      </Button>
    </form>
  );
}

export function OutcomeForm(props: { schoolSlug: string; authorisationId: string; endsNow: boolean }) {
  const router = useRouter();
  const { register, handleSubmit, formState, setError: setFieldError } = useForm<OutcomeInput>({
    resolver: zodResolver(outcomeSchema, undefined, { raw: true }),
    defaultValues: { authorisationId: props.authorisationId, found: "", actionTaken: "" },
  });
  const e = formState.errors;
  const { error, submit } = useFormAction(recordOutcomeAction, props.schoolSlug, setFieldError, () => router.refresh());
  const onSubmit = handleSubmit(submit);
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage error={error} />
      <Field id="found" label="What did the monitoring find?" error={e.found?.message}>
        <textarea id="found" rows={4} className={textareaClass} {...describedBy("found", { error: e.found?.message })} {...register("found")} />
      </Field>
      <Field id="actionTaken" label="What action was taken?" hint="For example: none, advice, a disciplinary process, a referral." error={e.actionTaken?.message}>
        <textarea id="actionTaken" rows={3} className={textareaClass} {...describedBy("actionTaken", { hint: "x", error: e.actionTaken?.message })} {...register("actionTaken")} />
      </Field>
      {props.endsNow && <p className="mb-4 max-w-2xl text-sm text-slate-700">Recording the outcome now ends the monitoring today, before its end date.</p>}
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Recording…" : "Record the outcome"}
      </Button>
    </form>
  );
}
