// Writes the demo organisations, schools, people, memberships and organisation roles (prisma/seed/people.ts)
// in one transaction, each with the audit event the app writes for it (lib/people/service.ts,
// lib/organisations/service.ts), marked `by: "demo seed"`, so the chains tell the demo's history.
import type { PrismaClient } from "../../generated/prisma/client";
import { hashPassword } from "../../lib/auth/password";
import { record } from "../../lib/audit/record";
import { londonToday } from "../../lib/dates";
import { DEMO_PASSWORD, ORGANISATIONS, emailFor } from "./people";

const BY = "demo seed";
const date = (ymd: string) => new Date(`${ymd}T00:00:00.000Z`);

/** The end of the summer term most recently past: when the demo leavers left. */
function lastSummerTermEnd(today = londonToday()): Date {
  const year = today.getUTCFullYear();
  const thisYear = date(`${year}-07-21`);
  return today.getTime() - thisYear.getTime() >= 14 * 86_400_000 ? thisYear : date(`${year - 1}-07-21`);
}

export type SeedSummary = { organisations: number; schools: number; people: number; memberships: number; orgRoles: number };

export async function seedDemo(db: PrismaClient): Promise<SeedSummary> {
  // One record per person (the same person may appear in several schools of an organisation).
  type P = { name: string; email: string; left: boolean; hash?: string };
  const people = new Map<string, P>();
  const note = (name: string, domain: string, left = false) => {
    const email = emailFor(name, domain);
    const seen = people.get(email);
    if (seen && seen.name !== name) throw new Error(`Two demo people share ${email}`);
    people.set(email, { name, email, left: (seen?.left ?? true) && left });
  };
  for (const org of ORGANISATIONS) {
    for (const r of org.orgRoles) note(r.name, org.domain);
    for (const s of org.schools) for (const m of s.members) note(m.name, org.domain, !!m.leaver);
  }
  // Each person gets their own salt; argon2 runs off the main thread, two at a time.
  const all = [...people.values()];
  for (let i = 0; i < all.length; i += 2) {
    await Promise.all(all.slice(i, i + 2).map(async (p) => (p.hash = await hashPassword(DEMO_PASSWORD))));
  }

  const leftOn = lastSummerTermEnd();
  const summary: SeedSummary = { organisations: 0, schools: 0, people: 0, memberships: 0, orgRoles: 0 };
  await db.$transaction(
    async (tx) => {
      const ids = new Map<string, string>();
      for (const p of all) {
        const row = await tx.person.create({
          data: { name: p.name, email: p.email, passwordHash: p.hash!, status: p.left ? "LEFT" : "ACTIVE" },
          select: { id: true },
        });
        ids.set(p.email, row.id);
        summary.people++;
      }
      for (const org of ORGANISATIONS) {
        const o = await tx.organisation.create({ data: { name: org.name, kind: org.kind }, select: { id: true } });
        summary.organisations++;
        await record(tx, {
          organisationId: o.id,
          action: "organisation.created",
          entityType: "Organisation",
          entityId: o.id,
          data: { name: org.name, kind: org.kind, by: BY },
        });
        for (const r of org.orgRoles) {
          const email = emailFor(r.name, org.domain);
          const personId = ids.get(email)!;
          const role = await tx.organisationRole.create({ data: { organisationId: o.id, personId, role: r.role } });
          await record(tx, {
            organisationId: o.id,
            action: "organisation_role.granted",
            entityType: "OrganisationRole",
            entityId: role.id,
            data: { personId, name: r.name, email, role: r.role, by: BY },
          });
          summary.orgRoles++;
        }
        for (const s of org.schools) {
          const school = await tx.school.create({
            data: { name: s.name, slug: s.slug, urn: s.urn, organisationId: o.id },
            select: { id: true },
          });
          summary.schools++;
          const base = { schoolId: school.id, organisationId: o.id };
          await record(tx, {
            ...base,
            action: "school.created",
            entityType: "School",
            entityId: school.id,
            data: { name: s.name, slug: s.slug, urn: s.urn, by: BY },
          });
          for (const m of s.members) {
            const email = emailFor(m.name, org.domain);
            const personId = ids.get(email)!;
            const membership = await tx.membership.create({
              data: {
                schoolId: school.id,
                personId,
                staffGroup: m.staffGroup,
                jobTitle: m.jobTitle,
                roles: m.roles,
                startDate: date(m.startDate),
                endDate: m.leaver ? leftOn : null,
              },
            });
            await record(tx, {
              ...base,
              action: "person.added",
              entityType: "Membership",
              entityId: membership.id,
              data: { personId, name: m.name, email, staffGroup: m.staffGroup, roles: m.roles, startDate: membership.startDate, by: BY },
            });
            if (m.leaver) {
              await record(tx, {
                ...base,
                action: "person.marked_leaver",
                entityType: "Membership",
                entityId: membership.id,
                data: { personId, endDate: leftOn, personLeft: people.get(email)!.left, by: BY },
              });
            }
            summary.memberships++;
          }
        }
      }
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
  return summary;
}
