import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { recentDevMail } from "@/lib/mail/queries";
import { devMailboxEnabled } from "@/lib/mail/send";
import { formatDateTime } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Development mailbox" };

// Exists only where no SMTP server is configured outside production (the demo): it shows every email.
export default async function DevMailbox() {
  if (!devMailboxEnabled()) notFound();
  const mails = await recentDevMail();
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-10">
      <PageHeader title="Development mailbox">Email the demo would have sent. Not available when SMTP is configured or in production.</PageHeader>
      {mails.length === 0 && <p>No email yet.</p>}
      <ul className="space-y-4">
        {mails.map((m) => (
          <li key={m.id} className="rounded border border-slate-300 bg-white p-4">
            <p className="font-semibold">{m.subject}</p>
            <p className="text-sm text-slate-600">
              To {m.to} · {formatDateTime(m.createdAt)}
            </p>
            <pre className="mt-2 whitespace-pre-wrap break-all font-sans">{m.text}</pre>
          </li>
        ))}
      </ul>
    </main>
  );
}
