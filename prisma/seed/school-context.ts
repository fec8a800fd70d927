// For the seeds that act through the app's services: a demo school's people as the services see them.
import { resolveAccess, type SchoolContext } from "../../lib/authz/access";
import type { PrismaClient } from "../../generated/prisma/client";
import { emailFor, type DemoOrganisation, type DemoSchool } from "./people";

export function demoSchool(db: PrismaClient, org: DemoOrganisation, s: DemoSchool) {
  const current = s.members.filter((m) => !m.leaver);
  return {
    current,
    /** The first current member holding the role. */
    holder: (role: string) => current.find((m) => (m.roles as string[]).includes(role)),
    /** Members whose only role is STAFF. */
    plain: current.filter((m) => m.roles.length === 1 && m.roles[0] === "STAFF"),
    /** What the person sees as their context in this school, as the pages and actions resolve it. */
    ctxFor: async (name: string): Promise<SchoolContext> => {
      const person = await db.person.findUniqueOrThrow({ where: { email: emailFor(name, org.domain) }, select: { id: true, name: true, email: true } });
      const ctx = await resolveAccess({ ...person, authMethod: "password" }, s.slug);
      if (!ctx) throw new Error(`${name} has no access to ${s.slug}`);
      return ctx;
    },
    idOf: async (name: string) => (await db.person.findUniqueOrThrow({ where: { email: emailFor(name, org.domain) }, select: { id: true } })).id,
  };
}
