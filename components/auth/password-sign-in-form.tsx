"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { signIn } from "next-auth/react";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { signInMessage } from "@/lib/auth/messages";

type Values = { email: string; password: string };

export function PasswordSignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  const [error, setError] = useState<string | null>(initialError);
  const { register, handleSubmit, formState } = useForm<Values>({ defaultValues: { email: "", password: "" } });
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await signIn("password", { ...values, redirect: false, callbackUrl });
    if (!res || res.error) {
      setError(signInMessage(res?.error ?? "UNAVAILABLE"));
      return;
    }
    // A full load, so every server component sees the new session cookie.
    window.location.assign(callbackUrl);
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage error={error} />
      <Field id="email" label="Email address" error={errors.email?.message}>
        <input
          id="email"
          type="email"
          autoComplete="username"
          className={inputClass}
          {...describedBy("email", { error: errors.email?.message })}
          {...register("email", { required: "Enter your email address" })}
        />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          className={inputClass}
          {...describedBy("password", { error: errors.password?.message })}
          {...register("password", { required: "Enter your password" })}
        />
      </Field>
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
