import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-10">
      <h1 className="mb-4 text-2xl font-bold">Page not found</h1>
      <p className="mb-4">If you typed the web address, check it is correct. If you followed a link, it may be for a school you do not belong to.</p>
      <Link href="/" className="text-emerald-900 underline underline-offset-2">
        Go to your schools
      </Link>
    </main>
  );
}
