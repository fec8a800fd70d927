"use client";
import { useState } from "react";
import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { signOutEverywhereAction } from "@/lib/people/actions";

export function SignOutEverywhere() {
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <FormMessage error={error} />
      <Button
        type="button"
        variant="danger"
        onClick={async () => {
          const res = await signOutEverywhereAction({});
          if (!res.ok) return setError(res.error);
          await signOut({ callbackUrl: "/signin" });
        }}
      >
        Sign out on every device
      </Button>
    </div>
  );
}
