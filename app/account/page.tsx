import type { Metadata } from "next";
import Link from "next/link";
import { requirePerson } from "@/lib/authz/require";
import { PageHeader } from "@/components/ui/page-header";
import { SignOutEverywhere } from "@/components/auth/sign-out-everywhere";
import { MyPasswordLink } from "@/components/auth/my-password-link";
import { passwordSignInAllowed } from "@/lib/auth/password-policy";
import { oidcProviders } from "@/lib/auth/options";
import { signInMessage } from "@/lib/auth/messages";
import { ssoLinksOf } from "@/lib/sso/queries";
import { providerLabel } from "@/lib/sso/providers";
import { formatDate } from "@/lib/dates";
import { FormMessage } from "@/components/ui/form-message";
import { LinkedAccounts } from "@/components/sso/linked-accounts";

export const metadata: Metadata = { title: "Your account" };

const METHODS: Record<string, string> = { password: "email and password", "magic-link": "an emailed link", "azure-ad": "Microsoft", google: "Google", "oidc-test": "the test identity provider" };
const LINK_OUTCOMES: Record<string, string> = { LINKED: "Linked. You can now sign in with it.", ALREADY_LINKED: "That account was already linked to you." };
// The second step, when one was given (lib/auth/session.ts sessionAuthMethod).
const SECOND_STEPS: Record<string, string> = { totp: "a code from your authenticator app", "recovery-code": "a recovery code", provider: "your provider's second step" };

function describeSignIn(method: string) {
  const [first, second] = method.split("+");
  const base = METHODS[first] ?? first;
  return second ? `${base}, then ${SECOND_STEPS[second] ?? second}` : base;
}

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const person = await requirePerson("/account");
  const [passwordsAllowed, links, params] = await Promise.all([passwordSignInAllowed(person.id), ssoLinksOf(person.id), searchParams]);
  const outcome = typeof params.sso === "string" ? params.sso : null;
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-10">
      <p className="mb-4">
        <Link href="/?pick=1" className="underline underline-offset-2">
          Back to your schools
        </Link>
      </p>
      <PageHeader title="Your account" />
      <dl className="mb-8 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2">
        <dt className="font-semibold">Name</dt>
        <dd>{person.name}</dd>
        <dt className="font-semibold">Email</dt>
        <dd className="break-all">{person.email}</dd>
        <dt className="font-semibold">Signed in with</dt>
        <dd>{describeSignIn(person.authMethod)}</dd>
      </dl>
      <h2 className="mb-2 text-xl font-bold">Set or reset your password</h2>
      {passwordsAllowed ? (
        <div className="mb-8">
          <p className="mb-4">We email you a link to choose a password, so only someone who can read your email can change it.</p>
          <MyPasswordLink email={person.email} />
        </div>
      ) : (
        <p className="mb-8">Your school does not use passwords here: sign in with an emailed link or your school&apos;s Microsoft or Google account.</p>
      )}
      <h2 className="mb-2 text-xl font-bold">Authenticator app</h2>
      <p className="mb-8">
        <Link href="/account/mfa" className="underline underline-offset-2">
          Set up or check your authenticator app
        </Link>{" "}
        (a six-digit code from your phone after your password).
      </p>
      {(oidcProviders.length > 0 || links.length > 0) && (
        <section aria-labelledby="sso">
          <h2 id="sso" className="mb-2 text-xl font-bold">
            Microsoft and Google sign-in
          </h2>
          <p className="mb-4">Link your school&apos;s Microsoft or Google account once; after that it signs you in here, and no other account can.</p>
          {outcome && <FormMessage error={LINK_OUTCOMES[outcome] ? null : signInMessage(outcome)} success={LINK_OUTCOMES[outcome] ?? null} />}
          <LinkedAccounts
            links={links.map((l) => ({ provider: l.provider, label: providerLabel(l.provider), tenant: l.tenant, linkedOn: formatDate(l.createdAt) }))}
            providers={oidcProviders.map((p) => ({ id: p.id, label: providerLabel(p.id) }))}
          />
        </section>
      )}
      <h2 className="mb-2 text-xl font-bold">Lost a device?</h2>
      <p className="mb-4">This ends your sessions everywhere, including this one.</p>
      <SignOutEverywhere />
    </main>
  );
}
