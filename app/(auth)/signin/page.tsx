import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PasswordSignInForm } from "@/components/auth/password-sign-in-form";
import { MagicLinkRequestForm } from "@/components/auth/magic-link-request-form";
import { OidcButtons } from "@/components/auth/oidc-buttons";
import { PageHeader } from "@/components/ui/page-header";
import { getCurrentPerson, getLiveSession } from "@/lib/auth/session";
import { oidcProviders } from "@/lib/auth/options";
import { safeCallbackUrl, signInMessage } from "@/lib/auth/messages";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(typeof params.callbackUrl === "string" ? params.callbackUrl : null);
  if (await getCurrentPerson()) redirect(callbackUrl);
  if ((await getLiveSession())?.mfaPending) redirect(`/signin/mfa?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  const error = signInMessage(typeof params.error === "string" ? params.error : null);
  return (
    <>
      <PageHeader title="Sign in">Use the email address your school has for you.</PageHeader>
      <PasswordSignInForm callbackUrl={callbackUrl} initialError={error} />
      <p className="mt-4">
        <Link href="/password" className="underline underline-offset-2">
          Set or reset your password
        </Link>
      </p>
      <OidcButtons providers={oidcProviders} callbackUrl={callbackUrl} />
      <hr className="my-8 border-slate-300" />
      <h2 className="mb-2 text-xl font-bold">No password?</h2>
      <MagicLinkRequestForm />
    </>
  );
}
