"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { ActionButton } from "@/components/ui/action-button";
import { FormMessage } from "@/components/ui/form-message";
import { resetMfaAction } from "@/lib/auth/mfa/actions";

/** For a Headteacher or trust administrator: remove someone's lost authenticator (they set up a new one). */
export function ResetMfaButton({ schoolSlug, membershipId, personName }: { schoolSlug: string; membershipId: string; personName: string }) {
  const router = useRouter();
  const [done, setDone] = useState(false);
  if (done) return <FormMessage success={`${personName}'s authenticator was reset. They set up a new one when they next sign in.`} />;
  return (
    <div className="mt-2">
      <ActionButton
        label={`Reset authenticator app for ${personName}`}
        variant="secondary"
        confirm={`Reset ${personName}'s authenticator app? Their sessions end, and they set up a new one when they next sign in. Only do this once you are sure it is them asking.`}
        run={() => resetMfaAction(schoolSlug, { membershipId })}
        onDone={() => {
          setDone(true);
          router.refresh();
        }}
      />
    </div>
  );
}
