"use client";
import { signOut } from "next-auth/react";
import { ActionButton } from "@/components/ui/action-button";
import { signOutEverywhereAction } from "@/lib/people/actions";

export function SignOutEverywhere() {
  return (
    <ActionButton
      label="Sign out on every device"
      variant="danger"
      run={() => signOutEverywhereAction({})}
      onDone={() => signOut({ callbackUrl: "/signin" })}
    />
  );
}
