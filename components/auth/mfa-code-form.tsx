"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { confirmMfaEnrolmentAction, verifyMfaAction } from "@/lib/auth/mfa/actions";

type Values = { code: string };

/**
 * The code from the authenticator app: at sign-in ("verify", a recovery code also accepted; then on to
 * callbackUrl) or to confirm a new authenticator ("confirm"; onConfirmed gets the recovery codes).
 */
export function MfaCodeForm(props: { mode: "verify"; callbackUrl: string } | { mode: "confirm"; onConfirmed: (recoveryCodes: string[]) => void }) {
  const { mode } = props;
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, setError: setFieldError, formState } = useForm<Values>({ defaultValues: { code: "" } });
  const fieldError = formState.errors.code?.message;
  const hint = mode === "verify" ? "Six digits from your authenticator app, or one of your recovery codes." : "The six digits your authenticator app shows for this account now.";

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = mode === "verify" ? await verifyMfaAction(values) : await confirmMfaEnrolmentAction(values);
    if (!res.ok) {
      if (res.fieldErrors?.code) applyServerErrors(setFieldError, res.fieldErrors);
      else setError(res.error);
      return;
    }
    if (props.mode === "confirm") return "recoveryCodes" in res.data && props.onConfirmed(res.data.recoveryCodes);
    // A full load, so every server component sees the session as complete.
    window.location.assign(props.callbackUrl);
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage error={error} />
      <Field id="code" label={mode === "verify" ? "Code" : "Code from your app"} hint={hint} error={fieldError}>
        <input
          id="code"
          type="text"
          inputMode={mode === "verify" ? "text" : "numeric"}
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          className={inputClass}
          {...describedBy("code", { hint, error: fieldError })}
          {...register("code", { required: "Enter the code" })}
        />
      </Field>
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Checking…" : mode === "verify" ? "Continue" : "Confirm"}
      </Button>
    </form>
  );
}
