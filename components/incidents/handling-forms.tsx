"use client";
// The handler's forms on an incident page. Each calls one server action; the action re-checks who may
// do it (under row-level security), so these only decide what is offered.
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { ActionButton } from "@/components/ui/action-button";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import {
  chronologySchema,
  closeSchema,
  rerouteSchema,
  reopenSchema,
  setLeadSchema,
  type ChronologyInput,
  type CloseInput,
  type RerouteInput,
} from "@/lib/incidents/schemas";
import {
  acknowledgeIncidentAction,
  acknowledgeUrgentAction,
  setStatusAction,
  setLeadAction,
  addChronologyAction,
  rerouteIncidentAction,
  closeIncidentAction,
  reopenIncidentAction,
} from "@/lib/incidents/actions";
import type { IncidentStatus } from "@/lib/incidents/types";

type Opt = { value: string; label: string };
const textareaClass = `${inputClass} max-w-2xl`;

/** After a change, the server renders the page again with the new state. */
function useRefresh() {
  const router = useRouter();
  return () => router.refresh();
}

export function StatusActions(props: { schoolSlug: string; incidentId: string; status: IncidentStatus; urgentUnacknowledged: boolean }) {
  const refresh = useRefresh();
  // Acknowledging a new report also takes the urgent banner down; this is for one that was moved on first.
  if (props.urgentUnacknowledged && props.status !== "NEW")
    return (
      <ActionButton
        label="Acknowledge the urgent alert"
        variant="primary"
        run={() => acknowledgeUrgentAction(props.schoolSlug, { incidentId: props.incidentId })}
        onDone={refresh}
      />
    );
  if (props.status === "NEW")
    return (
      <ActionButton label="Acknowledge" variant="primary" run={() => acknowledgeIncidentAction(props.schoolSlug, { incidentId: props.incidentId })} onDone={refresh} />
    );
  if (props.status === "ACKNOWLEDGED")
    return (
      <ActionButton
        label="Start investigating"
        variant="primary"
        run={() => setStatusAction(props.schoolSlug, { incidentId: props.incidentId, status: "INVESTIGATING" })}
        onDone={refresh}
      />
    );
  return null;
}

export function LeadForm(props: { schoolSlug: string; incidentId: string; handlers: Opt[]; current: string | null }) {
  const refresh = useRefresh();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError: setFieldError } = useForm<{ incidentId: string; leadId: string }>({
    resolver: zodResolver(setLeadSchema, undefined, { raw: true }),
    defaultValues: { incidentId: props.incidentId, leadId: props.current ?? "" },
  });
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    setDone(null);
    const res = await setLeadAction(props.schoolSlug, values);
    if (!res.ok) {
      applyServerErrors(setFieldError, res.fieldErrors);
      return setError(res.error);
    }
    setDone("Lead handler saved.");
    refresh();
  });
  const err = formState.errors.leadId?.message;
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage error={error} success={done} />
      <Field id="leadId" label="Lead handler" error={err}>
        <select id="leadId" className={inputClass} {...describedBy("leadId", { error: err })} {...register("leadId")}>
          <option value="">Choose…</option>
          {props.handlers.map((h) => (
            <option key={h.value} value={h.value}>
              {h.label}
            </option>
          ))}
        </select>
      </Field>
      <Button type="submit" variant="secondary" disabled={formState.isSubmitting}>
        Save lead
      </Button>
    </form>
  );
}

export function ChronologyForm(props: { schoolSlug: string; incidentId: string; kinds: Opt[] }) {
  const refresh = useRefresh();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { register, handleSubmit, formState, reset, setError: setFieldError } = useForm<ChronologyInput>({
    resolver: zodResolver(chronologySchema, undefined, { raw: true }),
    defaultValues: { incidentId: props.incidentId, kind: "NOTE", note: "" },
  });
  const e = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    setDone(null);
    const res = await addChronologyAction(props.schoolSlug, values);
    if (!res.ok) {
      applyServerErrors(setFieldError, res.fieldErrors);
      return setError(res.error);
    }
    reset({ incidentId: props.incidentId, kind: "NOTE", note: "" });
    setDone("Added to the chronology.");
    refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="chronology-form-title">
      <h3 id="chronology-form-title" className="mb-2 text-lg font-semibold">
        Add to the chronology
      </h3>
      <FormMessage error={error} success={done} />
      <Field id="kind" label="What happened" error={e.kind?.message}>
        <select id="kind" className={inputClass} {...describedBy("kind", { error: e.kind?.message })} {...register("kind")}>
          {props.kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="note" label="Details" hint="Who, what and when. Entries cannot be changed or deleted once added." error={e.note?.message}>
        <textarea id="note" rows={4} className={textareaClass} {...describedBy("note", { hint: "x", error: e.note?.message })} {...register("note")} />
      </Field>
      <Button type="submit" disabled={formState.isSubmitting}>
        Add entry
      </Button>
    </form>
  );
}

