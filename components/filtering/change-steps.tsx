"use client";
import { useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useAction, text } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/authz/action";
import {
  authoriseChangeAction, refuseChangeAction, recordMadeAction, confirmChangeAction, reviewChangeAction, markRevertedAction,
} from "@/lib/filtering/actions";
import { TextInput, SelectInput, Radios } from "./fields";

export type StepOffer = { step: "authorise" | "make" | "confirm" | "review" | "revert"; blocked: string | null };

/** One step's form: its heading, the fields, and the refusal or field messages from the server. */
function StepForm<I>(props: {
  title: string; slug: string; action: (slug: string, input: I) => Promise<ActionResult<unknown>>; build: (f: FormData) => I;
  submit: string; variant?: "primary" | "secondary" | "danger"; children?: (fe: Record<string, string>) => ReactNode;
}) {
  const router = useRouter();
  const { pending, error, fieldErrors, run } = useAction(props.action, props.slug);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (await run(props.build(new FormData(e.currentTarget)))) router.refresh();
  }
  return (
    <form onSubmit={onSubmit} noValidate className="mb-4 rounded border border-slate-300 bg-white p-4" aria-label={props.title}>
      <h3 className="mb-2 text-lg font-bold">{props.title}</h3>
      <FormMessage error={error} />
      {props.children?.(fieldErrors)}
      <Button type="submit" variant={props.variant} disabled={pending}>{pending ? "Saving…" : props.submit}</Button>
    </form>
  );
}

export function ChangeSteps(props: { schoolSlug: string; changeId: string; offers: StepOffer[]; members: { value: string; label: string }[]; today: string; nextReview: string }) {
  const { schoolSlug: slug, changeId } = props;
  const [madeBy, setMadeBy] = useState<"PERSON" | "PROVIDER">("PROVIDER");
  return (
    <div>
      {props.offers.map(({ step, blocked }) =>
        blocked ? (
          <p key={step} role="note" className="mb-4 rounded border-l-4 border-amber-600 bg-amber-50 p-3">{blocked}</p>
        ) : step === "authorise" ? (
          <div key={step}>
            <StepForm title="Authorise" slug={slug} action={authoriseChangeAction} build={() => ({ changeId })} submit="Authorise this change" />
            <StepForm title="Or refuse it" slug={slug} action={refuseChangeAction} build={(f) => ({ changeId, reason: text(f, "reason") })} submit="Refuse this change" variant="danger">
              {(fe) => <TextInput name="reason" textarea label="Reason for refusing" error={fe.reason} />}
            </StepForm>
          </div>
        ) : step === "make" ? (
          <StepForm
            key={step} title="Record who made the change on the filter" slug={slug} action={recordMadeAction} submit="Record that it was made"
            build={(f) => ({ changeId, madeBy, madeById: text(f, "madeById"), madeByName: text(f, "madeByName"), madeByCompany: text(f, "madeByCompany"), madeOn: text(f, "madeOn"), note: text(f, "note") })}
          >
            {(fe) => (
              <>
                <Radios name="madeBy" legend="Made by" defaultValue={madeBy} onChange={(v) => setMadeBy(v as "PERSON")} error={fe.madeBy}
                  options={[{ value: "PROVIDER", label: "An outside provider's technician" }, { value: "PERSON", label: "Someone at the school" }]} />
                {madeBy === "PERSON" ? (
                  <SelectInput name="madeById" label="Technician" placeholder="Choose…" options={props.members} error={fe.madeById} />
                ) : (
                  <>
                    <TextInput name="madeByName" label="Technician's name" error={fe.madeByName} />
                    <TextInput name="madeByCompany" label="Company" error={fe.madeByCompany} />
                  </>
                )}
                <TextInput name="madeOn" type="date" label="Date it was made" defaultValue={props.today} error={fe.madeOn} />
                <TextInput name="note" label="Note (optional)" error={fe.note} />
              </>
            )}
          </StepForm>
        ) : step === "confirm" ? (
          <StepForm key={step} title="Confirm (DSL)" slug={slug} action={confirmChangeAction} build={(f) => ({ changeId, note: text(f, "note") })} submit="Confirm the change">
            {(fe) => <TextInput name="note" label="Note (optional)" hint="For example: checked on a pupil laptop that the site now loads" error={fe.note} />}
          </StepForm>
        ) : step === "review" ? (
          <StepForm
            key={step} title="Review: keep or revert" slug={slug} action={reviewChangeAction} submit="Record the review"
            build={(f) => ({ changeId, decision: text(f, "decision") as "KEEP", nextReviewOn: text(f, "nextReviewOn"), note: text(f, "note") })}
          >
            {(fe) => (
              <>
                <Radios name="decision" legend="Decision" error={fe.decision} options={[{ value: "KEEP", label: "Keep it" }, { value: "REVERT", label: "Revert it" }]} />
                <TextInput name="nextReviewOn" type="date" label="Next review date (if kept)" defaultValue={props.nextReview} error={fe.nextReviewOn} />
                <TextInput name="note" textarea label="Note on the review" error={fe.note} />
              </>
            )}
          </StepForm>
        ) : (
          <StepForm key={step} title="Mark as reverted on the filter" slug={slug} action={markRevertedAction} build={(f) => ({ changeId, note: text(f, "note") })} submit="Mark as reverted">
            {(fe) => <TextInput name="note" label="Who reverted it, and how" error={fe.note} />}
          </StepForm>
        ),
      )}
    </div>
  );
}
