"use client";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";

// The two ways to check a PDF on /verify. Both forms post to /verify/check, which answers in plain text
// without JavaScript; with it, the answer is shown here, and errors next to their field.

const MAX_BYTES = 10 * 1024 * 1024;

type Facts = {
  reference: string;
  part: number;
  signerName: string;
  policyTitle: string;
  versionNumber: number;
  signedAt: string;
  schoolName: string;
  sealedAt: string;
  selfSigned: boolean;
};
type Result =
  | { outcome: "match"; method: "upload" | "reference"; facts: Facts }
  | { outcome: "no-match"; method: "upload" | "reference" }
  | { outcome: "bad-input"; method: "upload" | "reference"; field: "file" | "reference"; message: string };

const when = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false, timeZoneName: "short" }).format(new Date(iso));

export function VerifyForms() {
  const [result, setResult] = useState<Result | null>(null);
  const [errors, setErrors] = useState<{ file?: string; reference?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const answerRef = useRef<HTMLDivElement>(null);
  // Until the page is interactive the forms post as plain HTML (a plain-text answer); tests wait for this.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  async function send(form: HTMLFormElement, which: "file" | "reference") {
    setBusy(true);
    setResult(null);
    setErrors({});
    try {
      const res = await fetch(form.action, { method: "POST", body: new FormData(form), headers: { accept: "application/json" } });
      if (res.status === 429) {
        setErrors({ form: await res.text() });
        return;
      }
      const type = res.headers.get("content-type") ?? "";
      if (!type.includes("application/json")) {
        setErrors({ [which]: res.status === 413 ? "That file is larger than 10 MB: it is not a declaration from this site." : "The check could not be made just now. Please try again." });
        return;
      }
      const body = (await res.json()) as Result;
      if (body.outcome === "bad-input") setErrors({ [body.field]: body.message });
      else {
        setResult(body);
        requestAnimationFrame(() => answerRef.current?.focus());
      }
    } catch {
      setErrors({ form: "The check could not be made just now. Please try again." });
    } finally {
      setBusy(false);
    }
  }

  function onUpload(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = e.currentTarget.elements.namedItem("file") as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return setErrors({ file: "Choose a PDF file to check." });
    if (file.size > MAX_BYTES) return setErrors({ file: "That file is larger than 10 MB: it is not a declaration from this site." });
    void send(e.currentTarget, "file");
  }

  function onReference(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = e.currentTarget.elements.namedItem("reference") as HTMLInputElement;
    if (!input.value.trim()) return setErrors({ reference: "Type the reference printed at the foot of the PDF's pages." });
    void send(e.currentTarget, "reference");
  }

  return (
    <div data-ready={ready ? "true" : undefined}>
      {errors.form && (
        <div role="alert" className="mb-4 rounded border-l-4 border-red-700 bg-red-50 p-3 font-semibold text-red-800">
          {errors.form}
        </div>
      )}
      <div ref={answerRef} tabIndex={-1} aria-live="polite" className="outline-none">
        {result?.outcome === "match" && (
          <section aria-labelledby="answer-heading" className="mb-6 rounded border-l-4 border-emerald-700 bg-emerald-50 p-4">
            <h2 id="answer-heading" className="mb-2 text-xl font-bold text-emerald-900">
              {result.method === "upload" ? "Match: this is the sealed document, byte for byte" : "A sealed document has this reference"}
            </h2>
            {result.method === "reference" && (
              <p className="mb-2 text-sm">A reference alone does not show that a copy is unchanged: upload the PDF to compare it byte for byte.</p>
            )}
            <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
              <dt className="font-semibold">Signed by (name as typed)</dt>
              <dd className="break-words">{result.facts.signerName}</dd>
              <dt className="font-semibold">Policy</dt>
              <dd className="break-words">
                {result.facts.policyTitle}, version {result.facts.versionNumber}
              </dd>
              <dt className="font-semibold">Signed</dt>
              <dd>{when(result.facts.signedAt)}</dd>
              <dt className="font-semibold">School</dt>
              <dd className="break-words">{result.facts.schoolName}</dd>
              <dt className="font-semibold">Reference</dt>
              <dd>
                {result.facts.reference} (Part {result.facts.part})
              </dd>
            </dl>
          </section>
        )}
        {result?.outcome === "no-match" && (
          <section aria-labelledby="answer-heading" className="mb-6 rounded border-l-4 border-red-700 bg-red-50 p-4">
            <h2 id="answer-heading" className="mb-2 text-xl font-bold text-red-800">
              No match
            </h2>
            <p>
              {result.method === "upload"
                ? "This file is not, byte for byte, a document sealed by this site. It may have been changed after it was issued, or it did not come from here."
                : "No sealed document has that reference. Check the reference printed at the foot of the page."}
            </p>
          </section>
        )}
      </div>

      <form action="/verify/check" method="post" encType="multipart/form-data" onSubmit={onUpload} noValidate className="mb-8">
        <h2 className="mb-3 text-xl font-bold">Upload the PDF</h2>
        <Field id="file" label="Declaration PDF" hint="The PDF as it was downloaded, up to 10 MB." error={errors.file}>
          <input id="file" name="file" type="file" accept="application/pdf,.pdf" className="block w-full max-w-md text-base" {...describedBy("file", { hint: "x", error: errors.file })} />
        </Field>
        <Button type="submit" disabled={busy}>
          Check the file
        </Button>
      </form>

      <form action="/verify/check" method="post" encType="multipart/form-data" onSubmit={onReference} noValidate>
        <h2 className="mb-3 text-xl font-bold">Or type the reference</h2>
        <Field id="reference" label="Reference" hint="Printed at the foot of each page, like ABCD-1234-EFGH." error={errors.reference}>
          <input
            id="reference"
            name="reference"
            type="text"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
            maxLength={40}
            className={inputClass}
            {...describedBy("reference", { hint: "x", error: errors.reference })}
          />
        </Field>
        <Button type="submit" disabled={busy}>
          Check the reference
        </Button>
      </form>
    </div>
  );
}
