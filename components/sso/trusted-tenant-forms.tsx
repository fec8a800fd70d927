"use client";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { ActionButton } from "@/components/ui/action-button";
import { useAction, text } from "@/components/ui/use-action";
import { trustTenantAction, removeTrustedTenantAction } from "@/lib/sso/actions";

export function TrustTenantForm({ schoolSlug }: { schoolSlug: string }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const { run, pending, error, fieldErrors: fe } = useAction(trustTenantAction, schoolSlug);
  const [saved, setSaved] = useState<string | null>(null);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(null);
    const f = new FormData(e.currentTarget);
    const tenant = text(f, "tenant");
    if (await run({ kind: text(f, "kind"), tenant })) {
      setSaved(`Added ${tenant.trim().toLowerCase()}.`);
      form.current?.reset();
      router.refresh();
    }
  }
  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="rounded border border-slate-300 bg-white p-4">
      <h2 className="mb-3 text-xl font-bold">Trust a tenant or domain</h2>
      <FormMessage error={fe.tenant || fe.kind ? null : error} success={saved} />
      <fieldset className="mb-4">
        <legend className="font-semibold">Provider</legend>
        {fe.kind && (
          <p id="kind-error" className="mt-1 font-semibold text-red-700" role="alert">
            <span className="sr-only">Error: </span>
            {fe.kind}
          </p>
        )}
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="kind" value="ENTRA" defaultChecked className="h-5 w-5" /> Microsoft Entra ID (tenant id)
        </label>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="kind" value="GOOGLE" className="h-5 w-5" /> Google Workspace (domain)
        </label>
      </fieldset>
      <Field id="tenant" label="Tenant id or domain" hint="An Entra tenant id (a GUID) or a Google Workspace domain such as heathfield.org.uk." error={fe.tenant}>
        <input id="tenant" name="tenant" autoComplete="off" spellCheck={false} className={inputClass} {...describedBy("tenant", { hint: "x", error: fe.tenant })} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Trust it"}
      </Button>
    </form>
  );
}

export function RemoveTenantButton({ schoolSlug, tenantId, tenant }: { schoolSlug: string; tenantId: string; tenant: string }) {
  const router = useRouter();
  return (
    <ActionButton
      label={`Stop trusting ${tenant}`}
      variant="danger"
      confirm={`Stop trusting ${tenant}? People signing in from it will be refused until it is trusted again.`}
      run={() => removeTrustedTenantAction(schoolSlug, { tenantId })}
      onDone={() => router.refresh()}
    />
  );
}
