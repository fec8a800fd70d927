import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requirePerson } from "@/lib/authz/require";
import { schoolsForPerson } from "@/lib/people/queries";
import { PageHeader } from "@/components/ui/page-header";
import { SignOutButton } from "@/components/auth/sign-out-button";

export const metadata: Metadata = { title: "Choose a school" };

export default async function Home({ searchParams }: { searchParams: Promise<{ pick?: string }> }) {
  const person = await requirePerson("/");
  const schools = await schoolsForPerson(person.id);
  const { pick } = await searchParams;
  if (schools.length === 1 && !pick) redirect(`/s/${schools[0].slug}`);
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-10">
      <PageHeader title="Choose a school">Signed in as {person.name}.</PageHeader>
      {schools.length === 0 ? (
        <p>You are not a current member of any school. If you think this is wrong, contact your school office.</p>
      ) : (
        <ul className="space-y-3">
          {schools.map((s) => (
            <li key={s.slug} className="rounded border border-slate-300 bg-white p-4">
              <Link href={`/s/${s.slug}`} className="text-lg font-semibold text-emerald-900 underline underline-offset-2">
                {s.name}
              </Link>
              <p className="text-slate-600">{s.organisation}</p>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-8">
        <SignOutButton />
      </p>
    </main>
  );
}
