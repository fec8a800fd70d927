import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { PasswordLinkRequestForm } from "@/components/auth/password-link-request-form";

export const metadata: Metadata = { title: "Set or reset your password" };

export default function PasswordPage() {
  return (
    <>
      <PageHeader title="Set or reset your password">
        We will email you a link to choose a password. It works once, for 30 minutes. Some schools use only emailed
        links or Microsoft or Google sign-in: then no link is sent.
      </PageHeader>
      <PasswordLinkRequestForm />
      <p className="mt-6">
        <Link href="/signin" className="underline underline-offset-2">
          Back to sign in
        </Link>
      </p>
    </>
  );
}
