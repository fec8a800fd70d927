"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { requestPasswordLinkAction } from "@/lib/auth/actions";

type Values = { email: string };

export const PASSWORD_LINK_SENT =
  "If that address has an account here and its school uses passwords, a link to set your password is on its way. It works once, for 30 minutes.";

export function PasswordLinkRequestForm() {
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError: setFieldError } = useForm<Values>({ defaultValues: { email: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await requestPasswordLinkAction(values);
    if (res.ok) return setSent(true);
    applyServerErrors(setFieldError, res.fieldErrors);
    if (!res.fieldErrors || res.fieldErrors._form) setError(res.error);
  });

  if (sent) return <FormMessage success={PASSWORD_LINK_SENT} />;

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage error={error} />
      <Field id="password-link-email" label="Email address" error={formState.errors.email?.message}>
        <input
          id="password-link-email"
          type="email"
          autoComplete="email"
          className={inputClass}
          {...describedBy("password-link-email", { error: formState.errors.email?.message })}
          {...register("email", { required: "Enter your email address" })}
        />
      </Field>
      <Button type="submit" disabled={formState.isSubmitting}>
        Email me a link to set my password
      </Button>
    </form>
  );
}
