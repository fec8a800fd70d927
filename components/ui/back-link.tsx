import Link from "next/link";
import type { ReactNode } from "react";

/** The link back to the list a page belongs to, above its heading. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="mb-4">
      <Link href={href} className="underline underline-offset-2">
        {children}
      </Link>
    </p>
  );
}
