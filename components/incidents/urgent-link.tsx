"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * One report in the urgent banner. The banner lives in the school layout, which cannot see the path, so
 * this small client part does: on the report itself an "Open" link would only reload the page.
 */
export function UrgentLink({ href, reference }: { href: string; reference: string }) {
  const here = usePathname() === href;
  if (here) {
    return (
      <span aria-current="page" className="inline-flex min-h-11 items-center font-semibold">
        {reference} is this report: acknowledge it on this page.
      </span>
    );
  }
  return (
    <Link href={href} className="inline-flex min-h-11 items-center font-semibold text-white underline underline-offset-2">
      Open {reference}
    </Link>
  );
}
