"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { reportIncidentSchema, type ReportIncidentInput } from "@/lib/incidents/schemas";
import { reportIncidentAction } from "@/lib/incidents/actions";
import { INCIDENT_CATEGORIES, CATEGORY_ORDER, POLICE_GUIDANCE } from "@/lib/incidents/categories";
import type { IncidentCategory } from "@/generated/prisma/enums";
import { PoliceGuidance } from "./police-guidance";
import { SubjectPicker, type PersonOption } from "./subject-picker";

const textareaClass = `${inputClass} max-w-2xl`;

export function ReportForm(props: { schoolSlug: string; people: PersonOption[]; now: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState, watch, setError: setFieldError } = useForm<ReportIncidentInput>({
    resolver: zodResolver(reportIncidentSchema, undefined, { raw: true }),
    defaultValues: {
      category: "" as ReportIncidentInput["category"],
      description: "",
      occurredAt: "",
      awareAt: props.now,
      location: "",
      subjectIds: [],
      pupilRefs: "",
      immediateAction: "",
    },
  });
  const e = formState.errors;
  const chosen = watch("category") as IncidentCategory | "";
  const rule = chosen ? INCIDENT_CATEGORIES[chosen] : null;

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await reportIncidentAction(props.schoolSlug, values);
    if (res.ok) {
      router.push(`/s/${props.schoolSlug}/incidents/${res.data.id}/sent`);
      return;
    }
    applyServerErrors(setFieldError, res.fieldErrors);
    setError(res.error);
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage error={error} />
      <fieldset className="mb-6" aria-describedby={e.category?.message ? "category-error" : "category-hint"}>
        <legend className="text-lg font-semibold">What is it about?</legend>
        <p id="category-hint" className="text-sm text-slate-600">
          Choose the closest. If you are not sure, choose the one that worries you most.
        </p>
        {e.category?.message && (
          <p id="category-error" role="alert" className="mt-1 font-semibold text-red-700">
            <span className="sr-only">Error: </span>
            {e.category.message}
          </p>
        )}
        <div className="mt-2 space-y-1">
          {CATEGORY_ORDER.map((c) => {
            const r = INCIDENT_CATEGORIES[c];
            return (
              <label
                key={c}
                htmlFor={`category-${c}`}
                className="flex cursor-pointer gap-3 rounded border border-slate-300 bg-white p-3 has-[:checked]:border-emerald-800 has-[:checked]:bg-emerald-50"
              >
                <input
                  id={`category-${c}`}
                  type="radio"
                  value={c}
                  className="mt-1 h-5 w-5 shrink-0"
                  aria-describedby={`category-${c}-hint`}
                  {...register("category")}
                />
                <span>
                  <span className="block font-semibold">
                    {r.label}
                    {r.policeMatter && <span className="ml-2 text-sm font-semibold text-red-800">(police matter)</span>}
                  </span>
                  <span id={`category-${c}-hint`} className="block text-sm text-slate-700">
                    {r.hint}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>

      {/* Before anything is typed: what to do (and not do) with a police matter. Announced when it appears. */}
      <div aria-live="polite">{rule?.policeMatter && <PoliceGuidance steps={POLICE_GUIDANCE} />}</div>

      <Field id="description" label="What happened?" hint="In your own words: what you saw, heard or were told. Facts, not opinions." error={e.description?.message}>
        <textarea
          id="description"
          rows={6}
          className={textareaClass}
          {...describedBy("description", { hint: "x", error: e.description?.message })}
          {...register("description")}
        />
      </Field>
      <div className="sm:flex sm:gap-6">
        <Field id="occurredAt" label="When did it happen?" hint="UK time. Your best guess if you do not know exactly." error={e.occurredAt?.message}>
          <input
            id="occurredAt"
            type="datetime-local"
            className={inputClass}
            {...describedBy("occurredAt", { hint: "x", error: e.occurredAt?.message })}
            {...register("occurredAt")}
          />
        </Field>
        <Field id="awareAt" label="When did you become aware of it?" hint="UK time." error={e.awareAt?.message}>
          <input
            id="awareAt"
            type="datetime-local"
            className={inputClass}
            {...describedBy("awareAt", { hint: "x", error: e.awareAt?.message })}
            {...register("awareAt")}
          />
        </Field>
      </div>
      <Field id="location" label="Where, or on which device?" hint="For example: Year 3 classroom, the office laptop, a school iPad, my school email." error={e.location?.message}>
        <input id="location" className={inputClass} {...describedBy("location", { hint: "x", error: e.location?.message })} {...register("location")} />
      </Field>

      <SubjectPicker people={props.people} register={register("subjectIds")} error={e.subjectIds?.message} />

      <Field
        id="pupilRefs"
        label="Pupils involved (optional)"
        hint="Initials or a school reference only, never a full name: for example “J.S. (Year 4)”."
        error={e.pupilRefs?.message}
      >
        <input id="pupilRefs" autoComplete="off" className={inputClass} {...describedBy("pupilRefs", { hint: "x", error: e.pupilRefs?.message })} {...register("pupilRefs")} />
      </Field>
      <Field
        id="immediateAction"
        label="What have you done so far? (optional)"
        hint="For example: turned off the screen, took the device to the office, changed my password."
        error={e.immediateAction?.message}
      >
        <textarea
          id="immediateAction"
          rows={3}
          className={textareaClass}
          {...describedBy("immediateAction", { hint: "x", error: e.immediateAction?.message })}
          {...register("immediateAction")}
        />
      </Field>
      <p className="mb-4 max-w-2xl text-sm text-slate-700">
        Your report goes only to the people at the school who must deal with it. You will be able to see its progress under “My reports”.
      </p>
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Sending…" : "Send report"}
      </Button>
    </form>
  );
}
