"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Field, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { DataTable } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { previewImportAction, importAssetsAction } from "@/lib/equipment/actions";
import { ASSET_KINDS } from "@/lib/equipment/kinds";
import type { ImportPreview, ImportRow } from "@/lib/equipment/csv";
import { useAction } from "@/components/ui/use-action";

export function ImportForm(props: { schoolSlug: string; doneHref: string }) {
  const router = useRouter();
  const preview = useAction(previewImportAction, props.schoolSlug);
  const commit = useAction(importAssetsAction, props.schoolSlug);
  const [csv, setCsv] = useState<string | null>(null);
  const [result, setResult] = useState<ImportPreview | null>(null);

  async function onFile(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.currentTarget.files?.[0];
    setResult(null);
    if (!file) return setCsv(null);
    const content = await file.text();
    setCsv(content);
    setResult(await preview.run({ csv: content }));
  }
  async function onImport() {
    if (!csv) return;
    const out = await commit.run({ csv });
    if (out) {
      router.push(`${props.doneHref}?imported=${out.imported}`);
      router.refresh();
    }
  }
  const bad = result?.rows.filter((r) => r.errors.length).length ?? 0;
  return (
    <div className="space-y-4">
      <FormMessage error={preview.error ?? commit.fieldErrors.csv ?? commit.error ?? result?.fileError ?? null} />
      <Field id="csv" label="CSV file" hint="Columns: tag, kind, make, model, serial number, encrypted (yes/no), personal data (yes/no), notes" error={preview.fieldErrors.csv}>
        <input id="csv" type="file" accept=".csv,text/csv" onChange={onFile} className={inputClass} aria-describedby="csv-hint" />
      </Field>
      {result && result.rows.length > 0 && (
        <>
          <p role="status" className="font-semibold">
            {bad === 0 ? `${result.rows.length} rows are ready to import.` : `${bad} of ${result.rows.length} rows need correcting. Nothing will be imported until every row is right.`}
          </p>
          <DataTable<ImportRow>
            caption="Preview of the file"
            rows={result.rows}
            rowKey={(r) => String(r.line)}
            rowClassName={(r) => (r.errors.length ? "bg-red-50" : undefined)}
            columns={[
              { key: "line", header: "Line", cell: (r) => r.line },
              { key: "tag", header: "Tag", cell: (r) => r.tag, rowHeader: true },
              { key: "kind", header: "Kind", cell: (r) => (r.kind ? ASSET_KINDS[r.kind].label : "") },
              { key: "mm", header: "Make and model", cell: (r) => `${r.make} ${r.model}` },
              { key: "enc", header: "Encrypted", cell: (r) => (r.encrypted ? "Yes" : "No") },
              { key: "ok", header: "Check", cell: (r) => (r.errors.length ? <span className="text-red-800">{r.errors.join(" ")}</span> : <StatusBadge tone="success">OK</StatusBadge>) },
            ]}
          />
          <Button type="button" onClick={onImport} disabled={!result.valid || commit.pending}>
            {commit.pending ? "Importing…" : `Import ${result.rows.length} assets`}
          </Button>
        </>
      )}
    </div>
  );
}
