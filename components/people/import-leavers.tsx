"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { inputClass } from "@/components/ui/field";
import { endLeaversAction } from "@/lib/people/import/actions";
import type { ProposedLeaver } from "@/lib/people/import/plan";

/**
 * Leavers are only proposed by an import: each is ended by its own button, or by ticking several and
 * "End the selected". The leaving date starts as the file's end date, or today, and can be changed.
 */
export function ImportLeavers(props: { leavers: ProposedLeaver[]; schoolNames: Record<string, string>; onEnded: () => void }) {
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [dates, setDates] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (props.leavers.length === 0) return done ? <FormMessage success={done} /> : null;
  const dateOf = (l: ProposedLeaver) => dates[l.membershipId] ?? l.endDate;
  const several = new Set(props.leavers.map((l) => l.schoolId)).size > 1;

  async function end(leavers: ProposedLeaver[]) {
    setPending(true);
    setError(null);
    setDone(null);
    try {
      // One call per school: each is checked against the person's standing in that school.
      for (const slug of new Set(leavers.map((l) => l.schoolSlug))) {
        const items = leavers.filter((l) => l.schoolSlug === slug).map((l) => ({ membershipId: l.membershipId, endDate: dateOf(l) }));
        const res = await endLeaversAction(slug, { leavers: items });
        if (!res.ok) {
          setError(res.fieldErrors ? Object.values(res.fieldErrors)[0] : res.error);
          return;
        }
      }
      setDone(`${leavers.length === 1 ? `${leavers[0].name} is` : `${leavers.length} people are`} marked as leaving.`);
      setChosen(new Set());
      props.onEnded();
    } catch {
      setError("Something went wrong and nothing was saved. Please try again.");
    } finally {
      setPending(false);
    }
  }
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  return (
    <section aria-labelledby="leavers-heading" className="rounded border border-amber-400 bg-amber-50 p-4">
      <h2 id="leavers-heading" className="text-lg font-semibold">
        Proposed leavers ({props.leavers.length})
      </h2>
      <p className="mb-3">These people are on the school&apos;s list but not in the file, or the file gives them an end date. Nobody is marked as leaving unless you choose them here.</p>
      <FormMessage error={error} success={done} />
      <ul className="divide-y divide-amber-200">
        {props.leavers.map((l) => (
          <li key={l.membershipId} className="flex flex-wrap items-center gap-3 py-2">
            <label className="flex min-h-11 grow items-center gap-3">
              <input type="checkbox" checked={chosen.has(l.membershipId)} onChange={() => toggle(l.membershipId)} className="h-5 w-5" />
              <span>
                <span className="font-semibold">{l.name}</span> <span className="break-all text-slate-700">{l.email}</span>
                <span className="block text-sm">
                  {l.why}
                  {several && ` · ${props.schoolNames[l.schoolId]}`}
                </span>
              </span>
            </label>
            <label className="flex items-center gap-2 text-sm">
              Leaving date
              <input
                type="date"
                value={dateOf(l)}
                onChange={(e) => setDates({ ...dates, [l.membershipId]: e.currentTarget.value })}
                className={`${inputClass} w-auto`}
              />
            </label>
            <Button type="button" variant="secondary" disabled={pending} onClick={() => end([l])} aria-label={`Mark ${l.name} as leaving`}>
              Mark as leaving
            </Button>
          </li>
        ))}
      </ul>
      <Button type="button" variant="danger" className="mt-3" disabled={pending || chosen.size === 0} onClick={() => end(props.leavers.filter((l) => chosen.has(l.membershipId)))}>
        {pending ? "Saving…" : `Mark the ${chosen.size || ""} selected as leaving`.replace("  ", " ")}
      </Button>
    </section>
  );
}
