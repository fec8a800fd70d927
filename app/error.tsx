"use client";

// Never shows the error itself: its details are in the server log, keyed by the digest.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-10">
      <h1 className="mb-4 text-2xl font-bold">Sorry, something went wrong</h1>
      <p className="mb-4">Please try again. If it keeps happening, tell your school office and give them the reference below.</p>
      {error.digest && <p className="mb-4 text-sm text-slate-600">Reference: {error.digest}</p>}
      <button type="button" onClick={reset} className="rounded bg-emerald-800 px-4 py-2 font-semibold text-white">
        Try again
      </button>
    </main>
  );
}
