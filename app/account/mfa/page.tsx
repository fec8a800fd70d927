import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { PageHeader } from "@/components/ui/page-header";
import { MfaSetup } from "@/components/auth/mfa-setup";
import { MfaStartButton } from "@/components/auth/mfa-start-button";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { getLiveSession } from "@/lib/auth/session";
import { enrolmentInProgress, mfaStatus } from "@/lib/auth/mfa/service";
import { mfaRequiredFor } from "@/lib/auth/mfa/requirement";
import { safeCallbackUrl } from "@/lib/auth/messages";
import { formatDateTime } from "@/lib/dates";

export const metadata: Metadata = { title: "Authenticator app" };

/** The secret in groups of four, as authenticator apps show and ask for it. */
function grouped(secret: string) {
  return secret.match(/.{1,4}/g)!.join(" ");
}

// Setting up an authenticator: open to a complete session, and to a session whose second step is owed by
// someone required to have MFA who has none yet (they are sent here before anything else).
export default async function AccountMfaPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(typeof params.callbackUrl === "string" ? params.callbackUrl : "/account/mfa");
  const session = await getLiveSession();
  if (!session) redirect(`/signin?callbackUrl=${encodeURIComponent("/account/mfa")}`);
  const { person } = session;
  const status = await mfaStatus(person.id);
  if (session.mfaPending && status.enrolledAt) redirect(`/signin/mfa?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  const setup = status.enrolledAt ? null : await enrolmentInProgress(person);
  const qr = setup ? `data:image/svg+xml;base64,${Buffer.from(await QRCode.toString(setup.uri, { type: "svg", margin: 1 })).toString("base64")}` : null;
  const required = !status.enrolledAt && (session.mfaPending || (await mfaRequiredFor(person.id)));

  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-10">
      {!session.mfaPending && (
        <p className="mb-4">
          <Link href="/account" className="underline underline-offset-2">
            Back to your account
          </Link>
        </p>
      )}
      <PageHeader title="Authenticator app">
        A second step at sign-in: after your password or emailed link, a six-digit code from an app on your phone (Microsoft
        Authenticator, Google Authenticator or any other authenticator app).
      </PageHeader>
      {status.enrolledAt ? (
        <div>
          <p className="mb-2">
            Your authenticator app is set up (since {formatDateTime(status.enrolledAt)}). You have {status.recoveryLeft} unused recovery{" "}
            {status.recoveryLeft === 1 ? "code" : "codes"}.
          </p>
          <p>Lost your phone? Ask your Headteacher or trust administrator to reset it; then set up a new one here.</p>
        </div>
      ) : (
        <div>
          {required && (
            <p className="mb-4 rounded border-l-4 border-amber-600 bg-amber-50 p-3">
              Your role needs this second step. Set up an authenticator app before you continue.
            </p>
          )}
          {setup && qr ? (
            <MfaSetup qrDataUrl={qr} secretGroups={grouped(setup.secret)} continueTo={callbackUrl} />
          ) : (
            <MfaStartButton label="Set up an authenticator app" />
          )}
        </div>
      )}
      {session.mfaPending && (
        <p className="mt-8">
          <SignOutButton />
        </p>
      )}
    </main>
  );
}
