// Demo incident reports in every demo school, made THROUGH the incident service (lib/incidents/service.ts),
// the same functions the server actions call: routing, row-level security, notifications and the audit
// chain are exactly what the app would have produced. Times are relative to now, so the demo always has
// a data breach with its 72-hour clock running.
//
// In each school: a data breach still undecided (clock running), a concern about the Headteacher (the
// Chair of Governors sees it; the Head does not), a security concern closed with an outcome, a filtering
// bypass under investigation with chronology entries, a password compromise acknowledged, and an older
// breach decided and closed (so the breach register has both kinds). Riverside also has an allegation
// against a member of staff that nobody has acknowledged yet, to show the urgent banner.
import type { SchoolContext } from "../../lib/authz/access";
import { toLondonDateTimeInput } from "../../lib/incidents/breach-clock";
import {
  reportIncidentSchema,
  acknowledgeSchema,
  setStatusSchema,
  setLeadSchema,
  chronologySchema,
  closeSchema,
  breachDetailsSchema,
  breachDecisionSchema,
} from "../../lib/incidents/schemas";
import * as service from "../../lib/incidents/service";
import type { PrismaClient } from "../../generated/prisma/client";
import type { IncidentCategory } from "../../generated/prisma/enums";
import { ORGANISATIONS } from "./people";
import { demoSchool } from "./school-context";

const HOUR = 3_600_000;
const ago = (hours: number) => toLondonDateTimeInput(new Date(Date.now() - hours * HOUR));

type Staff = { name: string; roles: string[]; jobTitle: string };

