"use client";
import { useState } from "react";
import { Field, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { DataTable } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { useAction } from "@/components/ui/use-action";
import { applyStaffImportAction, checkStaffImportAction } from "@/lib/people/import/actions";
import { FIELD_LABELS, IMPORT_FIELDS, type ColumnMapping, type ImportField } from "@/lib/people/import/columns";
import { MAX_FILE_BYTES } from "@/lib/people/import/limits";
import type { PlanRow } from "@/lib/people/import/plan";
import { ImportLeavers } from "./import-leavers";

const KIND: Record<PlanRow["kind"], { label: string; tone: "success" | "info" | "neutral" | "danger" | "warning" }> = {
  join: { label: "Joiner", tone: "success" },
  change: { label: "Change", tone: "info" },
  same: { label: "No change", tone: "neutral" },
  skip: { label: "Skipped", tone: "warning" },
  error: { label: "Needs correcting", tone: "danger" },
};
const ORDER: PlanRow["kind"][] = ["error", "join", "change", "skip"];
const n = (x: number) => x.toLocaleString("en-GB");

/** Bytes to base64 in slices, so a large file does not overflow the argument list. */
function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function StaffImport(props: { schoolSlug: string; peopleHref: string; trust: boolean }) {
  const check = useAction(checkStaffImportAction, props.schoolSlug);
  const apply = useAction(applyStaffImportAction, props.schoolSlug);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [result, setResult] = useState<Awaited<ReturnType<typeof check.run>>>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [sendLinks, setSendLinks] = useState(true);
  const [done, setDone] = useState<string | null>(null);

  async function runCheck(base64: string, map?: ColumnMapping) {
    const out = await check.run({ file: base64, ...(map ? { mapping: map } : {}) });
    setResult(out);
    if (out && out.fileError === null) setMapping(out.mapping);
  }
  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    const f = e.currentTarget.files?.[0];
    setResult(null);
    setLocalError(null);
    setDone(null);
    setFile(null);
    if (!f) return;
    // Refused before it is read or sent: a 10 MB file of junk never leaves the browser.
    if (f.size > MAX_FILE_BYTES) return setLocalError(`The file is ${(f.size / 1_000_000).toFixed(1)} MB: at most ${MAX_FILE_BYTES / 1_000_000} MB. A staff list is much smaller: check it is the right file.`);
    const base64 = toBase64(new Uint8Array(await f.arrayBuffer()));
    setFile({ name: f.name, base64 });
    // A corrected file is checked with the columns already chosen.
    await runCheck(base64, result && result.fileError === null ? mapping : undefined);
  }
  async function onApply() {
    if (!file || !result || result.fileError !== null || !result.plan) return;
    const out = await apply.run({ file: file.base64, mapping, fingerprint: result.plan.fingerprint, sendLinks });
    if (out) {
      setDone(`Imported: ${n(out.joined)} added, ${n(out.changed)} changed, ${n(out.unchanged)} unchanged.${sendLinks && out.joined ? " Each new person is being emailed a sign-in link." : ""}`);
      await runCheck(file.base64, mapping);
    }
  }

  const ok = result && result.fileError === null ? result : null;
  const plan = ok?.plan ?? null;
  const shown = plan ? ORDER.flatMap((k) => plan.rows.filter((r) => r.kind === k)) : [];
  const busy = check.pending || apply.pending;
  return (
    <div className="space-y-6">
      <FormMessage error={localError ?? check.error ?? (result?.fileError || null)} success={done} />
      <Field id="file" label="Staff file (CSV)" hint="Export your staff list from the MIS as CSV (UTF-8), with its header row. At most 1 MB and 5,000 rows." error={check.fieldErrors.file}>
        <input id="file" type="file" accept=".csv,text/csv" onChange={onFile} disabled={busy} className={inputClass} aria-describedby="file-hint" />
      </Field>
      {check.pending && (
        <p role="status">
          <progress className="mr-2 align-middle" aria-label="Checking the file" /> Checking the file…
        </p>
      )}

      {ok && file && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void runCheck(file.base64, mapping);
          }}
          aria-labelledby="mapping-heading"
          className="rounded border border-slate-300 bg-white p-4"
        >
          <h2 id="mapping-heading" className="mb-1 text-lg font-semibold">
            Which column holds what
          </h2>
          <p className="mb-3 text-sm text-slate-700">Remembered for this school after an import, so next time you only upload the file.</p>
          <div className="grid gap-x-4 sm:grid-cols-2">
            {IMPORT_FIELDS.filter((f) => f !== "school" || props.trust || mapping.school).map((f: ImportField) => (
              <Field key={f} id={`map-${f}`} label={FIELD_LABELS[f]}>
                <select
                  id={`map-${f}`}
                  value={mapping[f] ?? ""}
                  onChange={(e) => setMapping({ ...mapping, [f]: e.currentTarget.value || undefined })}
                  className={inputClass}
                >
                  <option value="">Not in the file</option>
                  {ok.headers.filter(Boolean).map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </Field>
            ))}
          </div>
          {ok.problems.length > 0 && (
            <ul role="alert" className="mb-3 list-disc pl-6 font-semibold text-red-800">
              {ok.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <Button type="submit" variant="secondary" disabled={busy}>
            Check the file with these columns
          </Button>
        </form>
      )}

      {plan && (
        <section aria-labelledby="plan-heading" className="space-y-4">
          <h2 id="plan-heading" className="text-lg font-semibold">
            What the import will do
          </h2>
          <p role="status" className="font-semibold">
            {n(ok!.total)} rows read: {n(plan.counts.join)} to add, {n(plan.counts.change)} to change, {n(plan.counts.same)} unchanged
            {plan.counts.skip ? `, ${n(plan.counts.skip)} skipped` : ""}
            {plan.counts.error ? `, ${n(plan.counts.error)} need correcting` : ""}. {n(plan.counts.leave)} proposed as leavers.
          </p>
          {plan.counts.error > 0 && <FormMessage error={`Correct the ${plan.counts.error === 1 ? "row" : `${n(plan.counts.error)} rows`} marked below in the file and upload it again. Nothing is imported until every row is right.`} />}
          <DataTable<PlanRow>
            caption="Rows of the file"
            rows={shown}
            rowKey={(r) => String(r.line)}
            empty="Every row matches the school's list: there is nothing to import."
            rowClassName={(r) => (r.kind === "error" ? "bg-red-50" : undefined)}
            columns={[
              { key: "line", header: "Line", cell: (r) => r.line, align: "right" },
              { key: "name", header: "Name", rowHeader: true, cell: (r) => r.name },
              { key: "email", header: "Email", cell: (r) => <span className="break-all">{r.email}</span> },
              ...(Object.keys(ok!.schoolNames).length > 1 ? [{ key: "school", header: "School", cell: (r: PlanRow) => (r.schoolId ? ok!.schoolNames[r.schoolId] : "") }] : []),
              { key: "kind", header: "Outcome", cell: (r) => <StatusBadge tone={KIND[r.kind].tone}>{KIND[r.kind].label}</StatusBadge> },
              {
                key: "detail",
                header: "Detail",
                cell: (r) => (r.errors.length ? <span className="font-semibold text-red-800">{r.errors.join(" ")}</span> : r.notes.join(" ")),
              },
            ]}
          />
          {plan.counts.join + plan.counts.change > 0 && (
            <div className="rounded border border-slate-300 bg-white p-4">
              <label className="mb-4 flex min-h-11 items-center gap-3">
                <input type="checkbox" checked={sendLinks} onChange={(e) => setSendLinks(e.currentTarget.checked)} className="h-5 w-5" />
                Email each new person a sign-in link
              </label>
              <Button type="button" onClick={onApply} disabled={busy || plan.counts.error > 0}>
                {apply.pending ? "Importing…" : `Import: add ${n(plan.counts.join)}, change ${n(plan.counts.change)}`}
              </Button>
              {apply.pending && (
                <p role="status" className="mt-3">
                  <progress className="mr-2 align-middle" aria-label="Importing" /> Importing {n(plan.counts.join + plan.counts.change)} people in one go. Keep this page open.
                </p>
              )}
              <FormMessage error={apply.error} />
            </div>
          )}
          <ImportLeavers leavers={plan.leavers} schoolNames={ok!.schoolNames} onEnded={() => file && runCheck(file.base64, mapping)} />
          <p>
            <a href={props.peopleHref} className="underline underline-offset-2">
              Back to people
            </a>
          </p>
        </section>
      )}
    </div>
  );
}
