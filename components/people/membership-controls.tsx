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
import { changeRolesSchema, markLeaverSchema, type ChangeRolesInput, type MarkLeaverInput } from "@/lib/people/schemas";
import { changeRolesAction, markLeaverAction, setSuspendedAction } from "@/lib/people/actions";
import { RoleCheckboxes } from "./role-checkboxes";

type Props = {
  schoolSlug: string;
  membershipId: string;
  personName: string;
  currentRoles: string[];
  roles: { value: string; label: string; disabled?: boolean }[];
  status: string;
  hasEnded: boolean;
  /** The signed-in person's own membership: shown, never changed by them. */
  isSelf: boolean;
  today: string;
};

/** Role changes, leaving and suspension for one person, each its own small form. */
export function MembershipControls(props: Props) {
  return (
    <details className="mt-2">
      <summary className="cursor-pointer font-semibold text-emerald-900 underline underline-offset-2">
        Manage <span className="sr-only">{props.personName}</span>
      </summary>
      <div className="mt-3 space-y-6 rounded border border-slate-300 bg-slate-50 p-4">
        <RolesForm {...props} />
        {!props.isSelf && !props.hasEnded && <LeaverForm {...props} />}
        {!props.isSelf && !props.hasEnded && <SuspendForm {...props} />}
      </div>
    </details>
  );
}

function RolesForm(props: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  const { register, handleSubmit, formState, setError } = useForm<ChangeRolesInput>({
    resolver: zodResolver(changeRolesSchema, undefined, { raw: true }),
    defaultValues: { membershipId: props.membershipId, roles: props.currentRoles as ChangeRolesInput["roles"] },
  });
  const onSubmit = handleSubmit(async (values) => {
    const res = await changeRolesAction(props.schoolSlug, values);
    if (res.ok) {
      setMessage({ success: "Roles saved." });
      router.refresh();
      return;
    }
    applyServerErrors(setError, res.fieldErrors);
    setMessage({ error: res.error });
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Roles for ${props.personName}`}>
      <FormMessage {...message} />
      <RoleCheckboxes
        roles={props.roles}
        register={register("roles")}
        error={formState.errors.roles?.message}
        idPrefix={`roles-${props.membershipId}`}
        readOnlyNote={props.isSelf ? "These are your own roles. Nobody changes their own roles, leaves or suspends themselves: ask another administrator." : undefined}
      />
      {!props.isSelf && (
        <Button type="submit" variant="secondary" disabled={formState.isSubmitting}>
          Save roles
        </Button>
      )}
    </form>
  );
}

function LeaverForm(props: Props) {
  const router = useRouter();
  const [error, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<MarkLeaverInput>({
    resolver: zodResolver(markLeaverSchema, undefined, { raw: true }),
    defaultValues: { membershipId: props.membershipId, endDate: props.today },
  });
  const id = `end-${props.membershipId}`;
  const onSubmit = handleSubmit(async (values) => {
    const res = await markLeaverAction(props.schoolSlug, values);
    if (res.ok) return router.refresh();
    applyServerErrors(setError, res.fieldErrors);
    setFormError(res.error);
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Mark ${props.personName} as a leaver`}>
      <FormMessage error={error} />
      <Field id={id} label="Last day at this school" hint="Their access here ends after this day." error={formState.errors.endDate?.message}>
        <input id={id} type="date" className={inputClass} {...describedBy(id, { hint: "x", error: formState.errors.endDate?.message })} {...register("endDate")} />
      </Field>
      <Button type="submit" variant="danger" disabled={formState.isSubmitting}>
        Mark as leaver
      </Button>
    </form>
  );
}

function SuspendForm(props: Props) {
  const router = useRouter();
  const suspend = props.status !== "SUSPENDED";
  return (
    <ActionButton
      label={suspend ? "Suspend account" : "Reinstate account"}
      variant={suspend ? "danger" : "secondary"}
      run={() => setSuspendedAction(props.schoolSlug, { membershipId: props.membershipId, suspended: suspend })}
      onDone={() => router.refresh()}
    >
      <p className="mt-1 text-sm text-slate-600">
        {suspend ? "Suspension ends their sessions at once, in every school." : "They will be able to sign in again."}
      </p>
    </ActionButton>
  );
}
