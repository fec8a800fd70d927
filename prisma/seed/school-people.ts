// Who is who in a demo school, for the domains seeded through the app's services (equipment, filtering).
import { resolveAccess, type SchoolContext } from "../../lib/authz/access";
import type { PrismaClient } from "../../generated/prisma/client";
import { DEMO_ACCOUNTS, emailFor, type DemoOrganisation, type DemoSchool } from "./people";

const demoEmails = new Set<string>(Object.values(DEMO_ACCOUNTS).map((a) => a.email));

export function demoSchoolPeople(db: PrismaClient, org: DemoOrganisation, s: DemoSchool) {
  const current = s.members.filter((m) => !m.leaver);
  const holder = (role: string) => current.find((m) => (m.roles as string[]).includes(role))!;
  // Plain staff who are not demo sign-ins, so what the demo teacher sees starts empty for the tour.
  const plain = current.filter((m) => m.roles.length === 1 && m.roles[0] === "STAFF" && !demoEmails.has(emailFor(m.name, org.domain)));
  /** The person as the app sees them in this school (as if signed in), to call a service with. */
  const ctxFor = async (name: string): Promise<SchoolContext> => {
    const person = await db.person.findUniqueOrThrow({ where: { email: emailFor(name, org.domain) }, select: { id: true, name: true, email: true } });
    const ctx = await resolveAccess({ ...person, authMethod: "password" }, s.slug);
    if (!ctx) throw new Error(`${name} has no access to ${s.slug}`);
    return ctx;
  };
  return { holder, plain, ctxFor };
}
