import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { MfaCodeForm } from "@/components/auth/mfa-code-form";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { getLiveSession } from "@/lib/auth/session";
import { mfaEnrolled } from "@/lib/auth/mfa/requirement";
import { safeCallbackUrl } from "@/lib/auth/messages";

export const metadata: Metadata = { title: "Enter your code" };

// The second step of signing in. The session exists but nothing else accepts it until a code is given.
export default async function MfaStepPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(typeof params.callbackUrl === "string" ? params.callbackUrl : null);
  const session = await getLiveSession();
  if (!session) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (!session.mfaPending) redirect(callbackUrl);
  // Required but not set up yet: setting up is the second step.
  if (!(await mfaEnrolled(session.person.id))) redirect(`/account/mfa?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return (
    <>
      <PageHeader title="Enter your code">Open the authenticator app on your phone and type the six digits it shows for {session.person.email}.</PageHeader>
      <MfaCodeForm mode="verify" callbackUrl={callbackUrl} />
      <p className="mt-6">
        Lost your phone and your recovery codes? Ask your Headteacher or trust administrator to reset your authenticator.
      </p>
      <p className="mt-4">
        <SignOutButton />
      </p>
    </>
  );
}
