"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useAction, text } from "@/components/ui/use-action";
import { requestChangeAction } from "@/lib/filtering/actions";
import { changePath } from "@/lib/filtering/paths";
import { TextInput, Radios } from "./fields";

export function RequestChangeForm(props: { schoolSlug: string; defaultReviewOn: string }) {
  const router = useRouter();
  const { pending, error, fieldErrors: fe, run } = useAction(requestChangeAction, props.schoolSlug);
  const [temporary, setTemporary] = useState(false);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const out = await run({
      targetKind: text(f, "targetKind") as "WEBSITE", target: text(f, "target"), direction: text(f, "direction") as "ALLOW",
      temporary: text(f, "duration") === "TEMPORARY", endsOn: text(f, "endsOn"), reason: text(f, "reason"), reviewOn: text(f, "reviewOn"),
    });
    if (out) {
      router.push(changePath(props.schoolSlug, out.id));
      router.refresh();
    }
  }
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl rounded border border-slate-300 bg-white p-4">
      <FormMessage error={error} />
      <Radios name="targetKind" legend="A website or a category?" error={fe.targetKind} defaultValue="WEBSITE" options={[{ value: "WEBSITE", label: "A website" }, { value: "CATEGORY", label: "A category of websites" }]} />
      <TextInput name="target" label="Website or category" hint="For example www.example.com, or Social networking" error={fe.target} />
      <Radios name="direction" legend="Allow or block?" error={fe.direction} options={[{ value: "ALLOW", label: "Allow" }, { value: "BLOCK", label: "Block" }]} />
      <Radios
        name="duration" legend="For how long?" defaultValue="PERMANENT" onChange={(v) => setTemporary(v === "TEMPORARY")}
        options={[{ value: "PERMANENT", label: "Permanent (until reviewed)" }, { value: "TEMPORARY", label: "Temporary" }]}
      />
      {temporary && <TextInput name="endsOn" type="date" label="Temporary until" error={fe.endsOn} />}
      <TextInput name="reason" textarea label="Reason" hint="Why it is needed, and for whom (for example: to support study of Ancient Greek at A Level; strong language but appropriate to the age group)" error={fe.reason} />
      <TextInput name="reviewOn" type="date" label="Date for review" defaultValue={props.defaultReviewOn} error={fe.reviewOn} />
      <Button type="submit" disabled={pending}>{pending ? "Sending…" : "Ask for this change"}</Button>
    </form>
  );
}
