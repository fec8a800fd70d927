// Demo permission requests in every demo school, made THROUGH the requests service (lib/requests), the
// same functions the server actions call, so row-level security, the database rules, the hashed history
// and the audit chain are exactly what the app would have produced. Dates are relative to today.
//
// In each school, requests of several kinds in every state: awaiting a decision (a camera trip, a
// teaching assistant's phone call, an office letter home, the Head's own request waiting for the Chair),
// more information asked (a video call), approved with conditions (a camera trip; software), declined
// (a website upload), acknowledged (an ex-pupil connection), withdrawn (a home visit) and expired
// (visitor Wi-Fi that ended yesterday).
import { resolveAccess, type SchoolContext } from "../../lib/authz/access";
import * as service from "../../lib/requests/service";
import { runRequestExpiry } from "../../lib/requests/expiry";
import { londonToday } from "../../lib/dates";
import type { PrismaClient } from "../../generated/prisma/client";
import type { RequestKindKey } from "../../lib/requests/kinds";
import { ORGANISATIONS, DEMO_ACCOUNTS, emailFor } from "./people";

const DAY = 86_400_000;
const day = (n: number) => new Date(londonToday().getTime() + n * DAY).toISOString().slice(0, 10);
const date = (n: number) => new Date(londonToday().getTime() + n * DAY);

export async function seedRequests(db: PrismaClient): Promise<number> {
  const demoEmails = new Set<string>(Object.values(DEMO_ACCOUNTS).map((a) => a.email));
  let made = 0;
  for (const org of ORGANISATIONS) {
    for (const s of org.schools) {
      const current = s.members.filter((m) => !m.leaver);
      const holder = (role: string) => current.find((m) => (m.roles as string[]).includes(role));
      const ctxFor = async (name: string): Promise<SchoolContext> => {
        const person = await db.person.findUniqueOrThrow({ where: { email: emailFor(name, org.domain) }, select: { id: true, name: true, email: true } });
        const ctx = await resolveAccess({ ...person, authMethod: "password" }, s.slug);
        if (!ctx) throw new Error(`${name} has no access to ${s.slug}`);
        return ctx;
      };
      // Plain staff who are not demo sign-ins: the demo teacher's "My requests" starts empty for the tour.
      const plain = current.filter((m) => m.roles.length === 1 && m.roles[0] === "STAFF" && !demoEmails.has(emailFor(m.name, org.domain)));
      const teacher = await ctxFor((plain.find((m) => m.staffGroup === "TEACHER") ?? plain[0]).name);
      const ta = await ctxFor((plain.find((m) => m.staffGroup === "TEACHING_ASSISTANT") ?? plain[0]).name);
      const colleague = await ctxFor((plain.find((m) => m.name !== teacher.person.name && m.name !== ta.person.name) ?? plain[0]).name);
      const office = plain.find((m) => m.staffGroup === "OFFICE");
      const head = await ctxFor(holder("HEADTEACHER")!.name);
      const deputy = await ctxFor(holder("DEPUTY_HEAD")!.name);
      const ict = await ctxFor(holder("ICT_LEAD")!.name);

      const ask = async (who: SchoolContext, kind: RequestKindKey, details: Record<string, string | true>) => {
        made++;
        return (await service.submitRequest(who, { kind, details })).id;
      };
      const camera = (destination: string, from: number, until: number, purpose: string) => ({ destination, fromDate: day(from), untilDate: day(until), camera: "", purpose });

      // Awaiting a decision.
      await ask(teacher, "CAMERA_OFF_SITE", camera("Science Museum, London", 12, 12, "Photographs of the class at the museum for the school newsletter (consent checked)."));
      await ask(ta, "PARENT_PHONE_CALL", { parent: "R.T. (Year 2)", callOn: day(1), purpose: "To tell a parent their child was upset at lunchtime and is now settled." });
      if (office) await ask(await ctxFor(office.name), "LETTER_HOME", { recipients: "All parents", subject: "Change to the date of parents' evening.", sendOn: day(3) });
      await ask(head, "PERSONAL_DEVICE_REMOTE", { device: "My own iPad", data: "Governors' meeting papers (no pupil data)", safeguards: "Passcode and Face ID; files opened in OneDrive only, nothing downloaded.", fromDate: day(0), untilDate: day(60) });

      // More information asked.
      const call = await ask(teacher, "VIDEO_CALL", { callOn: day(9), startsAt: "14:00", endsAt: "14:40", participants: "Year 4 and their partner class at a school in Lyon", supervisedBy: teacher.person.name, purpose: "Pen-pal project: pupils read their letters aloud." });
      await service.askForMore(head, { requestId: call, question: "Which platform will you use, and has the partner school agreed that no one records the call?" });

      // Approved, with conditions.
      const trip = await ask(colleague, "CAMERA_OFF_SITE", camera("Forest school, Hollins Wood", 2, 3, "Recording the outdoor learning for pupils' portfolios."));
      await service.approveRequest(deputy, { requestId: trip, conditions: "Use the school camera only. Upload the photographs to the school drive and delete them from the card the day you return.", endsOn: date(3) });
      const software = await ask(teacher, "INSTALL_SOFTWARE", { item: "Scratch 3 desktop", device: "Computing suite laptops", purpose: "Offline coding lessons when the internet is down." });
      await service.approveRequest(ict, { requestId: software, conditions: "Installed by the ICT lead from the official download only.", endsOn: null });

      // Declined, with its reason.
      const upload = await ask(ta, "WEBSITE_UPLOAD", { content: "Photographs of sports day showing pupils' faces", page: "News", publishOn: day(2) });
      await service.declineRequest(deputy, { requestId: upload, reason: "Two pupils in these photographs have no consent for the website. Choose photographs without them, and ask again." });

      // Acknowledged notification.
      const exPupil = await ask(colleague, "EX_PUPIL_CONNECTION", { network: "LinkedIn", formerPupil: "J.S., left in 2012", over18: true, context: "We now work in the same sports club." });
      await service.acknowledgeRequest(head, { requestId: exPupil, note: "Thank you for telling me. Keep it professional, as the policy says." });

      // Withdrawn.
      const visit = await ask(teacher, "HOME_VISIT", { family: "M.K. (Year 3)", visitOn: day(5), accompaniedBy: "The family support worker", purpose: "Welcome visit before the pupil starts." });
      await service.withdrawRequest(teacher, { requestId: visit, note: "The family will come into school instead." });

      // Expired: visitor Wi-Fi that ended yesterday (the daily job, run as if tomorrow).
      const wifi = await ask(colleague, "VISITOR_WIFI", { visitor: "Sam Lee, Local Authority school improvement adviser", capacity: "Official visit: needs the council's portal during the day.", fromDate: day(0), untilDate: day(0) });
      await service.approveRequest(head, { requestId: wifi, conditions: "Guest network only.", endsOn: date(0) });
      await runRequestExpiry(new Date(Date.now() + 1.5 * DAY), { schoolIds: [head.school.id] });
    }
  }
  return made;
}
