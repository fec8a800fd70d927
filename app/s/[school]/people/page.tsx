import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/lib/authz/require";
import { can } from "@/lib/authz/access";
import { searchPeople } from "@/lib/people/directory";
import { parseDirectoryQuery, directoryQueryString, DIRECTORY_STATUSES, DIRECTORY_PAGE_SIZE } from "@/lib/people/directory-query";
import { schoolRoleOptions, staffGroupOptions } from "@/lib/people/options";
import { SCHOOL_ROLE_LABELS, STAFF_GROUP_LABELS } from "@/lib/authz/labels";
import { formatDate, londonDateString, londonToday } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { FormMessage } from "@/components/ui/form-message";
import { FilterBar } from "@/components/ui/filter-bar";
import { MembershipControls } from "@/components/people/membership-controls";
import { ResetMfaButton } from "@/components/people/reset-mfa-button";
import { enrolledAmong } from "@/lib/auth/mfa/service";

export const metadata: Metadata = { title: "People" };

// Their status in this organisation only (listPeople says what that means), never another organisation's.
const STATUS_LABELS = { ACTIVE: "Active", SUSPENDED: "Suspended" } as const;

const STATUS_OPTIONS = Object.entries(DIRECTORY_STATUSES)
  .filter(([v]) => v !== "current")
  .map(([value, label]) => ({ value, label }));
const ROLE_OPTIONS = Object.entries(SCHOOL_ROLE_LABELS).map(([value, label]) => ({ value, label }));

export default async function PeoplePage({ params, searchParams }: { params: Promise<{ school: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { school } = await params;
  const sp = await searchParams;
  const ctx = await requireMember(school, "people:read");
  const manage = can(ctx, "people:manage");
  const query = parseDirectoryQuery(sp);
  const { people, total, pages, page } = await searchPeople(ctx.school, query);
  const mfaEnrolled = can(ctx, "mfa:reset") ? await enrolledAmong(people.map((m) => m.personId)) : new Set<string>();
  const today = londonToday();
  const base = `/s/${ctx.school.slug}/people`;
  const first = (page - 1) * DIRECTORY_PAGE_SIZE + 1;
  return (
    <>
      <PageHeader title="People">Everyone who works or volunteers at {ctx.school.name}.</PageHeader>
      {sp.added === "1" && <FormMessage success="Person added." />}
      {manage && (
        <div className="mb-4 flex flex-wrap gap-4">
          <Link href={`${base}/new`} className="inline-flex min-h-11 items-center rounded bg-emerald-800 px-4 py-2 font-semibold text-white">
            Add a person
          </Link>
          <Link href={`${base}/import`} className="inline-flex min-h-11 items-center rounded bg-slate-200 px-4 py-2 font-semibold text-slate-900">
            Import staff from the MIS
          </Link>
        </div>
      )}
      <FilterBar
        action={base}
        label="Find people"
        fields={[
          { kind: "search", name: "q", label: "Name or email", value: query.q, maxLength: 120 },
          { kind: "select", name: "group", label: "Staff group", value: query.group, options: staffGroupOptions, anyLabel: "Any staff group" },
          { kind: "select", name: "role", label: "Role", value: query.role, options: ROLE_OPTIONS, anyLabel: "Any role" },
          { kind: "select", name: "status", label: "Status", value: query.status === "current" ? undefined : query.status, options: STATUS_OPTIONS, anyLabel: DIRECTORY_STATUSES.current },
        ]}
      />
      <p role="status" className="mb-2">
        {total === 0
          ? "Nobody matches."
          : `${total.toLocaleString("en-GB")} ${total === 1 ? "person" : "people"}${total > DIRECTORY_PAGE_SIZE && people.length > 0 ? `, showing ${first}–${first + people.length - 1}` : ""}.`}
      </p>
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
              {m.personId !== ctx.person.id && (
                <ResetMfaButton schoolSlug={ctx.school.slug} membershipId={m.id} personName={m.person.name} enrolled={mfaEnrolled.has(m.personId)} />
              )}
            </li>
          );
        })}
      </ul>
      {pages > 1 && (
        <nav aria-label="Pages of people" className="mt-4 flex flex-wrap items-center gap-6">
          {page > 1 && (
            <Link href={`${base}${directoryQueryString(query, page - 1)}`} className="inline-flex min-h-11 items-center underline underline-offset-2">
              ← Previous page
            </Link>
          )}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && (
            <Link href={`${base}${directoryQueryString(query, page + 1)}`} className="inline-flex min-h-11 items-center underline underline-offset-2">
              Next page →
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
