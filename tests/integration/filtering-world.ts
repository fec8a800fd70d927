import { db } from "../support/owner-db";
import { makeOrganisation, makeSchool, makeMember, makeOrgRole, londonDay } from "../support/fixtures";
import { signInAs } from "../support/session";
import { requestChangeAction } from "@/lib/filtering/actions";

/** A trust school with someone in each role the filtering log needs, and a second school. */
export async function filteringWorld() {
  const trust = await makeOrganisation("TRUST");
  const a = await makeSchool(trust.id);
  const b = await makeSchool();
  const [head, deputy, ict, dsl, deputyDsl, teacher, technician, governor, ictB, dslB] = await Promise.all([
    makeMember(a.id, { roles: ["HEADTEACHER"] }),
    makeMember(a.id, { roles: ["DEPUTY_HEAD"] }),
    makeMember(a.id, { roles: ["ICT_LEAD"] }),
    makeMember(a.id, { roles: ["DSL"] }),
    makeMember(a.id, { roles: ["DEPUTY_DSL"] }),
    makeMember(a.id, { roles: ["STAFF"] }),
    makeMember(a.id, { roles: ["STAFF"], staffGroup: "SUPPORT" }),
    makeMember(a.id, { roles: ["GOVERNOR"], staffGroup: "GOVERNOR" }),
    makeMember(b.id, { roles: ["ICT_LEAD"] }),
    makeMember(b.id, { roles: ["DSL"] }),
  ]);
  const trustIct = await makeOrgRole(trust.id, "TRUST_ICT_LEAD");
  const trustAdmin = await makeOrgRole(trust.id, "TRUST_ADMIN");
  const p = (m: { person: { id: string; email: string; name: string } }) => m.person;
  return {
    a, b, trust,
    people: { head: p(head), deputy: p(deputy), ict: p(ict), dsl: p(dsl), deputyDsl: p(deputyDsl), teacher: p(teacher), technician: p(technician), governor: p(governor), trustIct, trustAdmin },
    ictB: p(ictB), dslB: p(dslB),
  };
}
export type FilteringWorld = Awaited<ReturnType<typeof filteringWorld>>;

export async function changeInput(over: Record<string, unknown> = {}) {
  const review = await londonDay(30);
  return {
    targetKind: "WEBSITE", target: "www.example.com", direction: "ALLOW", temporary: false, endsOn: "",
    reason: "Used to support study of Ancient Greek A Level.", reviewOn: review.toISOString().slice(0, 10), ...over,
  };
}

/** A change requested by this person; returns its id. */
export async function requestAs(person: { id: string }, slug: string, over: Record<string, unknown> = {}) {
  signInAs(person);
  const res = await requestChangeAction(slug, await changeInput(over));
  if (!res.ok) throw new Error(`request failed: ${JSON.stringify(res)}`);
  return res.data.id;
}

/** Everything the filtering actions could change in these schools, to compare before and after. */
export async function filteringState(...schoolIds: string[]) {
  const where = { schoolId: { in: schoolIds } };
  const [changes, steps, checks, responsible, reviews, audit] = await Promise.all([
    db.filteringChange.findMany({ where, orderBy: { id: "asc" } }),
    db.filteringChangeStep.findMany({ where, orderBy: { id: "asc" } }),
    db.filteringCheck.findMany({ where, orderBy: { id: "asc" } }),
    db.filteringResponsibility.findMany({ where, orderBy: { schoolId: "asc" } }),
    db.filteringAnnualReview.findMany({ where, orderBy: { id: "asc" } }),
    db.auditEvent.findMany({ where, orderBy: { id: "asc" }, select: { id: true } }),
  ]);
  return { changes, steps, checks, responsible, reviews, audit };
}
