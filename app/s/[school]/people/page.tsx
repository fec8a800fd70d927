import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/authz/require";
import { can } from "@/lib/authz/access";
import { listPeople } from "@/lib/people/queries";
import { schoolRoleOptions } from "@/lib/people/options";
import { SCHOOL_ROLE_LABELS, STAFF_GROUP_LABELS } from "@/lib/authz/labels";
import { formatDate, londonDateString, londonToday } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { FormMessage } from "@/components/ui/form-message";
import { MembershipControls } from "@/components/people/membership-controls";
import { ResetMfaButton } from "@/components/people/reset-mfa-button";
import { enrolledAmong } from "@/lib/auth/mfa/service";

export const metadata: Metadata = { title: "People" };

// Their status in this organisation only (listPeople says what that means), never another organisation's.
const STATUS_LABELS = { ACTIVE: "Active", SUSPENDED: "Suspended" } as const;

export default async function PeoplePage({ params, searchParams }: { params: Promise<{ school: string }>; searchParams: Promise<{ leavers?: string; added?: string }> }) {
  const { school } = await params;
  const { leavers, added } = await searchParams;
  const ctx = await requireMember(school, "people:read");
  const manage = can(ctx, "people:manage");
  const people = await listPeople(ctx.school, { includeLeavers: leavers === "1" });
  const mfaEnrolled = can(ctx, "mfa:reset") ? await enrolledAmong(people.map((m) => m.personId)) : new Set<string>();
  const today = londonToday();
  return (
    <>
      <PageHeader title="People">
        Everyone who works or volunteers at {ctx.school.name}. {people.length} {people.length === 1 ? "person" : "people"} shown.
      </PageHeader>
      {added === "1" && <FormMessage success="Person added." />}
      <div className="mb-4 flex flex-wrap gap-4">
        {manage && (
          <Link href={`/s/${ctx.school.slug}/people/new`} className="inline-flex min-h-11 items-center rounded bg-emerald-800 px-4 py-2 font-semibold text-white">
            Add a person
          </Link>
        )}
        <Link href={`/s/${ctx.school.slug}/people${leavers === "1" ? "" : "?leavers=1"}`} className="inline-flex min-h-11 items-center underline underline-offset-2">
          {leavers === "1" ? "Hide leavers" : "Show leavers too"}
        </Link>
      </div>
      <ul className="divide-y divide-slate-300 rounded border border-slate-300 bg-white" aria-label="People">
        {people.map((m) => {
          const ended = m.endDate !== null && m.endDate < today;
          return (
            <li key={m.id} className="p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-lg font-semibold">{m.person.name}</h2>
                <span className="text-sm">
                  {ended ? `Left ${formatDate(m.endDate)}` : m.endDate ? `Leaving ${formatDate(m.endDate)}` : STATUS_LABELS[m.statusHere]}
                </span>
              </div>
              <p className="break-all text-slate-700">{m.person.email}</p>
              <p>
                {STAFF_GROUP_LABELS[m.staffGroup]}
                {m.jobTitle && <> · {m.jobTitle}</>} · started {formatDate(m.startDate)}
              </p>
              <p className="text-sm text-slate-700">Roles: {m.roles.map((r) => SCHOOL_ROLE_LABELS[r]).join(", ") || "none"}</p>
              {manage && (
                <MembershipControls
                  schoolSlug={ctx.school.slug}
                  membershipId={m.id}
                  personName={m.person.name}
                  currentRoles={m.roles}
                  roles={schoolRoleOptions(ctx)}
                  status={m.statusHere}
                  hasEnded={ended}
                  isSelf={m.personId === ctx.person.id}
                  today={londonDateString(new Date())}
                />
              )}
              {mfaEnrolled.has(m.personId) && m.personId !== ctx.person.id && (
                <ResetMfaButton schoolSlug={ctx.school.slug} membershipId={m.id} personName={m.person.name} />
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
