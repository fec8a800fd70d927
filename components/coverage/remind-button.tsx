"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { remindOutstandingAction } from "@/lib/reminders/actions";

export function RemindButton({ schoolSlug, policyId, outstanding }: { schoolSlug: string; policyId: string; outstanding: number }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  return (
    <div className="mb-4">
      <FormMessage {...message} />
      <Button
        type="button"
        disabled={busy || outstanding === 0}
        onClick={async () => {
          setBusy(true);
          setMessage({});
          const res = await remindOutstandingAction(schoolSlug, { policyId });
          setBusy(false);
          if (!res.ok) return setMessage({ error: res.error });
          const { sent, skipped, failed } = res.data;
          setMessage({
            success: [
              `${sent} reminder${sent === 1 ? "" : "s"} sent.`,
              skipped ? `${skipped} already reminded today.` : "",
              failed ? `${failed} could not be sent: try again later.` : "",
            ].filter(Boolean).join(" "),
          });
          router.refresh();
        }}
      >
        {busy ? "Sending…" : `Remind all outstanding (${outstanding})`}
      </Button>
    </div>
  );
}
