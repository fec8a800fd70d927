import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/authz/require";
import { navigationFor } from "@/lib/authz/navigation";
import { SCHOOL_ROLE_LABELS, ORG_ROLE_LABELS, STAFF_GROUP_LABELS } from "@/lib/authz/labels";
import { PageHeader } from "@/components/ui/page-header";
import { obligationsForPerson } from "@/lib/declarations/obligations";
import { signingPath } from "@/lib/declarations/paths";
import { formatDate } from "@/lib/dates";

export const metadata: Metadata = { title: "Dashboard" };

export default async function Dashboard({ params }: { params: Promise<{ school: string }> }) {
  const { school } = await params;
  const ctx = await requireMember(school);
  const roles = [
    ...ctx.schoolRoles.map((r) => SCHOOL_ROLE_LABELS[r]),
    ...ctx.orgRoles.map((r) => ORG_ROLE_LABELS[r]),
  ];
  const areas = navigationFor(ctx.school.slug, ctx.permissions).slice(1);
  const toSign = (await obligationsForPerson(ctx)).filter((o) => o.state !== "signed");
  return (
    <>
      <PageHeader title={`Hello, ${ctx.person.name}`}>
        {ctx.membership ? STAFF_GROUP_LABELS[ctx.membership.staffGroup as keyof typeof STAFF_GROUP_LABELS] : "Organisation role"}
        {roles.length > 0 && <> · {roles.join(", ")}</>}
      </PageHeader>
      <section aria-labelledby="todo" className="mb-8">
        <h2 id="todo" className="mb-2 text-xl font-bold">
          What you need to do
        </h2>
        {toSign.length === 0 ? (
          <p>Nothing needs your attention in {ctx.school.name} at the moment.</p>
        ) : (
          <ul className="space-y-2">
            {toSign.map((o) => (
              <li key={o.versionId} className={`rounded border-l-4 bg-white p-3 ${o.state === "overdue" ? "border-red-700" : "border-amber-500"}`}>
                <Link href={signingPath(ctx.school.slug, o.policyId)} className="font-semibold text-emerald-900 underline underline-offset-2">
                  Read and sign: {o.title}
                </Link>
                <p className={o.state === "overdue" ? "font-semibold text-red-800" : "text-slate-700"}>
                  {o.state === "overdue" ? "Overdue since" : "Due by"} {formatDate(o.dueOn)}
                  {o.previouslySigned && <> · a new version of one you signed before</>}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {areas.length > 0 && (
        <section aria-labelledby="can">
          <h2 id="can" className="mb-2 text-xl font-bold">
            What you can do here
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            {areas.map((a) => (
              <li key={a.href} className="rounded border border-slate-300 bg-white p-4">
                <Link href={a.href} className="text-lg font-semibold text-emerald-900 underline underline-offset-2">
                  {a.label}
                </Link>
                <p className="mt-1 text-slate-700">{a.description}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
