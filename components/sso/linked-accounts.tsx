"use client";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { ActionButton } from "@/components/ui/action-button";
import { startSsoLinkAction, unlinkSsoAction } from "@/lib/sso/actions";

type Link = { provider: string; label: string; tenant: string; linkedOn: string };

/** The person's linked Microsoft/Google accounts, and a button to link each provider not yet linked. */
export function LinkedAccounts({ links, providers }: { links: Link[]; providers: { id: string; label: string }[] }) {
  const router = useRouter();
  const unlinked = providers.filter((p) => !links.some((l) => l.provider === p.id));
  return (
    <div className="mb-8 space-y-4">
      {links.length > 0 && (
        <ul className="space-y-3">
          {links.map((l) => (
            <li key={l.provider} className="rounded border border-slate-300 bg-white p-3">
              <p className="mb-2">
                <span className="font-semibold">{l.label}</span>, linked on {l.linkedOn} <span className="break-all text-sm text-slate-600">(tenant {l.tenant})</span>
              </p>
              <ActionButton
                label={`Unlink my ${l.label} account`}
                variant="danger"
                confirm={`Unlink your ${l.label} account? You will sign in another way until you link one again.`}
                run={() => unlinkSsoAction({ provider: l.provider })}
                onDone={() => router.refresh()}
              />
            </li>
          ))}
        </ul>
      )}
      {unlinked.map((p) => (
        <ActionButton
          key={p.id}
          label={`Link my ${p.label} account`}
          run={() => startSsoLinkAction({ provider: p.id })}
          onDone={() => signIn(p.id, { callbackUrl: "/account" })}
        />
      ))}
    </div>
  );
}
