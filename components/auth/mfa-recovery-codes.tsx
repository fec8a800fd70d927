"use client";
import { useEffect, useRef } from "react";

/** The ten recovery codes, shown once, straight after the authenticator is confirmed. */
export function RecoveryCodes({ codes, continueTo }: { codes: string[]; continueTo: string }) {
  // The form they replace had the focus: move it here, so a screen reader reads the codes next.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="recovery-heading" className="rounded border-2 border-emerald-800 bg-emerald-50 p-4">
      <h2 id="recovery-heading" ref={heading} className="mb-2 text-xl font-bold" tabIndex={-1}>
        Your authenticator app is set up
      </h2>
      <p className="mb-2">
        Keep these recovery codes somewhere safe, away from your phone (printed, or in a password manager). Each works once, instead
        of a code from the app, if you lose your phone. <strong>They are shown only now.</strong>
      </p>
      <ol aria-label="Recovery codes" className="mb-4 grid grid-cols-1 gap-1 font-mono text-lg sm:grid-cols-2">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <a href={continueTo} className="inline-flex min-h-11 items-center rounded bg-emerald-800 px-4 py-2 font-semibold text-white">
        I have kept them: continue
      </a>
    </section>
  );
}
