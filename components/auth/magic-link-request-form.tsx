"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { requestMagicLinkAction } from "@/lib/auth/actions";

type Values = { email: string };

export function MagicLinkRequestForm() {
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError: setFieldError } = useForm<Values>({ defaultValues: { email: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await requestMagicLinkAction(values);
    if (res.ok) return setSent(true);
    applyServerErrors(setFieldError, res.fieldErrors);
    if (!res.fieldErrors) setError(res.error);
  });

  if (sent)
    return <FormMessage success="If that address has an account here, a sign-in link is on its way. It works once, for 15 minutes." />;

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage error={error} />
      <Field id="link-email" label="Email address for a sign-in link" error={formState.errors.email?.message}>
        <input
          id="link-email"
          type="email"
          autoComplete="email"
          className={inputClass}
          {...describedBy("link-email", { error: formState.errors.email?.message })}
          {...register("email", { required: "Enter your email address" })}
        />
      </Field>
      <Button type="submit" variant="secondary" disabled={formState.isSubmitting}>
        Email me a sign-in link
      </Button>
    </form>
  );
}
