import { describe, it, expect, beforeEach } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "../support/owner-db";
import { trustTenantAction, removeTrustedTenantAction, unlinkSsoAction } from "@/lib/sso/actions";
import { makeOrganisation, makeSchool, makeMember, makeOrgRole } from "../support/fixtures";
import { signInAs, signOut } from "../support/session";

// The trusted-tenant list (trust administrator only) and unlinking (one's own link only): refused for
// another organisation, a role without the permission and no session, with nothing changed.

let a: { org: { id: string }; school: { id: string; slug: string }; admin: { id: string }; head: { id: string } };
let b: typeof a;
async function world() {
  const org = await makeOrganisation("TRUST");
  const school = await makeSchool(org.id);
  return { org, school, admin: await makeOrgRole(org.id, "TRUST_ADMIN"), head: (await makeMember(school.id, { roles: ["HEADTEACHER"] })).person };
}
const state = async () => ({
  tenants: await db.ssoTrustedTenant.findMany({ where: { organisationId: { in: [a.org.id, b.org.id] } }, orderBy: { id: "asc" } }),
  links: await db.ssoLink.findMany({ where: { personId: { in: [a.head.id, b.head.id] } }, orderBy: { id: "asc" } }),
  audit: await db.auditEvent.count({ where: { organisationId: { in: [a.org.id, b.org.id] } } }),
});
const guid = () => randomUUID();

beforeEach(async () => {
  [a, b] = [await world(), await world()];
});

describe("the trusted-tenant list", () => {
  it("the trust administrator adds and removes a tenant of their own organisation, each audited", async () => {
    signInAs(a.admin);
    const tenant = guid().toUpperCase();
    const added = await trustTenantAction(a.school.slug, { kind: "ENTRA", tenant: ` ${tenant} ` });
    expect(added).toMatchObject({ ok: true });
    const row = await db.ssoTrustedTenant.findFirstOrThrow({ where: { organisationId: a.org.id } });
    expect(row).toMatchObject({ kind: "ENTRA", tenant: tenant.toLowerCase() });
    expect(await trustTenantAction(a.school.slug, { kind: "GOOGLE", tenant: "Heathfield.org.uk" })).toMatchObject({ ok: true });
    expect(await trustTenantAction(a.school.slug, { kind: "ENTRA", tenant })).toMatchObject({ ok: false, code: "CONFLICT", fieldErrors: { tenant: expect.stringMatching(/already/) } });

    expect(await removeTrustedTenantAction(a.school.slug, { tenantId: row.id })).toMatchObject({ ok: true });
    expect(await db.ssoTrustedTenant.findMany({ where: { organisationId: a.org.id }, select: { tenant: true } })).toEqual([{ tenant: "heathfield.org.uk" }]);
    const events = await db.auditEvent.findMany({ where: { organisationId: a.org.id, action: { startsWith: "organisation.sso" } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.action, (e.data as { tenant: string }).tenant, e.actorId])).toEqual([
      ["organisation.sso_tenant_trusted", tenant.toLowerCase(), a.admin.id],
      ["organisation.sso_tenant_trusted", "heathfield.org.uk", a.admin.id],
      ["organisation.sso_tenant_removed", tenant.toLowerCase(), a.admin.id],
    ]);
  });

  it.each([
    [{ kind: "ENTRA", tenant: "not-a-guid" }, "tenant", /Entra tenant id looks like/],
    [{ kind: "ENTRA", tenant: "9188040d-6c67-4c5b-b112-36a304b66dad" }, "tenant", /personal accounts/],
    [{ kind: "GOOGLE", tenant: "gmail.com" }, "tenant", /Personal Gmail/],
    [{ kind: "GOOGLE", tenant: "no spaces.org" }, "tenant", /Workspace domain/],
    [{ kind: "GOOGLE", tenant: "" }, "tenant", /Enter the tenant/],
    [{ kind: "OKTA", tenant: "example.org" }, "kind", /Choose/],
    [{ kind: "ENTRA", tenant: guid(), organisationId: "x" }, "_form", /./],
  ])("bad input %j → a message next to %s, nothing written", async (input, field, message) => {
    signInAs(a.admin);
    const before = await state();
    const res = await trustTenantAction(a.school.slug, input);
    expect(res).toMatchObject({ ok: false, code: "INVALID" });
    expect((res as { fieldErrors: Record<string, string> }).fieldErrors[field]).toMatch(message);
    expect(await state()).toEqual(before);
  });

  const refusals: { who: string; person: () => { id: string } | null; code: string }[] = [
    { who: "a Headteacher (no organisation role)", person: () => a.head, code: "FORBIDDEN" },
    { who: "another trust's administrator, in this school", person: () => b.admin, code: "NOT_FOUND" },
    { who: "nobody signed in", person: () => null, code: "UNAUTHENTICATED" },
  ];
  const actAs = (person: () => { id: string } | null) => {
    const p = person();
    if (p) signInAs(p);
    else signOut();
  };
  it.each(refusals)("$who is refused adding one ($code), and nothing changes", async ({ person, code }) => {
    actAs(person);
    const before = await state();
    expect(await trustTenantAction(a.school.slug, { kind: "ENTRA", tenant: guid() })).toMatchObject({ ok: false, code });
    expect(await state()).toEqual(before);
  });

  it.each(refusals)("$who is refused removing one ($code), and nothing changes", async ({ person, code }) => {
    const row = await db.ssoTrustedTenant.create({ data: { organisationId: a.org.id, kind: "ENTRA", tenant: guid() } });
    actAs(person);
    const before = await state();
    expect(await removeTrustedTenantAction(a.school.slug, { tenantId: row.id })).toMatchObject({ ok: false, code });
    expect(await state()).toEqual(before);
  });

  it("another trust's administrator, in their own school, cannot remove this trust's tenant (not found)", async () => {
    const row = await db.ssoTrustedTenant.create({ data: { organisationId: a.org.id, kind: "ENTRA", tenant: guid() } });
    signInAs(b.admin);
    const before = await state();
    expect(await removeTrustedTenantAction(b.school.slug, { tenantId: row.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await state()).toEqual(before);
  });
});

describe("unlinking", () => {
  const link = (personId: string) => db.ssoLink.create({ data: { personId, provider: "azure-ad", tenant: guid(), subject: `sub-${guid()}`, via: "account" } });

  it("removes the person's own link, audited", async () => {
    await link(a.head.id);
    signInAs(a.head);
    expect(await unlinkSsoAction({ provider: "azure-ad" })).toMatchObject({ ok: true });
    expect(await db.ssoLink.count({ where: { personId: a.head.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "auth.sso_unlinked", actorId: a.head.id } })).toBe(1);
  });

  it("touches nobody else's link, and needs a session", async () => {
    await link(a.head.id);
    signInAs(b.head);
    const before = await state();
    expect(await unlinkSsoAction({ provider: "azure-ad" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await unlinkSsoAction({ provider: "azure-ad", personId: a.head.id })).toMatchObject({ ok: false, code: "INVALID" });
    signOut();
    expect(await unlinkSsoAction({ provider: "azure-ad" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await state()).toEqual(before);
  });
});
