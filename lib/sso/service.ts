import "server-only";
import type { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { record } from "@/lib/audit/record";
import type { SchoolContext } from "@/lib/authz/access";
import { DomainError, notFoundError } from "@/lib/authz/errors";
import type { SessionPerson } from "@/lib/authz/access";
import type { trustTenantSchema, removeTenantSchema } from "./schemas";

const isUniqueViolation = (e: unknown) => typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";

type TenantRow = { id: string; kind: string; tenant: string };
/** On the organisation's chain: the list belongs to the organisation, whichever school it was edited from. */
const recordTenant = (tx: Tx, ctx: SchoolContext, action: string, row: TenantRow) =>
  record(tx, {
    organisationId: ctx.school.organisationId,
    actorId: ctx.person.id,
    action,
    entityType: "SsoTrustedTenant",
    entityId: row.id,
    data: { kind: row.kind, tenant: row.tenant, from: ctx.school.slug },
  });

/** The organisation of the school the administrator acts from: its list, never another's. */
export async function trustTenant(ctx: SchoolContext, input: z.output<typeof trustTenantSchema>) {
  const organisationId = ctx.school.organisationId;
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.ssoTrustedTenant.create({ data: { organisationId, kind: input.kind, tenant: input.tenant } });
      await recordTenant(tx, ctx, "organisation.sso_tenant_trusted", row);
      return { id: row.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError("Your organisation already trusts this one.", "tenant", "CONFLICT");
    throw e;
  }
}

/** Its links stay, unused, until the tenant is trusted again (lib/sso/sign-in.ts checks trust each time). */
export async function removeTrustedTenant(ctx: SchoolContext, input: z.output<typeof removeTenantSchema>) {
  const organisationId = ctx.school.organisationId;
  return db.$transaction(async (tx) => {
    const row = await tx.ssoTrustedTenant.findFirst({ where: { id: input.tenantId, organisationId } });
    if (!row) throw notFoundError("That tenant");
    await tx.ssoTrustedTenant.delete({ where: { id: row.id } });
    await recordTenant(tx, ctx, "organisation.sso_tenant_removed", row);
    return { id: row.id };
  });
}

/** The person's own link to a provider, removed (they can link again, or another account, afterwards). */
export async function unlinkSso(person: SessionPerson, provider: string) {
  return db.$transaction(async (tx) => {
    const link = await tx.ssoLink.findUnique({ where: { personId_provider: { personId: person.id, provider } } });
    if (!link) throw notFoundError("That linked account");
    await tx.ssoLink.delete({ where: { id: link.id } });
    await record(tx, {
      actorId: person.id,
      action: "auth.sso_unlinked",
      entityType: "SsoLink",
      entityId: link.id,
      data: { provider: link.provider, tenant: link.tenant, subject: link.subject, personId: person.id },
    });
    return { provider };
  });
}
