import "server-only";
import { withScope, scopeOf } from "@/lib/db/scope";
import { activeMembershipWhere, type SchoolContext } from "@/lib/authz/access";
import { sendMail } from "@/lib/mail/send";
import { formatDate } from "@/lib/dates";
import { outstandingKit } from "./queries";
import { ASSET_KINDS } from "./kinds";
import { leaverPath } from "./paths";

/**
 * Seed 003: leavers hand their kit to the HR Administrator at the exit interview. When someone is marked a
 * leaver, the Business Manager is emailed the kit they still hold (nothing is sent when they hold none).
 */
export async function mailLeaverKit(ctx: SchoolContext, membershipId: string): Promise<{ items: number; sent: number }> {
  const found = await withScope(scopeOf(ctx), async (tx) => {
    const m = await tx.membership.findFirst({ where: { id: membershipId, schoolId: ctx.school.id }, select: { id: true, endDate: true, person: { select: { id: true, name: true } } } });
    if (!m) return null;
    const items = await outstandingKit(tx, m.person.id);
    const managers = await tx.membership.findMany({
      where: { schoolId: ctx.school.id, roles: { has: "BUSINESS_MANAGER" }, ...activeMembershipWhere() },
      select: { person: { select: { email: true } } },
    });
    return { m, items, managers };
  });
  if (!found || found.items.length === 0) return { items: 0, sent: 0 };
  const base = (process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
  const text = [
    `${found.m.person.name} has been marked as leaving${found.m.endDate ? ` on ${formatDate(found.m.endDate)}` : ""} and still holds:`,
    ...found.items.map((i) => `- ${i.asset.tag} ${ASSET_KINDS[i.asset.kind].label}, ${i.asset.make} ${i.asset.model}`),
    "",
    "Please collect it at the exit interview, with their ID pass and access fob:",
    `${base}${leaverPath(ctx.school.slug, found.m.id)}`,
  ].join("\n");
  let sent = 0;
  for (const m of found.managers) {
    try {
      await sendMail({ to: m.person.email, subject: `Leaver's kit: ${found.m.person.name} at ${ctx.school.name}`, text });
      sent++;
    } catch (e) {
      console.error("equipment mail failed", e);
    }
  }
  return { items: found.items.length, sent };
}
