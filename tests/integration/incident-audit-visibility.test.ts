import { describe, it, expect, beforeEach } from "vitest";
import { GET as exportCsv } from "@/app/s/[school]/audit/export.csv/route";
import { searchAuditEvents } from "@/lib/audit/queries";
import { visibleIncidentIds, getIncident } from "@/lib/incidents/queries";
import { signInAs } from "../support/session";
import { inSchoolScope } from "@/lib/authz/require";
import { incidentWorld, ctxOf, report, type IncidentWorld } from "./incident-world";

// The audit page and its CSV show an incident's rows only to those who may see the incident: "the Chair
// opened a report" would tell a Headteacher that a report about them exists.

let w: IncidentWorld;
beforeEach(async () => {
  w = await incidentWorld();
});

async function auditActionsFor(person: { id: string; name: string; email: string }) {
  const ctx = await ctxOf(person, w.a.slug);
  // The audit page's queries, in the scope requireMember gives them.
  const page = await inSchoolScope(ctx, async () =>
    searchAuditEvents(ctx.school, {}, {}, 200, { visibleIncidentIds: await visibleIncidentIds(ctx), visibleMonitoringIds: [] }));
  return page.events.filter((e) => e.entityType === "Incident").map((e) => e.action);
}

describe("incident rows in the audit log", () => {
  it("a report about the Head: the Chair's steps are in the Chair's audit log and absent from the Head's (page and CSV)", async () => {
    const id = await report(w.people.teacher, w.a.slug, "CONCERN_ABOUT_HEAD");
    const chair = await ctxOf(w.people.chair, w.a.slug);
    const view = await inSchoolScope(chair, () => getIncident(chair, id)); // records the Chair's read receipt
    expect(view?.view).toBe("handler");

    expect(await auditActionsFor(w.people.chair)).toEqual(expect.arrayContaining(["incident.reported", "incident.read"]));
    expect(await auditActionsFor(w.people.head)).toEqual([]);

    signInAs(w.people.head);
    const res = await exportCsv(new Request(`http://localhost/s/${w.a.slug}/audit/export.csv`), { params: Promise.resolve({ school: w.a.slug }) });
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).not.toContain(id);
    expect(csv).not.toMatch(/report/i);
  });

  it("the reporter's own report stays in a reader's log when they may see it", async () => {
    const id = await report(w.people.head, w.a.slug, "SECURITY_CONCERN");
    const ctx = await ctxOf(w.people.head, w.a.slug);
    expect(await inSchoolScope(ctx, () => visibleIncidentIds(ctx))).toContain(id);
    expect(await auditActionsFor(w.people.head)).toContain("incident.reported");
  });
});
