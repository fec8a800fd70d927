"use client";
import { useState } from "react";
import { useForm, useFieldArray, type FieldErrors } from "react-hook-form";
import { useRouter } from "next/navigation";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { createPolicyAction, updateDraftAction } from "@/lib/policies/actions";

export type EditorValues = {
  title: string;
  scope: "school" | "organisation";
  dueDays: string;
  firstReminderDays: string;
  sections: { heading: string; body: string }[];
  statementsText: string;
  declarationWording: string;
  audience: string[];
  inductionRequired: boolean;
  approvedBy: string;
  approvedOn: string;
  reviewDue: string;
  changeSummary: string;
};

type Props = {
  schoolSlug: string;
  /** Editing an existing draft; absent when writing a new policy. */
  draft?: { policyId: string; versionId: string; number: number };
  initial: EditorValues;
  staffGroups: { value: string; label: string }[];
  canChooseTrust: boolean;
};

/** Server field keys (statements.3, sections.0.body) mapped onto this form's fields. */
function toFormField(key: string): string {
  if (key.startsWith("statements")) return "statementsText";
  return key;
}

export function PolicyEditor(props: Props) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { register, control, handleSubmit, formState, setError } = useForm<EditorValues>({ defaultValues: props.initial });
  const sections = useFieldArray({ control, name: "sections" });
  const e = formState.errors as FieldErrors<EditorValues> & Record<string, { message?: string }>;

  const onSubmit = handleSubmit(async (v) => {
    setFormError(null);
    setSaved(null);
    const content = {
      title: v.title,
      sections: v.sections,
      statements: v.statementsText.split("\n"),
      declarationWording: v.declarationWording,
      audience: v.audience,
      inductionRequired: v.inductionRequired,
      approvedBy: v.approvedBy,
      approvedOn: v.approvedOn,
      reviewDue: v.reviewDue,
      changeSummary: v.changeSummary,
    };
    const res = props.draft
      ? await updateDraftAction(props.schoolSlug, { versionId: props.draft.versionId, ...content })
      : await createPolicyAction(props.schoolSlug, { scope: v.scope, dueDays: v.dueDays, firstReminderDays: v.firstReminderDays, ...content });
    if (res.ok) {
      if (props.draft) {
        setSaved("Draft saved.");
        router.refresh();
      } else {
        router.push(`/s/${props.schoolSlug}/policies/${(res.data as unknown as { policyId: string }).policyId}`);
      }
      return;
    }
    for (const [key, message] of Object.entries(res.fieldErrors ?? {})) setError(toFormField(key) as keyof EditorValues, { type: "server", message });
    setFormError(res.error);
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage error={formError} success={saved} />
      <Field id="title" label="Title" error={e.title?.message}>
        <input id="title" className={inputClass} {...describedBy("title", { error: e.title?.message })} {...register("title")} />
      </Field>

      {!props.draft && (
        <>
          {props.canChooseTrust && (
            <fieldset className="mb-4">
              <legend className="font-semibold">Who is it for?</legend>
              {e.scope?.message && <p role="alert" className="font-semibold text-red-700">{e.scope.message}</p>}
              <label className="flex min-h-11 items-center gap-2">
                <input type="radio" value="school" className="h-5 w-5" {...register("scope")} /> This school only
              </label>
              <label className="flex min-h-11 items-center gap-2">
                <input type="radio" value="organisation" className="h-5 w-5" {...register("scope")} /> Every school in the trust
              </label>
            </fieldset>
          )}
          <Field id="dueDays" label="Days allowed to sign" hint="Counted from publication, or from a new starter's first day." error={e.dueDays?.message}>
            <input id="dueDays" inputMode="numeric" className={`${inputClass} max-w-32`} {...describedBy("dueDays", { hint: "x", error: e.dueDays?.message })} {...register("dueDays")} />
          </Field>
          <Field id="firstReminderDays" label="Days before the first reminder" hint="Then weekly, never at weekends or on school holidays." error={e.firstReminderDays?.message}>
            <input
              id="firstReminderDays"
              inputMode="numeric"
              className={`${inputClass} max-w-32`}
              {...describedBy("firstReminderDays", { hint: "x", error: e.firstReminderDays?.message })}
              {...register("firstReminderDays")}
            />
          </Field>
        </>
      )}

      {props.draft && props.draft.number > 1 && (
        <Field id="changeSummary" label="What changed in this version" hint="People who signed the last version read this first." error={e.changeSummary?.message}>
          <textarea id="changeSummary" rows={3} className={inputClass} {...describedBy("changeSummary", { hint: "x", error: e.changeSummary?.message })} {...register("changeSummary")} />
        </Field>
      )}

      <fieldset className="mb-6 rounded border border-slate-300 p-4">
        <legend className="px-1 text-lg font-bold">Policy text</legend>
        {e.sections?.message && <p role="alert" className="font-semibold text-red-700">{e.sections.message}</p>}
        {sections.fields.map((f, i) => {
          const se = e.sections?.[i];
          return (
            <div key={f.id} className="mb-4 border-b border-slate-200 pb-4">
              <Field id={`sections.${i}.heading`} label={`Section ${i + 1} heading`} error={se?.heading?.message}>
                <input id={`sections.${i}.heading`} className={inputClass} {...describedBy(`sections.${i}.heading`, { error: se?.heading?.message })} {...register(`sections.${i}.heading`)} />
              </Field>
              <Field id={`sections.${i}.body`} label={`Section ${i + 1} text`} hint="Markdown: **bold**, lists with -, links. HTML is not allowed." error={se?.body?.message}>
                <textarea
                  id={`sections.${i}.body`}
                  rows={8}
                  className={`${inputClass} max-w-none font-mono text-sm`}
                  {...describedBy(`sections.${i}.body`, { hint: "x", error: se?.body?.message })}
                  {...register(`sections.${i}.body`)}
                />
              </Field>
              <button type="button" className="underline underline-offset-2" onClick={() => sections.remove(i)}>
                Remove section {i + 1}
              </button>
            </div>
          );
        })}
        <Button type="button" variant="secondary" onClick={() => sections.append({ heading: "", body: "" })}>
          Add a section
        </Button>
      </fieldset>

      <Field id="statementsText" label="Code of conduct statements" hint="One statement per line, in order." error={e.statementsText?.message}>
        <textarea id="statementsText" rows={12} className={`${inputClass} max-w-none`} {...describedBy("statementsText", { hint: "x", error: e.statementsText?.message })} {...register("statementsText")} />
      </Field>
      <Field id="declarationWording" label="Declaration wording" hint="What each person agrees to when they sign." error={e.declarationWording?.message}>
        <textarea id="declarationWording" rows={4} className={`${inputClass} max-w-none`} {...describedBy("declarationWording", { hint: "x", error: e.declarationWording?.message })} {...register("declarationWording")} />
      </Field>

      <fieldset className="mb-4">
        <legend className="font-semibold">Who must sign</legend>
        {e.audience?.message && <p role="alert" className="font-semibold text-red-700">{e.audience.message}</p>}
        <div className="grid gap-1 sm:grid-cols-3">
          {props.staffGroups.map((g) => (
            <label key={g.value} className="flex min-h-11 items-center gap-2">
              <input type="checkbox" value={g.value} className="h-5 w-5" {...register("audience")} /> {g.label}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="mb-4 flex min-h-11 items-center gap-2">
        <input type="checkbox" className="h-5 w-5" {...register("inductionRequired")} /> New starters must sign this before they get access (induction)
      </label>

      <Field id="approvedBy" label="Approved by" hint="For example: Full Governing Board" error={e.approvedBy?.message}>
        <input id="approvedBy" className={inputClass} {...describedBy("approvedBy", { hint: "x", error: e.approvedBy?.message })} {...register("approvedBy")} />
      </Field>
      <Field id="approvedOn" label="Date approved" error={e.approvedOn?.message}>
        <input id="approvedOn" type="date" className={inputClass} {...describedBy("approvedOn", { error: e.approvedOn?.message })} {...register("approvedOn")} />
      </Field>
      <Field id="reviewDue" label="Review due" error={e.reviewDue?.message}>
        <input id="reviewDue" type="date" className={inputClass} {...describedBy("reviewDue", { error: e.reviewDue?.message })} {...register("reviewDue")} />
      </Field>

      <Button type="submit" disabled={formState.isSubmitting}>
        {props.draft ? "Save draft" : "Create draft"}
      </Button>
    </form>
  );
}
