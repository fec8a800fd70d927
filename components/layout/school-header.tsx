import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import type { NavItem } from "@/lib/authz/navigation";

export function SchoolHeader(props: { schoolName: string; personName: string; nav: NavItem[]; otherSchools: boolean; reportHref: string | null }) {
  return (
    <header className="border-b-4 border-emerald-800 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-3">
        <p className="text-lg font-bold">{props.schoolName}</p>
        <div className="flex flex-wrap items-center gap-4 text-sm">
          {/* On every school page, so a concern can be reported in a moment from wherever someone is. */}
          {props.reportHref && (
            <Link
              href={props.reportHref}
              className="inline-flex min-h-11 items-center rounded border-2 border-red-800 bg-white px-3 font-semibold text-red-900 hover:bg-red-50"
            >
              Report a concern
            </Link>
          )}
          <Link href="/account" className="underline underline-offset-2">
            {props.personName}
          </Link>
          {props.otherSchools && (
            <Link href="/?pick=1" className="underline underline-offset-2">
              Switch school
            </Link>
          )}
          <SignOutButton />
        </div>
      </div>
      <nav aria-label="Main" className="mx-auto max-w-5xl px-4 pb-2">
        <ul className="flex flex-wrap gap-x-5 gap-y-1">
          {props.nav.map((item) => (
            <li key={item.href}>
              <Link href={item.href} className="font-semibold text-emerald-900 underline-offset-2 hover:underline">
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
