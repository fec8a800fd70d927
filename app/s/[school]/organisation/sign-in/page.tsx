import type { Metadata } from "next";
import { requireMember } from "@/lib/authz/require";
import { trustedTenantsOf } from "@/lib/sso/queries";
import { TENANT_KIND_LABELS } from "@/lib/sso/providers";
import { formatDate } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { TrustTenantForm, RemoveTenantButton } from "@/components/sso/trusted-tenant-forms";

export const metadata: Metadata = { title: "Single sign-on" };

export default async function SingleSignOnSettingsPage({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school, "organisation:sso");
  const { organisationName, tenants } = await trustedTenantsOf(ctx);
  return (
    <>
      <PageHeader title="Single sign-on">
        Which Microsoft and Google accounts may sign in to {organisationName}&apos;s schools. An account from anywhere
        else is refused, whatever email address it shows.
      </PageHeader>
      <div className="space-y-8">
        <section aria-labelledby="trusted">
          <h2 id="trusted" className="mb-2 text-xl font-bold">
            Trusted tenants and domains
          </h2>
          <p className="mb-3">
            The first time someone signs in from one of these, their account is linked to the person here with the same
            address, if the provider has verified it. After that they are recognised by that account alone: a change of
            address at Microsoft or Google does not move it to someone else.
          </p>
          {tenants.length === 0 ? (
            <p className="rounded border border-slate-300 bg-white p-4">None yet: nobody can sign in with Microsoft or Google.</p>
          ) : (
            // A list rather than a table: a tenant id and its button fit a phone's width this way.
            <ul className="space-y-3">
              {tenants.map((t) => (
                <li key={t.id} className="rounded border border-slate-300 bg-white p-3">
                  <p className="break-all font-mono font-semibold">{t.tenant}</p>
                  <p className="mb-2 text-slate-700">
                    {TENANT_KIND_LABELS[t.kind]}, added on {formatDate(t.createdAt)}
                  </p>
                  <RemoveTenantButton schoolSlug={ctx.school.slug} tenantId={t.id} tenant={t.tenant} />
                </li>
              ))}
            </ul>
          )}
        </section>
        <TrustTenantForm schoolSlug={ctx.school.slug} />
      </div>
    </>
  );
}
