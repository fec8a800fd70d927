// Demo MFA: every demo account that must give a second factor (lib/auth/mfa/rules.ts) is enrolled with the
// published demo key (mfa-demo.ts), with its audit event, as if they had set it up themselves. The key is
// sealed under MFA_SECRET_KEY or NEXTAUTH_SECRET as the server will open it; without either (a bare
// `tsx prisma/seed/index.ts`), nobody is enrolled and those accounts set up an app at their first sign-in.
import type { PrismaClient } from "../../generated/prisma/client";
import { record } from "../../lib/audit/record";
import { mfaKeyConfigured, sealSecret } from "../../lib/auth/mfa/secret-box";
import { rolesRequireMfa } from "../../lib/auth/mfa/rules";
import { DEMO_MFA_SECRET } from "./mfa-demo";

export async function seedMfa(db: PrismaClient): Promise<number> {
  if (!mfaKeyConfigured()) return 0;
  const people = await db.person.findMany({
    where: { status: "ACTIVE" },
    select: { id: true, memberships: { select: { roles: true } }, orgRoles: { select: { role: true } } },
    orderBy: { email: "asc" },
  });
  const required = people.filter((p) => rolesRequireMfa(p.memberships.flatMap((m) => m.roles), p.orgRoles.map((r) => r.role)));
  for (const p of required) {
    await db.$transaction(async (tx) => {
      await tx.mfaEnrolment.create({ data: { personId: p.id, secretSealed: sealSecret(DEMO_MFA_SECRET, p.id), confirmedAt: new Date() } });
      await record(tx, { actorId: p.id, action: "auth.mfa_enrolled", entityType: "Person", entityId: p.id, data: { demo: true, recoveryCodes: 0 } });
    });
  }
  return required.length;
}
