import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-10">
      <h1 className="mb-4 text-2xl font-bold">You do not have access to this page</h1>
      <p className="mb-4">Your roles in this school do not include it. If you need it, ask your Headteacher.</p>
      <Link href="/" className="text-emerald-900 underline underline-offset-2">
        Go to your schools
      </Link>
    </main>
  );
}
