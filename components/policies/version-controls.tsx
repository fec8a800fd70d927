"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { ActionButton } from "@/components/ui/action-button";
import { newVersionSchema, updatePolicySettingsSchema, type NewVersionInput, type UpdatePolicySettingsInput } from "@/lib/policies/schemas";
import { publishVersionAction, newVersionAction, discardDraftAction, updatePolicySettingsAction } from "@/lib/policies/actions";

const FIELD_NAMES: Record<string, string> = {
  sections: "Policy text",
  statements: "Statements",
  declarationWording: "Declaration wording",
  audience: "Who must sign",
  approvedBy: "Approved by",
  approvedOn: "Date approved",
  reviewDue: "Review due",
  changeSummary: "What changed",
};

export function PublishButton({ schoolSlug, versionId, number, editPath }: { schoolSlug: string; versionId: string; number: number; editPath: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div>
      {error && (
        <div role="alert" className="mb-3 rounded border-l-4 border-red-700 bg-red-50 p-3 font-semibold text-red-800">
          {error}{" "}
          <a href={editPath} className="underline underline-offset-2">
            Edit the draft
          </a>
        </div>
      )}
      <Button
        type="button"
        disabled={busy}
        onClick={async () => {
          if (!window.confirm(`Publish version ${number}? It can never be changed afterwards, and everyone it applies to will be asked to sign it.`)) return;
          setBusy(true);
          setError(null);
          const res = await publishVersionAction(schoolSlug, { versionId });
          setBusy(false);
          if (res.ok) return router.refresh();
          const [field, message] = Object.entries(res.fieldErrors ?? {})[0] ?? [];
          setError(field ? `${FIELD_NAMES[field.split(".")[0]] ?? "This version"}: ${message}` : res.error);
        }}
      >
        Publish version {number}
      </Button>
    </div>
  );
}

export function DiscardDraftButton({ schoolSlug, versionId, policiesPath }: { schoolSlug: string; versionId: string; policiesPath: string }) {
  const router = useRouter();
  return (
    <ActionButton
      label="Discard draft"
      confirm="Discard this draft? Its text will be lost."
      run={() => discardDraftAction(schoolSlug, { versionId })}
      onDone={(data) => (data.policyDeleted ? router.push(policiesPath) : router.refresh())}
    />
  );
}

export function NewVersionForm({ schoolSlug, policyId, editPath }: { schoolSlug: string; policyId: string; editPath: string }) {
  const router = useRouter();
  const [error, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<NewVersionInput>({
    resolver: zodResolver(newVersionSchema, undefined, { raw: true }),
    defaultValues: { policyId, changeSummary: "" },
  });
  const e = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    const res = await newVersionAction(schoolSlug, values);
    if (res.ok) return router.push(editPath);
    applyServerErrors(setError, res.fieldErrors);
    setFormError(res.error);
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage error={error} />
      <Field id="newChangeSummary" label="What will change" hint="People who signed the current version will read this first." error={e.changeSummary?.message}>
        <textarea id="newChangeSummary" rows={3} className={inputClass} {...describedBy("newChangeSummary", { hint: "x", error: e.changeSummary?.message })} {...register("changeSummary")} />
      </Field>
      <Button type="submit" variant="secondary" disabled={formState.isSubmitting}>
        Start a new version
      </Button>
    </form>
  );
}

export function SettingsForm({ schoolSlug, policyId, dueDays, firstReminderDays }: { schoolSlug: string; policyId: string; dueDays: number; firstReminderDays: number }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  const { register, handleSubmit, formState, setError } = useForm<UpdatePolicySettingsInput>({
    resolver: zodResolver(updatePolicySettingsSchema, undefined, { raw: true }),
    defaultValues: { policyId, dueDays: String(dueDays), firstReminderDays: String(firstReminderDays) } as unknown as UpdatePolicySettingsInput,
  });
  const e = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    const res = await updatePolicySettingsAction(schoolSlug, values);
    if (res.ok) {
      setMessage({ success: "Settings saved." });
      return router.refresh();
    }
    applyServerErrors(setError, res.fieldErrors);
    setMessage({ error: res.error });
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage {...message} />
      <Field id="settingsDueDays" label="Days allowed to sign" error={e.dueDays?.message}>
        <input id="settingsDueDays" inputMode="numeric" className={`${inputClass} max-w-32`} {...describedBy("settingsDueDays", { error: e.dueDays?.message })} {...register("dueDays")} />
      </Field>
      <Field id="settingsFirstReminder" label="Days before the first reminder" error={e.firstReminderDays?.message}>
        <input
          id="settingsFirstReminder"
          inputMode="numeric"
          className={`${inputClass} max-w-32`}
          {...describedBy("settingsFirstReminder", { error: e.firstReminderDays?.message })}
          {...register("firstReminderDays")}
        />
      </Field>
      <Button type="submit" variant="secondary" disabled={formState.isSubmitting}>
        Save settings
      </Button>
    </form>
  );
}
