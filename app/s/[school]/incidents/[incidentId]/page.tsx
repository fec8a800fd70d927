import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireMember } from "@/lib/authz/require";
import { getIncident } from "@/lib/incidents/queries";
import {
  INCIDENT_CATEGORIES,
  CHRONOLOGY_KINDS,
  CHRONOLOGY_LABELS,
  OUTCOME_LABELS,
  BREACH_TYPES,
  BREACH_RISKS,
  outcomesFor,
} from "@/lib/incidents/categories";
import { describeTimeLeft } from "@/lib/incidents/breach-clock";
import type { HandlerView, ReporterView, BreachRecordView } from "@/lib/incidents/types";
import { SCHOOL_ROLE_LABELS, ORG_ROLE_LABELS } from "@/lib/authz/labels";
import { formatDate, formatDateTime, londonDateString } from "@/lib/dates";
import { PageHeader } from "@/components/ui/page-header";
import { Facts } from "@/components/ui/facts";
import { StatusBadge } from "@/components/ui/status-badge";
import { IncidentStatusBadge } from "@/components/incidents/badges";
import { StatusActions, LeadForm, ChronologyForm, RerouteForm, CloseForm, ReopenForm } from "@/components/incidents/handling-forms";
import { BreachDetailsForm, BreachDecisionForm } from "@/components/incidents/breach-forms";

export const metadata: Metadata = { title: "Incident" };

export default async function IncidentPage({ params }: { params: Promise<{ school: string; incidentId: string }> }) {
  const { school, incidentId } = await params;
  const ctx = await requireMember(school);
  // Null for anyone who may not see it (a subject of it included): the same page as a mistyped address.
  const incident = await getIncident(ctx, incidentId);
  if (!incident) notFound();
  const back = (
    <p className="mb-4">
      <Link href={`/s/${ctx.school.slug}/incidents`} className="underline underline-offset-2">
        Back to {incident.view === "handler" ? "incidents" : "your reports"}
      </Link>
    </p>
  );
  return (
    <>
      {back}
      {incident.view === "handler" ? <HandlerPage i={incident} slug={ctx.school.slug} /> : <ReporterPage i={incident} />}
    </>
  );
}


