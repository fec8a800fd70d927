"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { ActionButton } from "@/components/ui/action-button";
import { FormMessage } from "@/components/ui/form-message";
import { resetMfaAction } from "@/lib/auth/mfa/actions";

/**
 * For a Headteacher or trust administrator: remove someone's lost authenticator (they set up a new one).
 * Rendered on every row but one's own, enrolled or not, so that the confirmation survives the refreshed
 * page no longer counting the person as enrolled (unmounting would lose it).
 */
export function ResetMfaButton(props: { schoolSlug: string; membershipId: string; personName: string; enrolled: boolean }) {
  const { schoolSlug, membershipId, personName, enrolled } = props;
  const router = useRouter();
  const [done, setDone] = useState(false);
  if (done) return <FormMessage success={`${personName}'s authenticator was reset. They set up a new one when they next sign in.`} />;
  if (!enrolled) return null;
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
