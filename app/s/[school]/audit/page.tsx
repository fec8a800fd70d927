import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/authz/require";
import { searchAuditEvents } from "@/lib/audit/queries";
import { auditReaderFor } from "@/lib/audit/reader";
import { parseAuditQuery, auditQueryString, AUDIT_PAGE_SIZE } from "@/lib/audit/schemas";
import { ACTION_OPTIONS, describeAction } from "@/lib/audit/describe";
import { schoolChainStatus, chainStatusMessage } from "@/lib/audit/status";
import { formatDateTime } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { FormMessage } from "@/components/ui/form-message";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Audit log" };

type Search = Record<string, string | string[] | undefined>;

const PERSON_HINT = "Part of a name or email: what they did, or what was done to them";

export default async function AuditPage({ params, searchParams }: { params: Promise<{ school: string }>; searchParams: Promise<Search> }) {
  const { school } = await params;
  const sp = await searchParams;
  const ctx = await requireMember(school, "audit:read");
  const { filters, cursor, errors } = parseAuditQuery(sp);
  const [page, status] = await Promise.all([
    auditReaderFor(ctx).then((reader) => searchAuditEvents(ctx.school, filters, cursor, AUDIT_PAGE_SIZE, reader)),
    schoolChainStatus(ctx.school.id, sp.check === "full"),
  ]);
  const base = `/s/${ctx.school.slug}/audit`;
  const message = chainStatusMessage(status, formatDateTime);
  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <PageHeader title="Audit log">
        Everything recorded in {ctx.school.name}, newest first, {AUDIT_PAGE_SIZE} at a time. Times are UK time.
      </PageHeader>
      <FormMessage {...message} />
      <form method="get" action={base} className="mb-6">
        <input type="hidden" name="check" value="full" />
        <Button type="submit" variant="secondary">
          Check the whole record
        </Button>
      </form>

      <form method="get" action={base} className="mb-6 rounded border border-slate-300 bg-white p-4" aria-labelledby="audit-filter-heading">
        <h2 id="audit-filter-heading" className="mb-3 text-lg font-semibold">
          Find events
        </h2>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <Field id="action" label="What happened" error={errors.action}>
            <select id="action" name="action" defaultValue={filters.action ?? ""} className={inputClass} {...describedBy("action", { error: errors.action })}>
              <option value="">Any action</option>
              {ACTION_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </Field>
          <Field id="person" label="Person" hint={PERSON_HINT} error={errors.person}>
            <input
              id="person"
              name="person"
              type="search"
              defaultValue={filters.person ?? (typeof sp.person === "string" ? sp.person : "")}
              maxLength={120}
              className={inputClass}
              {...describedBy("person", { hint: PERSON_HINT, error: errors.person })}
            />
          </Field>
          <Field id="from" label="From (date)" error={errors.from}>
            <input id="from" name="from" type="date" defaultValue={filters.from ?? ""} className={inputClass} {...describedBy("from", { error: errors.from })} />
          </Field>
          <Field id="to" label="To (date, inclusive)" error={errors.to}>
            <input id="to" name="to" type="date" defaultValue={filters.to ?? ""} className={inputClass} {...describedBy("to", { error: errors.to })} />
          </Field>
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <Button type="submit">Show events</Button>
          {filtered && (
            <Link href={base} className="inline-flex min-h-11 items-center underline underline-offset-2">
              Clear filters
            </Link>
          )}
          <a href={`${base}/export.csv${auditQueryString(filters)}`} className="inline-flex min-h-11 items-center underline underline-offset-2">
            Download {filtered ? "these events" : "the whole log"} as CSV
          </a>
        </div>
      </form>

      {page.tooManyPeople && <FormMessage error="Many people match that search: only the first 200 are included. Type more of the name or email." />}
      {page.events.length === 0 ? (
        <p className="rounded border border-slate-300 bg-white p-4">{filtered ? "No events match these filters." : "No events recorded yet."}</p>
      ) : (
        <DataTable
          caption="Audit events"
          captionHidden
          rows={page.events}
          rowKey={(e) => String(e.id)}
          empty="Nothing has been recorded yet."
          columns={[
            { key: "seq", header: "#", cell: (e) => e.seq },
            { key: "at", header: "When", className: "whitespace-nowrap", cell: (e) => formatDateTime(e.at) },
            { key: "who", header: "Who", cell: (e) => (e.actorId ? (page.names.get(e.actorId) ?? "Unknown person") : "System") },
            { key: "what", header: "What", cell: (e) => describeAction(e.action) },
            { key: "record", header: "Record", cell: (e) => e.entityType ?? "" },
          ]}
        />
      )}
      {(page.newer || page.older) && (
        <nav aria-label="Pages of the audit log" className="mt-4 flex flex-wrap gap-6">
          {page.newer && (
            <Link href={`${base}${auditQueryString(filters, { after: page.newer })}`} className="inline-flex min-h-11 items-center underline underline-offset-2">
              ← Newer events
            </Link>
          )}
          {page.older && (
            <Link href={`${base}${auditQueryString(filters, { before: page.older })}`} className="inline-flex min-h-11 items-center underline underline-offset-2">
              Older events →
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
