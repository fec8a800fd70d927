"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useAction, text } from "@/components/ui/use-action";
import { setResponsiblePeopleAction, recordAnnualReviewAction } from "@/lib/filtering/actions";
import { TextInput, SelectInput } from "./fields";

type Options = { value: string; label: string }[];

export function ResponsiblePeopleForm(props: { schoolSlug: string; leaders: Options; governors: Options; current: { seniorLeaderId: string; governorId: string } | null }) {
  const router = useRouter();
  const { pending, error, fieldErrors: fe, run } = useAction(setResponsiblePeopleAction, props.schoolSlug);
  const [saved, setSaved] = useState(false);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    const f = new FormData(e.currentTarget);
    if (await run({ seniorLeaderId: text(f, "seniorLeaderId"), governorId: text(f, "governorId") })) {
      setSaved(true);
      router.refresh();
    }
  }
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl rounded border border-slate-300 bg-white p-4" aria-label="Name the people responsible">
      <FormMessage error={error} success={saved ? "Saved." : null} />
      <SelectInput name="seniorLeaderId" label="Senior leader responsible" placeholder="Choose…" options={props.leaders} defaultValue={props.current?.seniorLeaderId} error={fe.seniorLeaderId} />
      <SelectInput name="governorId" label="Governor responsible" placeholder="Choose…" options={props.governors} defaultValue={props.current?.governorId} error={fe.governorId} />
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save"}</Button>
    </form>
  );
}

export function AnnualReviewForm(props: { schoolSlug: string; leaders: Options; dsls: Options; governors: Options; today: string; nextYear: string }) {
  const router = useRouter();
  const { pending, error, fieldErrors: fe, run } = useAction(recordAnnualReviewAction, props.schoolSlug);
  const [actions, setActions] = useState(1);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const rows = Array.from({ length: actions }, (_, i) => ({ action: text(f, `actions.${i}.action`), owner: text(f, `actions.${i}.owner`), dueOn: text(f, `actions.${i}.dueOn`) }))
      .filter((a) => a.action || a.owner || a.dueOn);
    const out = await run({
      reviewedOn: text(f, "reviewedOn"), seniorLeaderId: text(f, "seniorLeaderId"), dslId: text(f, "dslId"), governorId: text(f, "governorId"),
      itProvider: text(f, "itProvider"), others: text(f, "others"), findings: text(f, "findings"), actions: rows, nextReviewOn: text(f, "nextReviewOn"),
    });
    if (out) {
      form.reset();
      setActions(1);
      router.refresh();
    }
  }
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl rounded border border-slate-300 bg-white p-4" aria-label="Record the annual review">
      <FormMessage error={error} />
      <TextInput name="reviewedOn" type="date" label="Date of the review" defaultValue={props.today} error={fe.reviewedOn} />
      <SelectInput name="seniorLeaderId" label="Senior leader (SLT)" placeholder="Choose…" options={props.leaders} error={fe.seniorLeaderId} />
      <SelectInput name="dslId" label="Designated Safeguarding Lead" placeholder="Choose…" options={props.dsls} error={fe.dslId} />
      <TextInput name="itProvider" label="IT provider (name and company)" error={fe.itProvider} />
      <SelectInput name="governorId" label="Governor" placeholder="Choose…" options={props.governors} error={fe.governorId} />
      <TextInput name="others" label="Others present (optional)" error={fe.others} />
      <TextInput name="findings" textarea label="Findings" hint="What the review found about the filtering and monitoring systems, and whether they meet the DfE standards" error={fe.findings} />
      <fieldset className="mb-4">
        <legend className="font-semibold">Actions</legend>
        {fe.actions && <p role="alert" className="font-semibold text-red-700">{fe.actions}</p>}
        {Array.from({ length: actions }, (_, i) => (
          <div key={i} className="mt-2 rounded border border-slate-200 p-3">
            <TextInput name={`actions.${i}.action`} label={`Action ${i + 1}`} error={fe[`actions.${i}.action`]} />
            <TextInput name={`actions.${i}.owner`} label="Owner" error={fe[`actions.${i}.owner`]} />
            <TextInput name={`actions.${i}.dueOn`} type="date" label="Due by" error={fe[`actions.${i}.dueOn`]} />
          </div>
        ))}
        <Button type="button" variant="secondary" className="mt-2" onClick={() => setActions((n) => Math.min(n + 1, 20))}>Add another action</Button>
      </fieldset>
      <TextInput name="nextReviewOn" type="date" label="Next review date" defaultValue={props.nextYear} error={fe.nextReviewOn} />
      <p className="mb-4 text-sm">Once recorded, the review cannot be changed.</p>
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Record the annual review"}</Button>
    </form>
  );
}
