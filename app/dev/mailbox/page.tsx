import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { recentDevMail } from "@/lib/mail/queries";
import { mailboxVisible } from "@/lib/mail/mailbox";
import { formatDateTime } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Development mailbox" };
// Read per request (never prerendered at build time, when it would always be empty).
export const dynamic = "force-dynamic";

// Only in the embedded demo without SMTP, and only to a browser on this machine: it shows every email.
export default async function DevMailbox() {
  const h = await headers();
  if (!mailboxVisible(h.get("x-forwarded-for"))) notFound();
  const mails = await recentDevMail();
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-10">
      <PageHeader title="Development mailbox">
        Email the demo would have sent. Only on the embedded demo database, only to this computer.
      </PageHeader>
      {mails.length === 0 && <p>No email yet.</p>}
      <ul className="space-y-4">
        {mails.map((m) => (
          <li key={m.id} className="rounded border border-slate-300 bg-white p-4">
            <p className="break-words font-semibold">{m.subject}</p>
            <p className="break-words text-sm text-slate-600">
              To {m.to} · {formatDateTime(m.createdAt)}
            </p>
            {/* break-all split ordinary words ("Pr imary") on a phone; break-words wraps at spaces and only
                breaks a string that cannot fit (a long sign-in link), which this block-level box allows. */}
            <pre className="mt-2 whitespace-pre-wrap break-words font-sans">{m.text}</pre>
          </li>
        ))}
      </ul>
    </main>
  );
}
