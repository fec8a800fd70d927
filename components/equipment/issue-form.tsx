"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { PersonOptions } from "@/components/ui/person-options";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { issueLoanAction } from "@/lib/equipment/actions";
import { ASSET_KINDS } from "@/lib/equipment/kinds";
import type { AssetKind } from "@/generated/prisma/enums";
import { loanPath } from "@/lib/equipment/paths";
import { useAction } from "@/components/ui/use-action";

type Option = { id: string; tag: string; kind: AssetKind; make: string; model: string; encrypted: boolean; issuable: string | null };

/**
 * One borrower, one or several items on one form (Appendix 3's sign-out sheet). Each kind's conditions are
 * shown as the borrower will see them; a camera may leave the site only with the Headteacher's agreement.
 */
export function IssueForm(props: {
  schoolSlug: string;
  people: { id: string; name: string; jobTitle: string | null }[];
  assets: Option[];
  conditions: Partial<Record<AssetKind, string>>;
  today: string;
}) {
  const router = useRouter();
  const { run, pending, error, fieldErrors: fe } = useAction(issueLoanAction, props.schoolSlug);
  const [chosen, setChosen] = useState<string[]>([]);
  const [offSite, setOffSite] = useState<Record<string, string | null>>({});
  const chosenAssets = props.assets.filter((a) => chosen.includes(a.id));
  const kinds = [...new Set(chosenAssets.map((a) => a.kind))];
  const anyOffSite = chosenAssets.some((a) => offSite[a.id] !== undefined && offSite[a.id] !== null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const dueBack = String(f.get("dueBack") ?? "");
    const out = await run({
      borrowerId: String(f.get("borrowerId") ?? ""),
      startDate: String(f.get("startDate") ?? ""),
      items: chosenAssets.map((a) => ({
        assetId: a.id,
        dueBack,
        mayLeaveSite: offSite[a.id] !== undefined && offSite[a.id] !== null,
        offSiteReason: offSite[a.id] ?? "",
      })),
      headAgreed: f.get("headAgreed") === "on",
    });
    if (out) {
      router.push(loanPath(props.schoolSlug, out.loanId));
      router.refresh();
    }
  }
  const itemError = (i: number) => fe[`items.${i}.assetId`] ?? fe[`items.${i}.offSiteReason`];

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2 rounded border border-slate-300 bg-white p-4">
      <FormMessage error={error} />
      <Field id="borrowerId" label="Who is borrowing it" error={fe.borrowerId}>
        <select id="borrowerId" name="borrowerId" defaultValue="" className={inputClass} {...describedBy("borrowerId", { error: fe.borrowerId })}>
          <PersonOptions people={props.people} />
        </select>
      </Field>
      <Field id="startDate" label="Start date" error={fe.startDate}>
        <input id="startDate" name="startDate" type="date" defaultValue={props.today} className={inputClass} {...describedBy("startDate", { error: fe.startDate })} />
      </Field>
      <Field id="dueBack" label="Due back (optional)" hint="Leave empty for kit held until the person leaves." error={fe["items.0.dueBack"]}>
        <input id="dueBack" name="dueBack" type="date" className={inputClass} {...describedBy("dueBack", { hint: "x", error: fe["items.0.dueBack"] })} />
      </Field>
      <fieldset className="mb-4">
        <legend className="font-semibold">Items</legend>
        {fe.items && <p role="alert" className="font-semibold text-red-700">{fe.items}</p>}
        {props.assets.length === 0 && <p>Nothing on the register is available to issue.</p>}
        <ul className="mt-2 space-y-2">
          {props.assets.map((a) => {
            const i = chosen.indexOf(a.id);
            const err = i >= 0 ? itemError(i) : undefined;
            const camera = ASSET_KINDS[a.kind].offSiteNeedsHeadAgreement;
            return (
              <li key={a.id} className="rounded border border-slate-200 p-2">
                <label className="flex items-start gap-3">
                  <input
                    type="checkbox"
                    className="mt-1 h-6 w-6 shrink-0"
                    checked={i >= 0}
                    disabled={!!a.issuable}
                    aria-describedby={a.issuable || err ? `asset-${a.id}-note` : undefined}
                    onChange={(e) => setChosen((c) => (e.target.checked ? [...c, a.id] : c.filter((x) => x !== a.id)))}
                  />
                  <span>
                    <span className="whitespace-nowrap font-semibold">{a.tag}</span> {ASSET_KINDS[a.kind].label}, {a.make} {a.model}
                    {a.encrypted ? " (encrypted)" : ""}
                  </span>
                </label>
                {(a.issuable || err) && (
                  <p id={`asset-${a.id}-note`} role={err ? "alert" : undefined} className={err ? "font-semibold text-red-700" : "text-sm text-slate-700"}>
                    {err ?? a.issuable}
                  </p>
                )}
                {camera && i >= 0 && (
                  <div className="ml-9 mt-2">
                    <label className="flex items-start gap-3">
                      <input
                        type="checkbox"
                        className="mt-1 h-5 w-5 shrink-0"
                        checked={offSite[a.id] !== undefined && offSite[a.id] !== null}
                        onChange={(e) => setOffSite((o) => ({ ...o, [a.id]: e.target.checked ? "" : null }))}
                      />
                      <span>May leave the site</span>
                    </label>
                    {offSite[a.id] !== undefined && offSite[a.id] !== null && (
                      <Field id={`reason-${a.id}`} label="Why (for example, the Year 2 trip)">
                        <input id={`reason-${a.id}`} className={inputClass} value={offSite[a.id] ?? ""} onChange={(e) => setOffSite((o) => ({ ...o, [a.id]: e.target.value }))} />
                      </Field>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
      {anyOffSite && (
        <div className="mb-4">
          <label className="flex items-start gap-3">
            <input type="checkbox" name="headAgreed" className="mt-1 h-6 w-6 shrink-0" aria-describedby={fe.headAgreed ? "headAgreed-error" : undefined} />
            <span>The Headteacher has agreed that the camera may leave the site</span>
          </label>
          {fe.headAgreed && <p id="headAgreed-error" role="alert" className="font-semibold text-red-700">{fe.headAgreed}</p>}
        </div>
      )}
      {kinds.length > 0 && (
        <section aria-labelledby="conditions-heading" className="mb-4 rounded bg-slate-50 p-3">
          <h2 id="conditions-heading" className="font-bold">Conditions the borrower will sign</h2>
          {kinds.map((k) => (
            <div key={k} className="mt-2">
              <h3 className="font-semibold">{ASSET_KINDS[k].label}</h3>
              <ul className="list-disc pl-6">
                {(props.conditions[k] ?? ASSET_KINDS[k].conditions).split("\n").map((line, n) => (
                  <li key={n}>{line}</li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Issuing…" : chosen.length > 1 ? `Issue ${chosen.length} items` : "Issue"}
      </Button>
    </form>
  );
}
