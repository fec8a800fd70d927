"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { recordMyCheckAction } from "@/lib/equipment/actions";
import type { CheckKey } from "@/lib/equipment/kinds";
import { useAction } from "@/components/ui/use-action";

/** The holder's own check (old texts deleted, or "I still hold it"), recorded with one click. */
export function MyCheckButton(props: { schoolSlug: string; assetId: string; check: CheckKey }) {
  const router = useRouter();
  const { run, pending, error } = useAction(recordMyCheckAction, props.schoolSlug);
  return (
    <span>
      <Button type="button" variant="secondary" disabled={pending} onClick={async () => (await run({ assetId: props.assetId, check: props.check, note: "" })) && router.refresh()}>
        {props.check === "ANNUAL_CONFIRMATION" ? "I still hold it" : "Done"}
      </Button>
      {error && <span role="alert" className="ml-2 font-semibold text-red-700">{error}</span>}
    </span>
  );
}
