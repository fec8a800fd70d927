import type { Metadata } from "next";
import { MagicLinkLanding } from "@/components/auth/magic-link-landing";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Sign in with a link" };

export default async function MagicPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  if (typeof token !== "string" || !token) {
    return <PageHeader title="This link is not complete">Copy the whole link from the email, or ask for a new one on the sign-in page.</PageHeader>;
  }
  return (
    <>
      <PageHeader title="Sign in with your link">The link works once. Press the button to sign in.</PageHeader>
      <MagicLinkLanding token={token} />
    </>
  );
}
