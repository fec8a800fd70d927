"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import { addPersonSchema, type AddPersonInput } from "@/lib/people/schemas";
import { addPersonAction } from "@/lib/people/actions";
import { RoleCheckboxes } from "./role-checkboxes";

export function AddPersonForm(props: { schoolSlug: string; staffGroups: { value: string; label: string }[]; roles: { value: string; label: string; disabled?: boolean }[]; today: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError: setFieldError } = useForm<AddPersonInput>({
    resolver: zodResolver(addPersonSchema, undefined, { raw: true }),
    defaultValues: { name: "", email: "", staffGroup: "" as AddPersonInput["staffGroup"], jobTitle: "", roles: ["STAFF"], startDate: props.today },
  });
  const e = formState.errors;

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await addPersonAction(props.schoolSlug, values);
    if (res.ok) {
      router.push(`/s/${props.schoolSlug}/people?added=1`);
      router.refresh();
      return;
    }
    applyServerErrors(setFieldError, res.fieldErrors);
    setError(res.error);
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage error={error} />
      <Field id="name" label="Full name" error={e.name?.message}>
        <input id="name" autoComplete="off" className={inputClass} {...describedBy("name", { error: e.name?.message })} {...register("name")} />
      </Field>
      <Field id="email" label="Email address" hint="Their school email: they sign in with it." error={e.email?.message}>
        <input
          id="email"
          type="email"
          autoComplete="off"
          className={inputClass}
          {...describedBy("email", { hint: "x", error: e.email?.message })}
          {...register("email")}
        />
      </Field>
      <Field id="staffGroup" label="Staff group" error={e.staffGroup?.message}>
        <select id="staffGroup" className={inputClass} {...describedBy("staffGroup", { error: e.staffGroup?.message })} {...register("staffGroup")}>
          <option value="">Choose…</option>
          {props.staffGroups.map((g) => (
            <option key={g.value} value={g.value}>
              {g.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="jobTitle" label="Job title (optional)" error={e.jobTitle?.message}>
        <input id="jobTitle" className={inputClass} {...describedBy("jobTitle", { error: e.jobTitle?.message })} {...register("jobTitle")} />
      </Field>
      <Field id="startDate" label="Start date" error={e.startDate?.message}>
        <input id="startDate" type="date" className={inputClass} {...describedBy("startDate", { error: e.startDate?.message })} {...register("startDate")} />
      </Field>
      <RoleCheckboxes roles={props.roles} register={register("roles")} error={e.roles?.message} />
      <Button type="submit" disabled={formState.isSubmitting}>
        Add person
      </Button>
    </form>
  );
}