export function RerouteForm(props: { schoolSlug: string; incidentId: string; roles: Opt[] }) {
  const refresh = useRefresh();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState, reset, setError: setFieldError } = useForm<RerouteInput>({
    resolver: zodResolver(rerouteSchema, undefined, { raw: true }),
    defaultValues: { incidentId: props.incidentId, toRole: "" as RerouteInput["toRole"], reason: "" },
  });
  const e = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await rerouteIncidentAction(props.schoolSlug, values);
    if (!res.ok) {
      applyServerErrors(setFieldError, res.fieldErrors);
      return setError(res.error);
    }
    reset({ incidentId: props.incidentId, toRole: "" as RerouteInput["toRole"], reason: "" });
    refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage error={error} />
      <Field id="toRole" label="Also send it to" error={e.toRole?.message}>
        <select id="toRole" className={inputClass} {...describedBy("toRole", { error: e.toRole?.message })} {...register("toRole")}>
          <option value="">Choose…</option>
          {props.roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="reason" label="Why" error={e.reason?.message}>
        <textarea id="reason" rows={3} className={textareaClass} {...describedBy("reason", { error: e.reason?.message })} {...register("reason")} />
      </Field>
      <Button type="submit" variant="secondary" disabled={formState.isSubmitting}>
        Re-route
      </Button>
    </form>
  );
}

export function CloseForm(props: { schoolSlug: string; incidentId: string; outcomes: Opt[]; blockedBy?: string }) {
  const refresh = useRefresh();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError: setFieldError } = useForm<CloseInput>({
    resolver: zodResolver(closeSchema, undefined, { raw: true }),
    defaultValues: { incidentId: props.incidentId, outcome: "" as CloseInput["outcome"], summary: "" },
  });
  const e = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await closeIncidentAction(props.schoolSlug, values);
    if (!res.ok) {
      applyServerErrors(setFieldError, res.fieldErrors);
      return setError(res.error);
    }
    refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage error={error} />
      {props.blockedBy && <p className="mb-3 rounded border-l-4 border-amber-500 bg-amber-50 p-3">{props.blockedBy}</p>}
      <fieldset className="mb-4" aria-describedby={e.outcome?.message ? "outcome-error" : undefined}>
        <legend className="font-semibold">Outcome</legend>
        {e.outcome?.message && (
          <p id="outcome-error" role="alert" className="font-semibold text-red-700">
            <span className="sr-only">Error: </span>
            {e.outcome.message}
          </p>
        )}
        {props.outcomes.map((o) => (
          <label key={o.value} htmlFor={`outcome-${o.value}`} className="flex min-h-11 items-center gap-2">
            <input id={`outcome-${o.value}`} type="radio" value={o.value} className="h-5 w-5" {...register("outcome")} />
            {o.label}
          </label>
        ))}
      </fieldset>
      <Field id="summary" label="Summary of the outcome" error={e.summary?.message}>
        <textarea id="summary" rows={4} className={textareaClass} {...describedBy("summary", { error: e.summary?.message })} {...register("summary")} />
      </Field>
      <Button type="submit" disabled={formState.isSubmitting}>
        Close the report
      </Button>
    </form>
  );
}

export function ReopenForm(props: { schoolSlug: string; incidentId: string }) {
  const refresh = useRefresh();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError: setFieldError } = useForm<{ incidentId: string; reason: string }>({
    resolver: zodResolver(reopenSchema, undefined, { raw: true }),
    defaultValues: { incidentId: props.incidentId, reason: "" },
  });
  const err = formState.errors.reason?.message;
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await reopenIncidentAction(props.schoolSlug, values);
    if (!res.ok) {
      applyServerErrors(setFieldError, res.fieldErrors);
      return setError(res.error);
    }
    refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage error={error} />
      <Field id="reopen-reason" label="Reason for reopening" error={err}>
        <textarea id="reopen-reason" rows={3} className={textareaClass} {...describedBy("reopen-reason", { error: err })} {...register("reason")} />
      </Field>
      <Button type="submit" variant="secondary" disabled={formState.isSubmitting}>
        Reopen
      </Button>
    </form>
  );
}
