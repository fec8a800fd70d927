"use client";
import { useRouter } from "next/navigation";
import { ActionButton } from "@/components/ui/action-button";
import { startMfaEnrolmentAction } from "@/lib/auth/mfa/actions";

export function MfaStartButton({ label }: { label: string }) {
  const router = useRouter();
  return <ActionButton label={label} variant="primary" run={() => startMfaEnrolmentAction({})} onDone={() => router.refresh()} />;
}
