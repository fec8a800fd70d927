import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/authz/require";
import { can } from "@/lib/authz/access";
import { myDeclarations } from "@/lib/declarations/queries";
import { obligationsForPerson } from "@/lib/declarations/obligations";
import { signingPath } from "@/lib/declarations/paths";
import { formatDate, formatDateTime } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { PdfLinks } from "@/components/declarations/pdf-links";

export const metadata: Metadata = { title: "My declarations" };

export default async function MyDeclarationsPage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "declaration:sign");
  const [rows, obligations] = await Promise.all([myDeclarations(ctx), obligationsForPerson(ctx)]);
  const toSign = obligations.filter((o) => o.state !== "signed");
  return (
    <>
      <PageHeader title="My declarations">Every policy version you have signed at {ctx.school.name}. Keep a PDF copy for your records.</PageHeader>
      {toSign.length > 0 && (
        <section aria-labelledby="to-sign" className="mb-8">
          <h2 id="to-sign" className="mb-2 text-xl font-bold">
            Waiting for your signature
          </h2>
          <ul className="space-y-2">
            {toSign.map((o) => (
              <li key={o.versionId} className="rounded border border-slate-300 bg-white p-3">
                <Link href={signingPath(ctx.school.slug, o.policyId)} className="font-semibold text-emerald-900 underline underline-offset-2">
                  {o.title} (version {o.versionNumber})
                </Link>
                <span className={o.state === "overdue" ? "ml-2 font-semibold text-red-800" : "ml-2"}>
                  {o.state === "overdue" ? "overdue since" : "due by"} {formatDate(o.dueOn)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="signed">
        <h2 id="signed" className="mb-2 text-xl font-bold">
          Signed
        </h2>
        {rows.length === 0 ? (
          <p>You have not signed any declarations here yet.</p>
        ) : (
          <ul className="divide-y divide-slate-300 rounded border border-slate-300 bg-white">
            {rows.map((r) => (
              <li key={r.declarationId} className="p-4">
                <p className="font-semibold">
                  {r.title}, version {r.versionNumber}
                  {!r.current && <span className="ml-2 rounded bg-slate-200 px-2 text-sm font-normal">replaced by a newer version</span>}
                </p>
                <p>Signed {formatDateTime(r.signedAt)} as “{r.typedName}”</p>
                <PdfLinks schoolSlug={ctx.school.slug} declarationId={r.declarationId} personnelCopy={can(ctx, "declaration:read-any")} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
