// Demo monitoring authorisations, made THROUGH the monitoring service (lib/monitoring/service.ts), the
// same functions the server actions call: row-level security, the deciders' rule, the emails and the audit
// chain are exactly what the app would have produced. In every school the DSL asks about a member of
// staff; at Oakfield the Chair of Governors (Patricia Lowe) has approved it and a second request awaits
// her decision. Neither is visible to the person it concerns.
import { requestSchema, decideSchema } from "../../lib/monitoring/schemas";
import * as service from "../../lib/monitoring/service";
import { londonDateString } from "../../lib/dates";
import type { PrismaClient } from "../../generated/prisma/client";
import { ORGANISATIONS } from "./people";
import { demoSchool } from "./school-context";

const DAY = 86_400_000;
const day = (n: number) => londonDateString(new Date(Date.now() + n * DAY));

const REQUESTS = [
  {
    kinds: ["EMAIL", "INTERNET_HISTORY"],
    grounds: ["UNAUTHORISED_USE"],
    necessity:
      "The filtering log shows repeated attempts from this account to reach gambling sites during lessons, and a parent has " +
      "complained about a message sent from a school address. Only the account's email and browsing history can show what happened.",
    alternatives:
      "A conversation with the member of staff was considered but would alert them before the records are kept; the filtering " +
      "report alone does not show who was using the account. Monitoring is limited to school email and browsing, for two weeks.",
    dpiaReference: "DPIA-2026-04 (staff ICT monitoring)",
    days: 13,
  },
  {
    kinds: ["FILES"],
    grounds: ["SYSTEM_SECURITY"],
    necessity:
      "Antivirus alerts on the shared drive trace back to files saved from this account; the files must be examined to find the " +
      "source of the infection before it spreads to the office systems.",
    alternatives: "A full scan by the IT contractor without opening the files was tried first and could not say which files were infected.",
    dpiaReference: "",
    days: 6,
  },
] as const;

export async function seedMonitoring(db: PrismaClient): Promise<number> {
  let made = 0;
  for (const org of ORGANISATIONS) {
    for (const s of org.schools) {
      const { holder, plain, ctxFor, idOf } = demoSchool(db, org, s);
      const dslName = holder("DSL")?.name;
      const chairName = holder("CHAIR_OF_GOVERNORS")?.name;
      if (!dslName || !chairName || plain.length < 2) continue;
      const dsl = await ctxFor(dslName);
      const ask = async (r: (typeof REQUESTS)[number], subject: string) => {
        const { days, ...rest } = r;
        const input = requestSchema.parse({ ...rest, kinds: [...r.kinds], grounds: [...r.grounds], subjectId: await idOf(subject), startsOn: day(0), endsOn: day(days) });
        made++;
        return (await service.requestAuthorisation(dsl, input)).id;
      };
      // Oakfield's is about its Reception teacher (not a demo sign-in used by the browser tests' journeys).
      const first = await ask(REQUESTS[0], s.slug === "oakfield" ? "Ben Thackeray" : plain[1].name);
      if (s.slug === "oakfield") {
        await service.decideAuthorisation(await ctxFor(chairName), decideSchema.parse({ authorisationId: first, decision: "APPROVED", reason: "" }));
        await ask(REQUESTS[1], "Stuart Pike");
      }
    }
  }
  return made;
}
