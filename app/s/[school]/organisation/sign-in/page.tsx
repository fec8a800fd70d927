import type { Metadata } from "next";
import { requireMember } from "@/lib/authz/require";
import { trustedTenantsOf } from "@/lib/sso/queries";
import { TENANT_KIND_LABELS } from "@/lib/sso/providers";
import { formatDate } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";
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
          <DataTable
            caption="Trusted tenants and domains"
            captionHidden
            size="base"
            rows={tenants}
            rowKey={(t) => t.id}
            empty="None yet: nobody can sign in with Microsoft or Google."
            columns={[
              { key: "tenant", header: "Tenant or domain", rowHeader: true, className: "break-all font-mono", cell: (t) => t.tenant },
              { key: "kind", header: "Kind", cell: (t) => TENANT_KIND_LABELS[t.kind] },
              { key: "added", header: "Added", className: "whitespace-nowrap", cell: (t) => formatDate(t.createdAt) },
              { key: "remove", header: <span className="sr-only">Remove</span>, cell: (t) => <RemoveTenantButton schoolSlug={ctx.school.slug} tenantId={t.id} tenant={t.tenant} /> },
            ]}
          />
        </section>
        <TrustTenantForm schoolSlug={ctx.school.slug} />
      </div>
    </>
  );
}
