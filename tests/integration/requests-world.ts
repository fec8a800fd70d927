// Shared by the permission-request integration tests (not a test file itself).
import { db } from "../support/owner-db";
import { resolveAccess } from "@/lib/authz/access";
import { londonToday } from "@/lib/dates";
import { REQUEST_KINDS, type RequestKindKey, type RequestKind } from "@/lib/requests/kinds";
import { makeOrganisation, makeSchool, makeMember, makeOrgRole } from "../support/fixtures";

/** A trust school A with someone in every role a request cares about, and a school B in another trust. */
export async function requestsWorld() {
  const trust = await makeOrganisation("TRUST");
  const a = await makeSchool(trust.id);
  const b = await makeSchool();
  type Opts = NonNullable<Parameters<typeof makeMember>[1]>;
  const m = (roles: Opts["roles"], staffGroup: Opts["staffGroup"], name: string) =>
    makeMember(a.id, { roles, staffGroup, name }).then((x) => x.person);
  const [head, deputy, ictLead, bm, dsl, chair, governor, teacher, ta, lunchtime, office] = await Promise.all([
    m(["HEADTEACHER", "STAFF"], "TEACHER", "Head of A"),
    m(["DEPUTY_HEAD", "STAFF"], "TEACHER", "Deputy of A"),
    m(["ICT_LEAD", "STAFF"], "TEACHER", "ICT lead of A"),
    m(["BUSINESS_MANAGER", "STAFF"], "OFFICE", "Business Manager of A"),
    m(["DSL", "STAFF"], "TEACHER", "DSL of A"),
    m(["CHAIR_OF_GOVERNORS", "GOVERNOR"], "GOVERNOR", "Chair of A"),
    m(["GOVERNOR"], "GOVERNOR", "Governor of A"),
    m(["STAFF"], "TEACHER", "Teacher of A"),
    m(["STAFF"], "TEACHING_ASSISTANT", "TA of A"),
    m(["STAFF"], "SUPPORT", "Lunchtime supervisor of A"),
    m(["STAFF"], "OFFICE", "Office assistant of A"),
  ]);
  const [headB, teacherB] = await Promise.all([
    makeMember(b.id, { roles: ["HEADTEACHER"], name: "Head of B" }).then((x) => x.person),
    makeMember(b.id, { roles: ["STAFF"], name: "Teacher of B" }).then((x) => x.person),
  ]);
  const trustAdmin = await makeOrgRole(trust.id, "TRUST_ADMIN");
  return { trust, a, b, people: { head, deputy, ictLead, bm, dsl, chair, governor, teacher, ta, lunchtime, office }, headB, teacherB, trustAdmin };
}
export type RequestsWorld = Awaited<ReturnType<typeof requestsWorld>>;

export async function ctxOf(person: { id: string; name: string; email: string }, slug: string) {
  const ctx = await resolveAccess({ id: person.id, name: person.name, email: person.email, authMethod: "password" }, slug);
  if (!ctx) throw new Error("no access");
  return ctx;
}

/** "YYYY-MM-DD", `days` from London today. */
export function dayString(days: number): string {
  const d = londonToday();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Valid answers to every field of a kind. */
export function sampleDetails(key: RequestKindKey, over: Record<string, unknown> = {}): Record<string, unknown> {
  const kind = REQUEST_KINDS[key] as RequestKind;
  const out: Record<string, unknown> = {};
  for (const f of kind.fields) {
    out[f.name] =
      f.type === "date" ? dayString(f.name === "untilDate" ? 7 : 1)
      : f.type === "time" ? (f.name === "endsAt" ? "11:00" : "10:00")
      : f.type === "confirm" ? true
      : `${f.label} (test)`;
  }
  return { ...out, ...over };
}

/** Everything a request action could change in these schools (mail by the schools' links). */
export async function requestState(...schoolIds: string[]) {
  const slugs = (await db.school.findMany({ where: { id: { in: schoolIds } }, select: { slug: true } })).map((s) => `/s/${s.slug}/`);
  const [requests, history, audit, mail] = await Promise.all([
    db.permissionRequest.findMany({ where: { schoolId: { in: schoolIds } }, orderBy: { id: "asc" } }),
    db.permissionRequestHistory.findMany({ where: { schoolId: { in: schoolIds } }, orderBy: { id: "asc" } }),
    db.auditEvent.findMany({ where: { schoolId: { in: schoolIds } }, orderBy: { id: "asc" }, select: { id: true, hash: true } }),
    db.devMail.count({ where: { OR: slugs.map((s) => ({ text: { contains: s } })) } }),
  ]);
  return { requests, history, audit, mail };
}
