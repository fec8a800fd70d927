// Demo filtering records in every demo school, made THROUGH the filtering services (lib/filtering), the same
// functions the server actions call, so row-level security, the three-people rule, the hashed steps and the
// audit chain are what the app would have produced. Dates are relative to today.
//
// In each school: a change in place (requested by a teacher, authorised by the ICT lead, made by the outside
// provider's technician, confirmed by the DSL); one made and awaiting the DSL's confirmation; one whose review
// is overdue; one awaiting authorisation; two of the DSL's checks; the responsible senior leader and governor;
// and last term's annual review.
import type { SchoolContext } from "../../lib/authz/access";
import * as service from "../../lib/filtering/service";
import * as oversight from "../../lib/filtering/oversight";
import { londonToday } from "../../lib/dates";
import type { PrismaClient } from "../../generated/prisma/client";
import { ORGANISATIONS } from "./people";
import { demoSchoolPeople } from "./school-people";

const DAY = 86_400_000;
const day = (n: number) => new Date(londonToday().getTime() + n * DAY);
const PROVIDER = { madeBy: "PROVIDER" as const, madeById: "", madeByName: "Dan Hollis", madeByCompany: "Hollin IT Services" };

export async function seedFiltering(db: PrismaClient): Promise<number> {
  let changes = 0;
  for (const org of ORGANISATIONS) {
    for (const s of org.schools) {
      const { holder, plain, ctxFor } = demoSchoolPeople(db, org, s);
      const [head, ict, dsl, deputy, teacher, colleague] = await Promise.all([
        ctxFor(holder("HEADTEACHER").name), ctxFor(holder("ICT_LEAD").name), ctxFor(holder("DSL").name), ctxFor(holder("DEPUTY_HEAD").name),
        ctxFor(plain[0].name), ctxFor(plain[1 % plain.length].name),
      ]);
      const governor = await ctxFor(holder("GOVERNOR").name);

      const request = async (by: SchoolContext, input: Partial<Parameters<typeof service.requestChange>[1]> & { target: string; reason: string }) =>
        (await service.requestChange(by, { targetKind: "WEBSITE", direction: "ALLOW", temporary: false, endsOn: null, reviewOn: day(90), ...input })).id;
      const authoriseAndMake = async (id: string) => {
        await service.authoriseChange(ict, { changeId: id });
        await service.recordMade(ict, { changeId: id, ...PROVIDER, madeByName: PROVIDER.madeByName, madeByCompany: PROVIDER.madeByCompany, madeOn: day(0), note: null });
      };

      const inPlace = await request(teacher, {
        target: "www.bbc.co.uk/bitesize", reason: "Year 6 revision videos are blocked by the video category; the site is appropriate to the age group.", reviewOn: day(75),
      });
      await authoriseAndMake(inPlace);
      await service.confirmChange(dsl, { changeId: inPlace, note: "Checked on a pupil laptop: the videos play, the rest of the video category stays blocked." });

      const awaiting = await request(deputy, {
        targetKind: "CATEGORY", target: "Online gaming", direction: "BLOCK", reason: "Pupils reached browser games in lesson time; block the category on the pupil network.", reviewOn: day(120),
      });
      await authoriseAndMake(awaiting);

      const overdue = await request(colleague, {
        target: "scratch.mit.edu", reason: "Computing lessons use Scratch projects; the community pages are moderated.", reviewOn: day(30),
      });
      await authoriseAndMake(overdue);
      await service.confirmChange(dsl, { changeId: overdue, note: null });
      // The demo is set as if this change's review date had come and gone twelve days ago (only the date moves).
      await db.filteringChange.update({ where: { id: overdue }, data: { reviewOn: day(-12) } });

      await request(teacher, {
        target: "www.tes.com", reason: "Teaching resources for the new phonics scheme.", temporary: true, endsOn: day(60), reviewOn: day(45),
      });
      changes += 4;

      await oversight.recordCheck(dsl, {
        checkedOn: day(-40), tested: "testfiltering.com; adult content, gambling, self-harm and proxy categories", device: "Pupil laptop (Year 5)",
        userGroup: "Pupils, Key Stage 2", result: "PASS", notes: null, nextCheckDue: day(-10),
      });
      await oversight.recordCheck(dsl, {
        checkedOn: day(-8), tested: "testfiltering.com; a VPN extension; image search with safe search", device: "Staff iPad in the library",
        userGroup: "Guest Wi-Fi", result: "FAIL", notes: "Safe search was not enforced on the guest network. Reported to Hollin IT Services, fixed the same day.", nextCheckDue: day(22),
      });
      await oversight.setResponsiblePeople(head, { seniorLeaderId: deputy.person.id, governorId: governor.person.id });
      await oversight.recordAnnualReview(head, {
        reviewedOn: day(-60), seniorLeaderId: deputy.person.id, dslId: dsl.person.id, governorId: governor.person.id,
        itProvider: "Dan Hollis, Hollin IT Services", others: null,
        findings: "Filtering blocks the DfE's categories and the local block list; monitoring alerts reach the DSL. Staff training on escalating alerts is due.",
        actions: [
          { action: "Train all staff on how to report a filtering concern", owner: dsl.person.name, dueOn: day(-20) },
          { action: "Enforce safe search on the guest Wi-Fi", owner: "Hollin IT Services", dueOn: day(30) },
        ],
        nextReviewOn: day(305),
      });
    }
  }
  return changes;
}
