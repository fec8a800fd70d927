"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { signInMessage } from "@/lib/auth/messages";

// The link only signs in on a click, so an email scanner that opens links cannot use it up.
export function MagicLinkLanding({ token }: { token: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div>
      <FormMessage error={error} />
      <Button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const res = await signIn("magic-link", { token, redirect: false, callbackUrl: "/" });
          if (!res || res.error) {
            setError(signInMessage(res?.error ?? "UNAVAILABLE"));
            setBusy(false);
            return;
          }
          window.location.assign("/");
        }}
      >
        Continue to sign in
      </Button>
    </div>
  );
}