export async function seedIncidents(db: PrismaClient): Promise<number> {
  let made = 0;
  for (const org of ORGANISATIONS) {
    for (const s of org.schools) {
      const { holder, ctxFor, idOf, ...school } = demoSchool(db, org, s);
      const plain = school.plain as Staff[];

      const reporterA = await ctxFor(plain[0].name);
      const reporterB = await ctxFor(plain[1 % plain.length].name);
      const head = holder("HEADTEACHER")!;
      const dpo = await ctxFor(holder("DPO")!.name);
      const dsl = await ctxFor(holder("DSL")!.name);
      const ict = await ctxFor(holder("ICT_LEAD")!.name);
      const bm = await ctxFor(holder("BUSINESS_MANAGER")!.name);

      const report = async (
        ctx: SchoolContext,
        category: IncidentCategory,
        input: { description: string; occurredHoursAgo?: number; awareHoursAgo: number; location?: string; subjects?: string[]; pupilRefs?: string; immediateAction?: string },
      ) => {
        const parsed = reportIncidentSchema.parse({
          category,
          description: input.description,
          occurredAt: input.occurredHoursAgo === undefined ? "" : ago(input.occurredHoursAgo),
          awareAt: ago(input.awareHoursAgo),
          location: input.location ?? "",
          subjectIds: await Promise.all((input.subjects ?? []).map(idOf)),
          pupilRefs: input.pupilRefs ?? "",
          immediateAction: input.immediateAction ?? "",
        });
        const { id } = await service.reportIncident(ctx, parsed);
        made++;
        return id;
      };
      const ack = (ctx: SchoolContext, incidentId: string) => service.acknowledgeIncident(ctx, acknowledgeSchema.parse({ incidentId }));
      const note = (ctx: SchoolContext, incidentId: string, kind: string, text: string) =>
        service.addChronologyEntry(ctx, chronologySchema.parse({ incidentId, kind, note: text }));

      // 1. A data breach with its clock running: reported this morning, facts recorded, no decision yet.
      const breach = await report(reporterA, "DATA_BREACH", {
        description: "An email with the class list and parents' phone numbers was sent to the wrong parent mailing list (about 30 families).",
        occurredHoursAgo: 21,
        awareHoursAgo: 20,
        location: "School email, the class parents' list",
        immediateAction: "Asked the recipients to delete it and told the office.",
      });
      await ack(dpo, breach);
      await service.saveBreachDetails(
        dpo,
        breachDetailsSchema.parse({
          incidentId: breach,
          breachType: "UNAUTHORISED_DISCLOSURE",
          personalData: "Pupils' names and parents' mobile numbers for one class",
          peopleAffected: "58",
          recordsAffected: "29",
          consequences: "Parents' numbers shared with other parents; possible unwanted contact",
          risk: "RISK",
          remedialAction: "Recall attempted; recipients asked to delete; apology drafted",
          subjectsInformed: false,
          subjectsInformedOn: "",
        }),
      );
      await note(dpo, breach, "NOTE", "Twelve recipients have confirmed deletion so far.");

      // 2. A concern about the Headteacher: the Chair of Governors receives it; the Head never sees it.
      const aboutHead = await report(reporterB, "CONCERN_ABOUT_HEAD", {
        description: "The Headteacher's laptop was left unlocked and logged in to the management information system in the staff room during lunch.",
        occurredHoursAgo: 50,
        awareHoursAgo: 50,
        location: "Staff room, the Headteacher's laptop",
        subjects: [head.name],
      });
      // Acknowledged by the Chair everywhere but Oakfield, where the urgent banner shows for the demo.
      if (s.slug !== "oakfield") await ack(await ctxFor(holder("CHAIR_OF_GOVERNORS")!.name), aboutHead);

      // 3. A virus warning, dealt with and closed.
      const virus = await report(reporterA, "SECURITY_CONCERN", {
        description: "A pop-up on the classroom PC said files were infected and asked me to call a phone number.",
        occurredHoursAgo: 24 * 9,
        awareHoursAgo: 24 * 9,
        location: "Classroom PC by the whiteboard",
        immediateAction: "Did not call the number; turned the screen off.",
      });
      await ack(ict, virus);
      await service.setIncidentStatus(ict, setStatusSchema.parse({ incidentId: virus, status: "INVESTIGATING" }));
      await note(ict, virus, "DEVICE_SECURED", "PC taken off the network and scanned; a browser extension removed.");
      await service.closeIncident(ict, closeSchema.parse({ incidentId: virus, outcome: "TECHNICAL_FIX", summary: "Scam pop-up from a browser extension; removed and blocked at the filter." }));

      // 4. A filtering bypass under investigation, with a lead handler.
      const vpn = await report(reporterB, "FILTER_BYPASS", {
        description: "Two pupils were using a VPN app on school tablets to reach games sites during wet play.",
        occurredHoursAgo: 24 * 3,
        awareHoursAgo: 24 * 3,
        location: "Library tablets",
        pupilRefs: "A.B., C.D.",
        immediateAction: "Took the tablets back.",
      });
      await ack(dsl, vpn);
      await service.setLead(dsl, setLeadSchema.parse({ incidentId: vpn, leadId: dsl.person.id }));
      await service.setIncidentStatus(dsl, setStatusSchema.parse({ incidentId: vpn, status: "INVESTIGATING" }));
      await note(dsl, vpn, "NOTE", "ICT lead asked to block the VPN app in the device management console.");
      await note(dsl, vpn, "PARENTS_INFORMED", "Both families told by phone.");

      // 5. A password seen by others: acknowledged, not yet investigated.
      const password = await report(reporterA, "ACCOUNT_COMPROMISE", {
        description: "My password was visible on a sticky note on the office monitor.",
        occurredHoursAgo: 6,
        awareHoursAgo: 5,
        location: "School office",
        immediateAction: "Removed the note; will change the password.",
      });
      await ack(bm, password);

      // 6. A new online-safety concern, not yet opened by the safeguarding leads.
      await report(reporterB, "ONLINE_SAFETY_PUPIL", {
        description: "A pupil told me an older child has been sending them scary videos on a messaging app at night.",
        awareHoursAgo: 3,
        pupilRefs: "E.F.",
        immediateAction: "Listened, reassured the pupil and wrote down what was said.",
      });

      // 7. An older breach, decided within 72 hours and closed: the register shows both outcomes.
      const oldBreach = await report(reporterB, "DATA_BREACH", {
        description: "A printed SEN list was found in the recycling bin by the front gate.",
        occurredHoursAgo: 40,
        awareHoursAgo: 40,
        location: "Recycling bin by the front gate",
        immediateAction: "Brought it back to the office.",
      });
      await ack(dpo, oldBreach);
      await service.saveBreachDetails(
        dpo,
        breachDetailsSchema.parse({
          incidentId: oldBreach,
          breachType: "LOSS",
          personalData: "Names and SEN needs of six pupils",
          peopleAffected: "6",
          recordsAffected: "1",
          consequences: "Sensitive information could have been read by passers-by",
          risk: "NONE",
          remedialAction: "Document recovered within the hour; confidential waste bins provided",
          subjectsInformed: true,
          subjectsInformedOn: ago(20).slice(0, 10),
        }),
      );
      await service.recordBreachDecision(
        dpo,
        breachDecisionSchema.parse({
          incidentId: oldBreach,
          reported: false,
          icoReportedOn: "",
          icoReference: "",
          notReportedReason: "Recovered within the hour from a school bin; unlikely to result in a risk to the pupils.",
        }),
      );
      await service.closeIncident(dpo, closeSchema.parse({ incidentId: oldBreach, outcome: "ADVICE_OR_TRAINING", summary: "Staff reminded to use the confidential waste bins." }));

      // 8. Riverside only: an allegation nobody has acknowledged yet, for the urgent banner.
      if (s.slug === "riverside") {
        await report(reporterA, "ALLEGATION_AGAINST_STAFF", {
          description: "A pupil said a member of staff messaged them on a personal social media account.",
          awareHoursAgo: 1,
          pupilRefs: "Y6-14",
          subjects: [plain[2 % plain.length].name],
        });
      }
    }
  }
  return made;
}
