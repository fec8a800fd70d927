import "server-only";
import { db } from "@/lib/db";
import type { SchoolContext } from "@/lib/authz/access";

export async function trustedTenantsOf(ctx: SchoolContext) {
  const [organisation, tenants] = await Promise.all([
    db.organisation.findUniqueOrThrow({ where: { id: ctx.school.organisationId }, select: { name: true } }),
    db.ssoTrustedTenant.findMany({
      where: { organisationId: ctx.school.organisationId },
      orderBy: [{ kind: "asc" }, { tenant: "asc" }],
      select: { id: true, kind: true, tenant: true, createdAt: true },
    }),
  ]);
  return { organisationName: organisation.name, tenants };
}

export function ssoLinksOf(personId: string) {
  return db.ssoLink.findMany({
    where: { personId },
    orderBy: { createdAt: "asc" },
    select: { provider: true, tenant: true, emailAtLink: true, via: true, createdAt: true, lastUsedAt: true },
  });
}
