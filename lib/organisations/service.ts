import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import { record } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { DomainError } from "@/lib/authz/errors";
import type { firstOrganisationSchema } from "./schemas";

type Input = z.output<typeof firstOrganisationSchema>;
const BY = "setup:organisation";

/**
 * Creates an organisation, its first school and its first administrator (the organisation role
 * TRUST_ADMIN: they act in every school of the organisation and add everyone else in the app), each with
 * its audit event, in one transaction. Used by `npm run setup:organisation`; there is no actor yet.
 */
export async function createFirstOrganisation(input: Input) {
  const passwordHash = input.adminPassword ? await hashPassword(input.adminPassword) : null;
  return db.$transaction(async (tx) => {
    if (await tx.school.findUnique({ where: { slug: input.schoolSlug }, select: { id: true } }))
      throw new DomainError("Another school already uses this short name.", "schoolSlug", "CONFLICT");
    if (input.schoolUrn && (await tx.school.findUnique({ where: { urn: input.schoolUrn }, select: { id: true } })))
      throw new DomainError("Another school already has this URN.", "schoolUrn", "CONFLICT");
    if (await tx.person.findUnique({ where: { email: input.adminEmail }, select: { id: true } }))
      throw new DomainError("Someone with this email address is already on record: use another address.", "adminEmail", "CONFLICT");

    const organisation = await tx.organisation.create({ data: { name: input.organisationName, kind: input.kind } });
    await record(tx, {
      organisationId: organisation.id,
      action: "organisation.created",
      entityType: "Organisation",
      entityId: organisation.id,
      data: { name: organisation.name, kind: organisation.kind, by: BY },
    });
    const school = await tx.school.create({
      data: { organisationId: organisation.id, name: input.schoolName, slug: input.schoolSlug, urn: input.schoolUrn ?? null },
    });
    await record(tx, {
      schoolId: school.id,
      organisationId: organisation.id,
      action: "school.created",
      entityType: "School",
      entityId: school.id,
      data: { name: school.name, slug: school.slug, urn: school.urn, by: BY },
    });
    const admin = await tx.person.create({ data: { name: input.adminName, email: input.adminEmail, passwordHash }, select: { id: true, name: true, email: true } });
    const role = await tx.organisationRole.create({ data: { organisationId: organisation.id, personId: admin.id, role: "TRUST_ADMIN" } });
    await record(tx, {
      organisationId: organisation.id,
      action: "organisation_role.granted",
      entityType: "OrganisationRole",
      entityId: role.id,
      data: { personId: admin.id, name: admin.name, email: admin.email, role: role.role, password: passwordHash !== null, by: BY },
    });
    return { organisationId: organisation.id, schoolId: school.id, schoolSlug: school.slug, adminId: admin.id };
  });
}
