import "server-only";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/auth/url";
import { activeMembershipWhere, type SchoolContext } from "@/lib/authz/access";
import { mailPeople } from "@/lib/incidents/notify";
import type { SchoolRole } from "@/generated/prisma/enums";
import { changePath } from "./paths";
import type { Step } from "./rules";

// Filtering emails carry a link and nothing else (no site, no reason): the details stay behind sign-in.

const WHO: Partial<Record<Step, { roles: SchoolRole[]; ask: string }>> = {
  authorise: { roles: ["ICT_LEAD"], ask: "A filtering change has been requested and is waiting for authorisation." },
  confirm: { roles: ["DSL", "DEPUTY_DSL"], ask: "A filtering change has been made and is waiting for the DSL to confirm it." },
  revert: { roles: ["ICT_LEAD"], ask: "A filtering change has been reviewed and is due to be reverted on the filter." },
};

export function filteringMail(to: { email: string }, school: { name: string; slug: string }, changeId: string, ask: string) {
  return {
    to: to.email,
    subject: `${school.name}: a filtering change needs you`,
    text: `${ask}\n\nOpen it here (you will be asked to sign in):\n${appUrl()}${changePath(school.slug, changeId)}\n`,
  };
}

/** After the step has committed: the people whose turn it is, not the one who just acted. */
export async function mailFilteringStep(ctx: SchoolContext, changeId: string, next: Step) {
  const who = WHO[next];
  if (!who) return;
  const members = await db.membership.findMany({
    where: { schoolId: ctx.school.id, roles: { hasSome: who.roles }, ...activeMembershipWhere(), personId: { not: ctx.person.id } },
    select: { personId: true },
  });
  await mailPeople([...new Set(members.map((m) => m.personId))], (to) => filteringMail(to, ctx.school, changeId, who.ask)).catch((e) =>
    console.error("filtering mail failed", e),
  );
}
