import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { notFound, redirect } from "next/navigation";
import { requireMember, inductionGateFor } from "@/lib/authz/require";
import { can } from "@/lib/authz/access";
import { getSigningView } from "@/lib/declarations/queries";
import { signingPath, myDeclarationsPath } from "@/lib/declarations/paths";
import { formatDate, formatDateTime } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { VersionMeta } from "@/components/policies/version-meta";
import { PolicyText } from "@/components/policies/policy-text";
import { SignForm } from "@/components/declarations/sign-form";
import { PdfLinks } from "@/components/declarations/pdf-links";

export const metadata: Metadata = { title: "Read and sign" };

export default async function SignPage({ params }: { params: Promise<{ school: string; policyId: string }> }) {
  const { school, policyId } = await params;
  const ctx = await requireMember(school, undefined, { duringInduction: true });
  const view = await getSigningView(ctx, policyId);
  if (!view) notFound();
  const { version, obligation } = view;
  const signed = obligation?.declaration ?? null;
  const gate = await inductionGateFor(ctx);
  // While held at induction, only the policy being waited on can be opened (and one just signed,
  // which then points on to the next).
  if (gate && gate.policyId !== view.policy.id && !signed) redirect(signingPath(ctx.school.slug, gate.policyId));
  return (
    <>
      {gate && gate.policyId === view.policy.id ? (
        <div role="status" className="mb-6 rounded border-l-4 border-amber-600 bg-amber-50 p-4">
          <p className="font-semibold">Before you can use anything else here, please read and sign this policy.</p>
          <p>New staff sign it at induction, before they are given access.</p>
        </div>
      ) : gate ? (
        <div role="status" className="mb-6 rounded border-l-4 border-amber-600 bg-amber-50 p-4">
          <p className="font-semibold">Thank you. There is one more policy to sign before you can use anything else here.</p>
          <Link href={signingPath(ctx.school.slug, gate.policyId)} className="font-semibold underline underline-offset-2">
            Read and sign {gate.title}
          </Link>
        </div>
      ) : (
        <BackLink href={`/s/${ctx.school.slug}/policies`}>Back to policies</BackLink>
      )}
      <PageHeader title={version.title}>
        <VersionMeta number={version.number} approvedBy={version.approvedBy} approvedOn={version.approvedOn} reviewDue={version.reviewDue} publishedAt={version.publishedAt} />
        {obligation && !signed && (
          <p className={obligation.state === "overdue" ? "font-semibold text-red-800" : ""}>
            {obligation.state === "overdue" ? "Overdue: it was due" : "Please sign by"} {formatDate(obligation.dueOn)}.
          </p>
        )}
      </PageHeader>

      {obligation?.previouslySigned && version.changeSummary && !signed && (
        <section aria-labelledby="changed" className="mb-6 rounded border-l-4 border-sky-700 bg-sky-50 p-4">
          <h2 id="changed" className="text-lg font-bold">
            What changed since you signed version {obligation.previouslySigned.number}
          </h2>
          <p className="whitespace-pre-line">{version.changeSummary}</p>
        </section>
      )}

      {signed && (
        <section aria-labelledby="done" role="status" className="mb-6 rounded border-l-4 border-emerald-700 bg-emerald-50 p-4">
          <h2 id="done" className="text-lg font-bold">
            You signed version {version.number} on {formatDateTime(signed.signedAt)}
          </h2>
          <PdfLinks schoolSlug={ctx.school.slug} declarationId={signed.id} personnelCopy={can(ctx, "declaration:read-any")} />
          <p className="mt-2">
            <Link href={myDeclarationsPath(ctx.school.slug)} className="underline underline-offset-2">
              All your declarations
            </Link>
          </p>
        </section>
      )}

      <PolicyText sections={version.sections} statements={version.statements} />

      {!obligation && <p className="mb-6 rounded bg-slate-100 p-4">Your staff group is not asked to sign this policy. You can still read it.</p>}
      {obligation && !signed && (
        <SignForm
          schoolSlug={ctx.school.slug}
          versionId={version.id}
          declarationWording={version.declarationWording}
          signingPath={signingPath(ctx.school.slug, view.policy.id)}
        />
      )}
      <p className="mt-6 break-all text-sm text-slate-600">Content fingerprint (SHA-256): {version.contentHash}</p>
    </>
  );
}
