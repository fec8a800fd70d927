"use client";
// The data-breach record (UK GDPR art. 33) and the decision about reporting it to the ICO.
import { useState } from "react";
import { useController, useForm, type Control, type FieldValues, type Path } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { breachDetailsSchema, breachDecisionSchema, type BreachDetailsInput, type BreachDecisionInput } from "@/lib/incidents/schemas";
import { saveBreachDetailsAction, recordBreachDecisionAction } from "@/lib/incidents/actions";
import { BREACH_TYPES, BREACH_RISKS } from "@/lib/incidents/categories";

const textareaClass = `${inputClass} max-w-2xl`;

/** Yes / No radios for a boolean field (radios give strings; the schema wants true or false). */
function YesNo<T extends FieldValues>(props: { control: Control<T>; name: Path<T>; legend: string; yes: string; no: string; error?: string }) {
  const { field } = useController({ control: props.control, name: props.name });
  const id = String(props.name);
  return (
    <fieldset className="mb-4" aria-describedby={props.error ? `${id}-error` : undefined}>
      <legend className="font-semibold">{props.legend}</legend>
      {props.error && (
        <p id={`${id}-error`} role="alert" className="font-semibold text-red-700">
          <span className="sr-only">Error: </span>
          {props.error}
        </p>
      )}
      {[
        { v: true, label: props.yes },
        { v: false, label: props.no },
      ].map((o) => (
        <label key={String(o.v)} htmlFor={`${id}-${o.v}`} className="flex min-h-11 items-center gap-2">
          <input
            id={`${id}-${o.v}`}
            type="radio"
            name={id}
            className="h-5 w-5"
            checked={field.value === o.v}
            onChange={() => field.onChange(o.v)}
            onBlur={field.onBlur}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

const dateValue = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "");

export type BreachDefaults = {
  breachType: string | null;
  personalData: string | null;
  peopleAffected: number | null;
  recordsAffected: number | null;
  consequences: string | null;
  risk: string | null;
  remedialAction: string | null;
  subjectsInformed: boolean | null;
  subjectsInformedOn: Date | null;
};

export function BreachDetailsForm(props: { schoolSlug: string; incidentId: string; current: BreachDefaults; today: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const c = props.current;
  const { register, handleSubmit, formState, control, watch, setError: setFieldError } = useForm<BreachDetailsInput>({
    resolver: zodResolver(breachDetailsSchema, undefined, { raw: true }),
    defaultValues: {
      incidentId: props.incidentId,
      breachType: (c.breachType ?? "") as BreachDetailsInput["breachType"],
      personalData: c.personalData ?? "",
      peopleAffected: c.peopleAffected === null ? "" : String(c.peopleAffected),
      recordsAffected: c.recordsAffected === null ? "" : String(c.recordsAffected),
      consequences: c.consequences ?? "",
      risk: (c.risk ?? "") as BreachDetailsInput["risk"],
      remedialAction: c.remedialAction ?? "",
      subjectsInformed: (c.subjectsInformed ?? undefined) as boolean,
      subjectsInformedOn: dateValue(c.subjectsInformedOn),
    },
  });
  const e = formState.errors;
  const told = watch("subjectsInformed");
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    setDone(null);
    const res = await saveBreachDetailsAction(props.schoolSlug, values);
    if (!res.ok) {
      applyServerErrors(setFieldError, res.fieldErrors);
      return setError(res.error);
    }
    setDone("Breach record saved.");
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="breach-details-title">
      <h3 id="breach-details-title" className="mb-2 text-lg font-semibold">
        The facts of the breach
      </h3>
      <FormMessage error={error} success={done} />
      <Field id="breachType" label="Type of breach" error={e.breachType?.message}>
        <select id="breachType" className={inputClass} {...describedBy("breachType", { error: e.breachType?.message })} {...register("breachType")}>
          <option value="">Choose…</option>
          {Object.entries(BREACH_TYPES).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </Field>
      <Field id="personalData" label="What personal data" hint="For example: names, dates of birth and SEN notes of one class." error={e.personalData?.message}>
        <textarea id="personalData" rows={3} className={textareaClass} {...describedBy("personalData", { hint: "x", error: e.personalData?.message })} {...register("personalData")} />
      </Field>
      <div className="sm:flex sm:gap-6">
        <Field id="peopleAffected" label="Number of people affected" error={e.peopleAffected?.message}>
          <input id="peopleAffected" inputMode="numeric" className={`${inputClass} sm:w-40`} {...describedBy("peopleAffected", { error: e.peopleAffected?.message })} {...register("peopleAffected")} />
        </Field>
        <Field id="recordsAffected" label="Number of records affected" error={e.recordsAffected?.message}>
          <input id="recordsAffected" inputMode="numeric" className={`${inputClass} sm:w-40`} {...describedBy("recordsAffected", { error: e.recordsAffected?.message })} {...register("recordsAffected")} />
        </Field>
      </div>
      <Field id="consequences" label="Likely consequences" error={e.consequences?.message}>
        <textarea id="consequences" rows={3} className={textareaClass} {...describedBy("consequences", { error: e.consequences?.message })} {...register("consequences")} />
      </Field>
      <fieldset className="mb-4" aria-describedby={e.risk?.message ? "risk-error" : undefined}>
        <legend className="font-semibold">Risk to the people affected</legend>
        {e.risk?.message && (
          <p id="risk-error" role="alert" className="font-semibold text-red-700">
            <span className="sr-only">Error: </span>
            {e.risk.message}
          </p>
        )}
        {Object.entries(BREACH_RISKS).map(([v, l]) => (
          <label key={v} htmlFor={`risk-${v}`} className="flex min-h-11 items-center gap-2">
            <input id={`risk-${v}`} type="radio" value={v} className="h-5 w-5 shrink-0" {...register("risk")} />
            {l}
          </label>
        ))}
      </fieldset>
      <Field id="remedialAction" label="Action taken to contain it" error={e.remedialAction?.message}>
        <textarea id="remedialAction" rows={3} className={textareaClass} {...describedBy("remedialAction", { error: e.remedialAction?.message })} {...register("remedialAction")} />
      </Field>
      <YesNo control={control} name="subjectsInformed" legend="Have the people affected been told?" yes="Yes" no="No" error={e.subjectsInformed?.message} />
      {told === true && (
        <Field id="subjectsInformedOn" label="Date they were told" error={e.subjectsInformedOn?.message}>
          <input id="subjectsInformedOn" type="date" max={props.today} className={inputClass} {...describedBy("subjectsInformedOn", { error: e.subjectsInformedOn?.message })} {...register("subjectsInformedOn")} />
        </Field>
      )}
      <Button type="submit" variant="secondary" disabled={formState.isSubmitting}>
        Save the breach record
      </Button>
    </form>
  );
}

export function BreachDecisionForm(props: { schoolSlug: string; incidentId: string; today: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState, control, watch, setError: setFieldError } = useForm<BreachDecisionInput>({
    resolver: zodResolver(breachDecisionSchema, undefined, { raw: true }),
    defaultValues: { incidentId: props.incidentId, reported: undefined as unknown as boolean, icoReportedOn: "", icoReference: "", notReportedReason: "" },
  });
  const e = formState.errors;
  const reported = watch("reported");
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await recordBreachDecisionAction(props.schoolSlug, values);
    if (!res.ok) {
      applyServerErrors(setFieldError, res.fieldErrors);
      return setError(res.error);
    }
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="breach-decision-title">
      <h3 id="breach-decision-title" className="mb-2 text-lg font-semibold">
        Decision: report to the ICO?
      </h3>
      <p className="mb-3 max-w-2xl text-sm text-slate-700">
        Required before the report can be closed. A breach likely to result in a risk to people must be reported within 72 hours of becoming aware of it.
      </p>
      <FormMessage error={error} />
      <YesNo control={control} name="reported" legend="Was it reported to the ICO?" yes="Reported to the ICO" no="Not reported" error={e.reported?.message} />
      {reported === true && (
        <div className="sm:flex sm:gap-6">
          <Field id="icoReportedOn" label="Date reported" error={e.icoReportedOn?.message}>
            <input id="icoReportedOn" type="date" max={props.today} className={inputClass} {...describedBy("icoReportedOn", { error: e.icoReportedOn?.message })} {...register("icoReportedOn")} />
          </Field>
          <Field id="icoReference" label="ICO reference" error={e.icoReference?.message}>
            <input id="icoReference" className={inputClass} {...describedBy("icoReference", { error: e.icoReference?.message })} {...register("icoReference")} />
          </Field>
        </div>
      )}
      {reported === false && (
        <Field id="notReportedReason" label="Why it was not reported" hint="For example: the data was encrypted, or it was recovered unopened within the hour." error={e.notReportedReason?.message}>
          <textarea
            id="notReportedReason"
            rows={3}
            className={textareaClass}
            {...describedBy("notReportedReason", { hint: "x", error: e.notReportedReason?.message })}
            {...register("notReportedReason")}
          />
        </Field>
      )}
      <Button type="submit" disabled={formState.isSubmitting}>
        Record the decision
      </Button>
    </form>
  );
}
