// The whole demo, one call per domain, in the order they depend on each other. A new domain's demo data
// (prisma/seed/<domain>.ts) is one more line here; each writes its records with the audit events the app
// would write (tests/integration/seed-audit.test.ts checks that every record has one).
import type { PrismaClient } from "../../generated/prisma/client";
import { seedDemo } from "./demo";
import { seedPolicies } from "./policies";
import { seedIncidents } from "./incidents";
import { seedEquipment } from "./equipment";
import { seedRequests } from "./requests";
import { seedFiltering } from "./filtering";
import { seedMonitoring } from "./monitoring";
import { seedGovernance } from "./governance";
import { seedMfa } from "./mfa";

export async function seedAll(db: PrismaClient): Promise<string> {
  const people = await seedDemo(db);
  const policies = await seedPolicies(db);
  const incidents = await seedIncidents(db);
  const equipment = await seedEquipment(db);
  const requests = await seedRequests(db);
  const filtering = await seedFiltering(db);
  const monitoring = await seedMonitoring(db);
  const governance = await seedGovernance(db);
  const mfa = await seedMfa(db);
  return [
    `${people.organisations} organisations, ${people.schools} schools, ${people.people} people, ${people.memberships} memberships, ${people.orgRoles} organisation roles`,
    `${policies.policies} policies, ${policies.declarations} declarations, ${policies.reminders} reminders`,
    `${incidents} incident reports`,
    `${equipment} equipment loans`,
    `${requests} permission requests`,
    `${filtering} filtering changes`,
    `${monitoring} monitoring authorisations`,
    `${governance} audit chains verified for the governors' summaries`,
    `${mfa} accounts enrolled in MFA with the demo key`,
  ].join("; ");
}
