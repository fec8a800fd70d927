"use client";
import { useState } from "react";
import { ActionButton } from "@/components/ui/action-button";
import { FormMessage } from "@/components/ui/form-message";
import { requestMyPasswordLinkAction } from "@/lib/auth/actions";

// A link to the person's own address rather than a form here: whoever holds this session must also hold
// the mailbox to change the password.
export function MyPasswordLink({ email }: { email: string }) {
  const [sent, setSent] = useState(false);
  if (sent) return <FormMessage success={`A link to set your password is on its way to ${email}. It works once, for 30 minutes.`} />;
  return <ActionButton label="Email me a link to set or reset my password" run={() => requestMyPasswordLinkAction({})} onDone={() => setSent(true)} />;
}
