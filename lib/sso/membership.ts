import "server-only";
import { db, type Tx } from "@/lib/db";
import { asPerson } from "@/lib/db/scope";
import { londonToday } from "@/lib/dates";
import type { SsoTenantKind } from "@/generated/prisma/enums";

type Client = Tx | typeof db;

/** The organisations that list this tenant as trusted. */
export async function organisationsTrusting(client: Client, kind: SsoTenantKind, tenant: string): Promise<string[]> {
  const rows = await client.ssoTrustedTenant.findMany({ where: { kind, tenant }, select: { organisationId: true } });
  return rows.map((r) => r.organisationId);
}

/**
 * The organisations a person belongs to: a current or future membership of one of its schools, or an
 * organisation role (as lib/auth/password-policy.ts counts them). A tenant trusted by some other
 * organisation says nothing about this person.
 */
export async function organisationsOf(client: Client, personId: string): Promise<string[]> {
  const today = londonToday();
  // Their memberships in every school, whatever the scope of the work asking (decisions/0025).
  const rows = await asPerson(client, personId, (c) => c.organisation.findMany({
    where: {
      OR: [
        { schools: { some: { memberships: { some: { personId, OR: [{ endDate: null }, { endDate: { gte: today } }] } } } } },
        { roles: { some: { personId } } },
      ],
    },
    select: { id: true },
  }));
  return rows.map((r) => r.id);
}

/** Whether an organisation this person belongs to trusts the tenant. */
export async function tenantTrustedFor(client: Client, personId: string, kind: SsoTenantKind, tenant: string): Promise<boolean> {
  const [trusting, theirs] = await Promise.all([organisationsTrusting(client, kind, tenant), organisationsOf(client, personId)]);
  return trusting.some((o) => theirs.includes(o));
}
