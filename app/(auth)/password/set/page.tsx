import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { SetPasswordForm } from "@/components/auth/set-password-form";

export const metadata: Metadata = { title: "Choose a password" };

// The token is checked when the form is sent, not on opening: opening the link (a mail scanner) uses nothing up.
export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  if (typeof token !== "string" || !token) {
    return (
      <PageHeader title="This link is not complete">
        Copy the whole link from the email, or{" "}
        <Link href="/password" className="underline underline-offset-2">
          ask for a new one
        </Link>
        .
      </PageHeader>
    );
  }
  return (
    <>
      <PageHeader title="Choose a password" />
      <SetPasswordForm token={token} />
    </>
  );
}