function Section(props: { id: string; title: string; children: ReactNode; className?: string }) {
  return (
    <section aria-labelledby={props.id} className={`mb-6 rounded border border-slate-300 bg-white p-4 ${props.className ?? ""}`}>
      <h2 id={props.id} className="mb-3 text-xl font-bold">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

function whatWasReported(i: HandlerView | ReporterView): [string, ReactNode][] {
  return [
    ["Category", INCIDENT_CATEGORIES[i.category].label],
    ["What happened", i.description],
    ["When it happened", i.occurredAt ? formatDateTime(i.occurredAt) : null],
    ["When the reporter became aware", formatDateTime(i.awareAt)],
    ["Where / which device", i.location],
    ["Pupils involved", i.pupilRefs],
    ["Action taken at the time", i.immediateAction],
    ["Reported", formatDateTime(i.createdAt)],
  ];
}

/** The reporter sees what they wrote and where it has got to: never the handlers' notes or names. */
function ReporterPage({ i }: { i: ReporterView }) {
  return (
    <>
      <PageHeader title={`Your report ${i.reference}`}>
        <span className="mr-2">Status:</span>
        <IncidentStatusBadge status={i.status} />
      </PageHeader>
      <Section id="what" title="What you reported">
        <Facts rows={whatWasReported(i).map(([k, v]) => [k === "When the reporter became aware" ? "When you became aware" : k, v])} />
      </Section>
      <p className="max-w-2xl text-slate-700">The people dealing with it may contact you. If you have more to add, make another report and mention {i.reference}.</p>
    </>
  );
}

function HandlerPage({ i, slug }: { i: HandlerView; slug: string }) {
  const rule = INCIDENT_CATEGORIES[i.category];
  const today = londonDateString(new Date());
  const closed = i.status === "CLOSED";
  const routed = [...i.routedRoles.map((r) => SCHOOL_ROLE_LABELS[r]), ...i.routedOrgRoles.map((r) => ORG_ROLE_LABELS[r])];
  const unread = i.handlers.filter((h) => !i.readers.some((r) => r.id === h.id));
  const rerouteRoles = (Object.keys(SCHOOL_ROLE_LABELS) as (keyof typeof SCHOOL_ROLE_LABELS)[])
    .filter((r) => r !== "STAFF" && !i.routedRoles.includes(r))
    .map((r) => ({ value: r, label: SCHOOL_ROLE_LABELS[r] }));
  return (
    <>
      <PageHeader title={`${i.reference}: ${rule.label}`}>
        <span className="flex flex-wrap items-center gap-2">
          <IncidentStatusBadge status={i.status} />
          {rule.confidential && <StatusBadge tone="neutral">Confidential (safeguarding)</StatusBadge>}
          {rule.policeMatter && <StatusBadge tone="danger">Police matter</StatusBadge>}
          {i.urgentUnacknowledged && <StatusBadge tone="danger">Urgent: not yet acknowledged</StatusBadge>}
        </span>
      </PageHeader>

      {/* On a phone the side column comes last: the next step in the status flow is offered at the top. */}
      <div className="mb-6 lg:hidden">
        <StatusActions schoolSlug={slug} incidentId={i.id} status={i.status} urgentUnacknowledged={i.urgentUnacknowledged} />
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {i.breach && <BreachPanel b={i.breach} />}
          <Section id="what" title="What was reported">
            <Facts
              rows={[
                ...whatWasReported(i),
                ["Reported by", i.reporter.name],
                ["People it concerns", i.subjects.length ? i.subjects.map((s) => (s.jobTitle ? `${s.name} (${s.jobTitle})` : s.name)).join(", ") : "Nobody named"],
              ]}
            />
          </Section>
          {closed && (
            <Section id="outcome" title="Outcome">
              <Facts
                rows={[
                  ["Outcome", i.outcome ? OUTCOME_LABELS[i.outcome] : null],
                  ["Summary", i.outcomeSummary],
                  ["Closed", i.closedAt ? formatDateTime(i.closedAt) : null],
                ]}
              />
            </Section>
          )}
          <Section id="chronology" title="Chronology">
            {i.chronology.length === 0 ? (
              <p className="mb-4">Nothing recorded yet.</p>
            ) : (
              <ol className="mb-6 space-y-3" aria-label="Chronology, oldest first">
                {i.chronology.map((c) => (
                  <li key={c.id} className="border-l-4 border-slate-400 pl-3">
                    <p className="text-sm text-slate-700">
                      <time dateTime={c.at.toISOString()}>{formatDateTime(c.at)}</time> · {c.author?.name ?? "System"}
                    </p>
                    <p className="font-semibold">{CHRONOLOGY_LABELS[c.kind]}</p>
                    {c.note && <p className="whitespace-pre-wrap break-words">{c.note}</p>}
                  </li>
                ))}
              </ol>
            )}
            <ChronologyForm schoolSlug={slug} incidentId={i.id} kinds={Object.entries(CHRONOLOGY_KINDS).map(([value, label]) => ({ value, label }))} />
          </Section>
          {i.breach && (
            <Section id="breach-record" title="Breach record">
              <BreachDetailsForm schoolSlug={slug} incidentId={i.id} current={i.breach} today={today} />
              <hr className="my-6 border-slate-300" />
              {i.breach.decided ? <DecisionText b={i.breach} /> : <BreachDecisionForm schoolSlug={slug} incidentId={i.id} today={today} />}
            </Section>
          )}
          <Section id="close" title={closed ? "Reopen" : "Close the report"}>
            {closed ? (
              <ReopenForm schoolSlug={slug} incidentId={i.id} />
            ) : (
              <CloseForm
                schoolSlug={slug}
                incidentId={i.id}
                outcomes={Object.entries(outcomesFor(i.category)).map(([value, label]) => ({ value, label: label! }))}
                blockedBy={i.breach && !i.breach.decided ? "Record the decision about reporting to the ICO before closing." : undefined}
              />
            )}
          </Section>
        </div>

        <div>
          <Section id="status" title="Status" className="hidden lg:block">
            <p className="mb-3">
              <IncidentStatusBadge status={i.status} />
            </p>
            <StatusActions schoolSlug={slug} incidentId={i.id} status={i.status} urgentUnacknowledged={i.urgentUnacknowledged} />
          </Section>
          <Section id="lead" title="Lead handler">
            {/* A closed report can no longer be given a lead, so "yet" would mislead. */}
            <p className="mb-3">{i.lead ? i.lead.name : closed ? "None." : "Nobody yet."}</p>
            {!closed && <LeadForm schoolSlug={slug} incidentId={i.id} handlers={i.handlers.map((h) => ({ value: h.id, label: h.name }))} current={i.lead?.id ?? null} />}
          </Section>
          <Section id="routing" title="Who deals with it">
            <p className="mb-3">{routed.join(", ") || "Nobody"}</p>
            {!closed && (
              <details>
                <summary className="min-h-11 cursor-pointer py-2 font-semibold text-emerald-900 underline underline-offset-2">Re-route or escalate</summary>
                <div className="mt-2">
                  <RerouteForm schoolSlug={slug} incidentId={i.id} roles={rerouteRoles} />
                </div>
              </details>
            )}
          </Section>
          <Section id="readers" title="Read by">
            {i.readers.length === 0 ? (
              <p>Nobody yet.</p>
            ) : (
              <ul className="space-y-1">
                {i.readers.map((r) => (
                  <li key={r.id}>
                    {r.name} <span className="block text-sm text-slate-700">{formatDateTime(r.firstReadAt)}</span>
                  </li>
                ))}
              </ul>
            )}
            {unread.length > 0 && <p className="mt-3 text-sm text-slate-700">Not yet opened by: {unread.map((u) => u.name).join(", ")}</p>}
          </Section>
        </div>
      </div>
    </>
  );
}

/** The 72-hour clock and what has been decided, at the top of a breach. */
function BreachPanel({ b }: { b: BreachRecordView }) {
  const pressing = !b.decided && (b.clock.overdue || b.clock.hours < 24);
  return (
    <section
      aria-labelledby="breach"
      className={`mb-6 rounded border-l-8 p-4 ${b.decided ? "border-emerald-700 bg-emerald-50" : pressing ? "border-red-700 bg-red-50" : "border-amber-500 bg-amber-50"}`}
    >
      <h2 id="breach" className="text-xl font-bold">
        Data breach: 72-hour clock
      </h2>
      {b.decided ? (
        <p className="mt-1">Decision recorded{b.decidedAt && <> on {formatDateTime(b.decidedAt)}</>}: the clock has stopped.</p>
      ) : (
        <>
          <p className="mt-1 text-2xl font-bold" data-testid="breach-time-left">
            {describeTimeLeft(b.clock)}
          </p>
          <p>To decide whether to report it to the ICO: by {b.clock.deadlineLabel} (UK time).</p>
        </>
      )}
      <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="font-semibold">Type</dt>
        <dd>{b.breachType ? BREACH_TYPES[b.breachType] : "Not yet recorded"}</dd>
        <dt className="font-semibold">Risk</dt>
        <dd>{b.risk ? BREACH_RISKS[b.risk] : "Not yet assessed"}</dd>
        <dt className="font-semibold">People / records</dt>
        <dd>{affectedText(b.peopleAffected, b.recordsAffected)}</dd>
        <dt className="font-semibold">People told</dt>
        <dd>{b.subjectsInformed === null ? "Not yet recorded" : b.subjectsInformed ? `Yes, on ${formatDate(b.subjectsInformedOn)}` : "No"}</dd>
      </dl>
    </section>
  );
}

/** "?" read as a typo to handlers; say plainly which count is still missing. */
function affectedText(people: number | null, records: number | null): string {
  if (people === null && records === null) return "Not recorded yet";
  const count = (n: number | null, one: string, many: string) => (n === null ? `${many}: not recorded yet` : `${n} ${n === 1 ? one : many}`);
  return `${count(people, "person", "people")}, ${count(records, "record", "records")}`;
}

function DecisionText({ b }: { b: BreachRecordView }) {
  return (
    <div>
      <h3 className="mb-2 text-lg font-semibold">Decision about the ICO</h3>
      {b.reported ? (
        <p>
          Reported to the ICO on {formatDate(b.icoReportedOn)}, reference <strong>{b.icoReference}</strong>.
        </p>
      ) : (
        <p>
          Not reported. Reason: <span className="whitespace-pre-wrap">{b.notReportedReason}</span>
        </p>
      )}
      <p className="mt-1 text-sm text-slate-700">
        Recorded by {b.decidedBy?.name ?? "unknown"}
        {b.decidedAt && <>, {formatDateTime(b.decidedAt)}</>}.
      </p>
    </div>
  );
}
