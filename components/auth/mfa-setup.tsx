"use client";
import { useState } from "react";
import { MfaCodeForm } from "./mfa-code-form";
import { RecoveryCodes } from "./mfa-recovery-codes";

/** Scan or type the key, confirm with a code; then only the recovery codes (the key is not shown again). */
export function MfaSetup({ qrDataUrl, secretGroups, continueTo }: { qrDataUrl: string; secretGroups: string; continueTo: string }) {
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) return <RecoveryCodes codes={codes} continueTo={continueTo} />;
  return (
    <ol className="list-decimal space-y-6 pl-6">
      <li>
        <p className="mb-2">In your authenticator app, add an account and scan this code.</p>
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={qrDataUrl} alt="QR code to add this account to an authenticator app" width={220} height={220} className="border border-slate-300 bg-white" />
      </li>
      <li>
        <p className="mb-1">Or type this key into the app (time-based, six digits):</p>
        <p className="break-all font-mono text-lg" data-testid="mfa-secret">
          {secretGroups}
        </p>
      </li>
      <li>
        <MfaCodeForm mode="confirm" onConfirmed={setCodes} />
      </li>
    </ol>
  );
}
