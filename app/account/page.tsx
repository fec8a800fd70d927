import type { Metadata } from "next";
import Link from "next/link";
import { requirePerson } from "@/lib/authz/require";
import { PageHeader } from "@/components/ui/page-header";
import { SignOutEverywhere } from "@/components/auth/sign-out-everywhere";

export const metadata: Metadata = { title: "Your account" };

const METHODS: Record<string, string> = { password: "email and password", "magic-link": "an emailed link", "azure-ad": "Microsoft", google: "Google" };

export default async function AccountPage() {
  const person = await requirePerson("/account");
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
        <dd>{METHODS[person.authMethod] ?? person.authMethod}</dd>
      </dl>
      <h2 className="mb-2 text-xl font-bold">Lost a device?</h2>
      <p className="mb-4">This ends your sessions everywhere, including this one.</p>
      <SignOutEverywhere />
    </main>
  );
}
