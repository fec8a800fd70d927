"use client";
import { useState } from "react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { setPasswordAction } from "@/lib/auth/actions";
import { setPasswordSchema, MIN_PASSWORD_LENGTH } from "@/lib/auth/schemas";

type Values = { token: string; password: string; confirm: string };

export function SetPasswordForm({ token }: { token: string }) {
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError: setFieldError } = useForm<Values>({
    defaultValues: { token, password: "", confirm: "" },
    resolver: zodResolver(setPasswordSchema, undefined, { raw: true }),
  });
  const errors = formState.errors;
  const hint = `At least ${MIN_PASSWORD_LENGTH} characters. Three random words, like "teapot orbit meadow", are long and easy to remember.`;

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await setPasswordAction(values);
    if (res.ok) return setDone(true);
    applyServerErrors(setFieldError, res.fieldErrors);
    if (!res.fieldErrors || res.fieldErrors._form || res.fieldErrors.token) setError(res.error);
  });

  if (done)
    return (
      <div>
        <FormMessage success="Your password is set. You have been signed out everywhere else; sign in with your new password." />
        <Link href="/signin" className="font-semibold underline underline-offset-2">
          Go to sign in
        </Link>
      </div>
    );

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage error={error} />
      <input type="hidden" {...register("token")} />
      <Field id="new-password" label="New password" hint={hint} error={errors.password?.message}>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          className={inputClass}
          {...describedBy("new-password", { hint, error: errors.password?.message })}
          {...register("password")}
        />
      </Field>
      <Field id="confirm-password" label="New password again" error={errors.confirm?.message}>
        <input
          id="confirm-password"
          type="password"
          autoComplete="new-password"
          className={inputClass}
          {...describedBy("confirm-password", { error: errors.confirm?.message })}
          {...register("confirm")}
        />
      </Field>
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Setting your password…" : "Set password"}
      </Button>
    </form>
  );
}
