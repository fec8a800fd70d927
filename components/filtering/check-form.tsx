"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useAction, text } from "@/components/ui/use-action";
import { recordCheckAction } from "@/lib/filtering/actions";
import { TextInput, Radios } from "./fields";

export function CheckForm(props: { schoolSlug: string; today: string; nextDue: string }) {
  const router = useRouter();
  const { pending, error, fieldErrors: fe, run } = useAction(recordCheckAction, props.schoolSlug);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const out = await run({
      checkedOn: text(f, "checkedOn"), tested: text(f, "tested"), device: text(f, "device"), userGroup: text(f, "userGroup"),
      result: text(f, "result") as "PASS", notes: text(f, "notes"), nextCheckDue: text(f, "nextCheckDue"),
    });
    if (out) {
      form.reset();
      router.refresh();
    }
  }
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl rounded border border-slate-300 bg-white p-4" aria-label="Record a filtering check">
      <FormMessage error={error} />
      <TextInput name="checkedOn" type="date" label="Date of the check" defaultValue={props.today} error={fe.checkedOn} />
      <TextInput name="tested" textarea label="What was tested" hint="Test sites or categories tried, for example testfiltering.com, gambling, self-harm, a VPN" error={fe.tested} />
      <TextInput name="device" label="Device" hint="For example a Year 6 class laptop, a staff iPad" error={fe.device} />
      <TextInput name="userGroup" label="User group" hint="For example pupils in Key Stage 2, staff, guest Wi-Fi" error={fe.userGroup} />
      <Radios name="result" legend="Result" error={fe.result} options={[{ value: "PASS", label: "Pass: blocked as it should be" }, { value: "FAIL", label: "Fail" }]} />
      <TextInput name="notes" textarea label="Notes (what failed, and what was done about it)" error={fe.notes} />
      <TextInput name="nextCheckDue" type="date" label="Next check due" defaultValue={props.nextDue} error={fe.nextCheckDue} />
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Record the check"}</Button>
    </form>
  );
}
