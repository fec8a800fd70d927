import { describe, it, expect } from "vitest";
import { db } from "../support/owner-db";
import { createFirstOrganisation } from "@/lib/organisations/service";
import { asOperatorScript } from "../support/operator-script";
import { firstOrganisationSchema, slugFrom } from "@/lib/organisations/schemas";
import { resolveAccess } from "@/lib/authz/access";
import { verifyPassword } from "@/lib/auth/password";
import { verifyAuditLog } from "@/lib/audit/verify";
import { DomainError } from "@/lib/authz/errors";

// npm run setup:organisation and audit:verify are operator scripts, run as the owner by design (decision 0025);
// signing in afterwards (resolveAccess) is the app, as ict_web.
const setUp = (i: Parameters<typeof createFirstOrganisation>[0]) => asOperatorScript(() => createFirstOrganisation(i));

const unique = () => Math.random().toString(36).slice(2, 8);
const input = (over: Record<string, string> = {}) => {
  const u = unique();
  return firstOrganisationSchema.parse({
    organisationName: `Heathfield Learning Trust ${u}`,
    kind: "TRUST",
    schoolName: `Heathfield Primary ${u}`,
    schoolSlug: `heathfield-${u}`,
    schoolUrn: "",
    adminName: "Ada Lovelace",
    adminEmail: `ada.${u}@heathfield.example.org`,
    adminPassword: "a long enough password",
    ...over,
  });
};
const counts = async () => ({
  organisations: await db.organisation.count(),
  schools: await db.school.count(),
  people: await db.person.count(),
  orgRoles: await db.organisationRole.count(),
  audit: await db.auditEvent.count(),
});

describe("npm run setup:organisation (createFirstOrganisation)", () => {
  it("creates the organisation, its first school and an administrator who can manage it, each audited", async () => {
    const i = input();
    const out = await setUp(i);
    const admin = await db.person.findUniqueOrThrow({ where: { id: out.adminId }, omit: { passwordHash: false } });
    expect(admin).toMatchObject({ name: "Ada Lovelace", email: i.adminEmail, status: "ACTIVE" });
    expect(await verifyPassword(admin.passwordHash, "a long enough password")).toBe(true);

    const ctx = await resolveAccess({ id: admin.id, name: admin.name, email: admin.email, authMethod: "password" }, i.schoolSlug);
    expect(ctx?.school.id).toBe(out.schoolId);
    expect(ctx!.orgRoles).toEqual(["TRUST_ADMIN"]);
    expect(ctx!.permissions.has("people:manage")).toBe(true);

    const events = await db.auditEvent.findMany({ where: { organisationId: out.organisationId }, orderBy: { at: "asc" } });
    expect(events.map((e) => [e.action, e.chain])).toEqual([
      ["organisation.created", `org:${out.organisationId}`],
      ["school.created", out.schoolId],
      ["organisation_role.granted", `org:${out.organisationId}`],
    ]);
    expect(events[2].data).toMatchObject({ personId: admin.id, role: "TRUST_ADMIN", password: true, by: "setup:organisation" });
    expect((await asOperatorScript(() => verifyAuditLog())).broken).toBeNull();
  });

  it("without a password the administrator has none (sign-in by emailed link)", async () => {
    const out = await setUp(input({ adminPassword: "" }));
    const admin = await db.person.findUniqueOrThrow({ where: { id: out.adminId }, omit: { passwordHash: false } });
    expect(admin.passwordHash).toBeNull();
  });

  it.each([
    ["schoolSlug", (first: ReturnType<typeof input>) => input({ schoolSlug: first.schoolSlug })],
    ["adminEmail", (first: ReturnType<typeof input>) => input({ adminEmail: first.adminEmail })],
  ] as const)("refuses a taken %s and creates nothing", async (field, clash) => {
    const first = input();
    await setUp(first);
    const before = await counts();
    const err = await setUp(clash(first)).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.field).toBe(field);
    expect(await counts()).toEqual(before);
  });

  it.each([
    [{ schoolSlug: "Not A Slug!" }, "schoolSlug"],
    [{ kind: "ACADEMY" }, "kind"],
    [{ adminEmail: "nobody" }, "adminEmail"],
    [{ adminPassword: "short" }, "adminPassword"],
    [{ schoolUrn: "12" }, "schoolUrn"],
  ])("says what is wrong with %j", (over, field) => {
    const r = firstOrganisationSchema.safeParse({ ...input(), schoolUrn: "", adminPassword: "", ...over });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual([field]);
  });

  it("suggests a short name from the school's name", () => {
    expect(slugFrom("St Mary's C of E Primary School")).toBe("st-mary-s-c-of-e-primary-school");
  });
});
