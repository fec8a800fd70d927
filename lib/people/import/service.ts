import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { asOrganisationIn, asSchoolIn, scopeOf } from "@/lib/db/scope";
import { record, recordMany } from "@/lib/audit/record";
import { resolveAccess, can, type SchoolContext } from "@/lib/authz/access";
import { mayAssignRole } from "@/lib/authz/permissions";
import { DomainError } from "@/lib/authz/errors";
import { londonToday } from "@/lib/dates";
import { kickMailRunner } from "@/lib/auth/outbox";
import { addPersonIn, changeRolesIn, markLeaverIn, peopleElsewhere } from "@/lib/people/service";
import { mailLeaverKit } from "@/lib/equipment/leavers";
import type { z } from "zod";
import { mappingFor, mappingProblems, normaliseHeader, type ColumnMapping } from "./columns";
import { readRow, readStaffFile } from "./csv";
import { planImport, type ImportPlan, type ImportSchool, type KnownAccount, type PlanRow } from "./plan";
import { rememberedMapping, rememberMapping } from "./mapping";
import type { applyImportSchema, checkImportSchema, endLeaversSchema } from "./schemas";

type File = { headers: string[]; records: string[][] };

function readFile(base64: string): File {
  const file = readStaffFile(new Uint8Array(Buffer.from(base64, "base64")));
  if (!file.ok) throw new DomainError(file.error, "file");
  return file;
}

function problemsOf(file: File, mapping: ColumnMapping): string[] {
  const missing = Object.values(mapping).filter((h) => h && !file.headers.includes(normaliseHeader(h)));
  return [...mappingProblems(mapping), ...missing.map((h) => `The file has no column called “${h}”.`)];
}

/**
 * The schools the rows go to. Without a school column, the school the import runs in. With one (a trust's
 * file), each value is a URN or web-address name of a school of the same organisation where the person
 * importing may manage people, with their standing in that school, as if they had opened it.
 */
async function schoolResolver(ctx: SchoolContext, values: (string | null)[]) {
  const contexts = new Map<string, SchoolContext>([[ctx.school.id, ctx]]);
  const byValue = new Map<string, SchoolContext | string>();
  const wanted = [...new Set(values.filter((v): v is string => !!v).map((v) => v.toLowerCase()))];
  if (wanted.length > 0) {
    const schools = await db.school.findMany({
      where: { organisationId: ctx.school.organisationId, OR: [{ urn: { in: wanted } }, { slug: { in: wanted } }] },
      select: { slug: true, urn: true },
    });
    for (const v of wanted) {
      const s = schools.find((x) => x.slug === v || x.urn?.toLowerCase() === v);
      const there = s ? (s.slug === ctx.school.slug ? ctx : await resolveAccess(ctx.person, s.slug)) : null;
      if (there && can(there, "people:manage")) {
        contexts.set(there.school.id, there);
        byValue.set(v, there);
      } else byValue.set(v, `“${v}” is not a school of ${s ? "yours where you manage people" : "your organisation"} (give its URN).`);
    }
  }
  return { contexts, of: (value: string | null) => (value === null ? ctx : (byValue.get(value.toLowerCase()) ?? "Enter the school's URN.")) };
}

/** Reads the file against the schools' lists as they are in `tx`: the dry run and the apply share it. */
async function planFor(tx: Tx, ctx: SchoolContext, file: File, mapping: ColumnMapping) {
  const rows = file.records.map((r, i) => readRow(file.headers, r, mapping, i + 2));
  const schools = await schoolResolver(ctx, mapping.school ? rows.map((r) => r.school) : []);
  const ids = [...schools.contexts.keys()];
  const emails = [...new Set(rows.map((r) => r.email).filter(Boolean))];
  // The listed schools' staff in one read per organisation (a trust's file: its organisation's read-only
  // scope; row-level security shows no school's memberships from another school's scope).
  const byOrganisation = new Map<string, string[]>();
  for (const [id, sctx] of schools.contexts) byOrganisation.set(sctx.school.organisationId, [...(byOrganisation.get(sctx.school.organisationId) ?? []), id]);
  const staffOf = (schoolIds: string[]) => tx.membership.findMany({
    where: { schoolId: { in: schoolIds } },
    select: { id: true, schoolId: true, personId: true, staffGroup: true, jobTitle: true, roles: true, startDate: true, endDate: true, person: { select: { name: true, email: true } } },
  });
  const members: Awaited<ReturnType<typeof staffOf>> = [];
  for (const [organisationId, schoolIds] of byOrganisation)
    members.push(...(await asOrganisationIn(tx, { organisationId, personId: ctx.person.id }, () => staffOf(schoolIds))));
  const people = await tx.person.findMany({ where: { email: { in: emails } }, select: { id: true, name: true, email: true } });
  const targets = new Map<string, ImportSchool>();
  for (const [id, sctx] of schools.contexts)
    targets.set(id, {
      id,
      slug: sctx.school.slug,
      name: sctx.school.name,
      members: members.filter((m) => m.schoolId === id).map((m) => ({ ...m, name: m.person.name, email: m.person.email })),
      mayAssign: (role) => mayAssignRole(sctx, role),
    });
  const org = ctx.school.organisationId;
  // Only someone who may join one of these schools needs asking about other organisations: all of them in one question.
  const schoolsOf = new Map<string, number>();
  for (const m of members) schoolsOf.set(m.personId, (schoolsOf.get(m.personId) ?? 0) + 1);
  const joining = people.filter((p) => (schoolsOf.get(p.id) ?? 0) < ids.length).map((p) => p.id);
  const elsewhere = await peopleElsewhere(tx, joining, org);
  const accounts = new Map<string, KnownAccount>(people.map((p) => [p.email, { id: p.id, name: p.name, elsewhere: elsewhere.has(p.id) }]));
  const plan = planImport({
    rows,
    schoolOf: (r) => {
      const s = schools.of(mapping.school ? r.school : null);
      return typeof s === "string" ? s : targets.get(s.school.id)!;
    },
    accounts,
    actorId: ctx.person.id,
    today: londonToday(),
  });
  return { plan, accounts, contexts: schools.contexts, schoolNames: Object.fromEntries([...targets.values()].map((t) => [t.id, t.name])) };
}

export type CheckResult =
  | { fileError: string }
  | { fileError: null; headers: string[]; mapping: ColumnMapping; problems: string[]; total: number; plan: ImportPlan | null; schoolNames: Record<string, string> };

/** The dry run: reads and checks the file, and says what an import would do. Writes nothing. */
export async function checkImport(ctx: SchoolContext, input: z.output<typeof checkImportSchema>): Promise<CheckResult> {
  const read = readStaffFile(new Uint8Array(Buffer.from(input.file, "base64")));
  if (!read.ok) return { fileError: read.error };
  const mapping = input.mapping ?? mappingFor(read.headers, await rememberedMapping(ctx));
  const problems = problemsOf(read, mapping);
  const base = { fileError: null, headers: read.headers, mapping, problems, total: read.records.length };
  if (problems.length > 0) return { ...base, plan: null, schoolNames: {} };
  const { plan, schoolNames } = await db.$transaction((tx) => planFor(tx, ctx, read, mapping), { maxWait: 10_000, timeout: 60_000 });
  return { ...base, plan, schoolNames };
}

/**
 * Applies a checked file in ONE transaction: joiners added and appointments changed through the same
 * services as by hand (each with its audit row), one summary row per school, and sign-in links queued for
 * joiners if asked. Leavers are never ended here (endLeavers, on a separate click). Refused, with nothing
 * written, if any row is wrong or the plan is not the one the person saw.
 */
export async function applyImport(ctx: SchoolContext, input: z.output<typeof applyImportSchema>) {
  const file = readFile(input.file);
  const problems = problemsOf(file, input.mapping);
  if (problems.length > 0) throw new DomainError(problems[0], "mapping");
  const sha256 = createHash("sha256").update(Buffer.from(input.file, "base64")).digest("hex");
  const out = await db.$transaction(
    async (tx) => {
      // One import at a time per organisation: two at once would each plan against the list before the other.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`staff-import:${ctx.school.organisationId}`}))`;
      const { plan, accounts, contexts } = await planFor(tx, ctx, file, input.mapping);
      if (plan.counts.error > 0) throw new DomainError(`${plan.counts.error} row${plan.counts.error > 1 ? "s need" : " needs"} correcting first: nothing was imported.`, "file");
      if (plan.fingerprint !== input.fingerprint) throw new DomainError("The list of staff has changed since this file was checked: nothing was imported. Check the file again.", "file");
      const perSchool = new Map<string, { joined: number; changed: number }>();
      const tally = (schoolId: string) => perSchool.get(schoolId) ?? perSchool.set(schoolId, { joined: 0, changed: 0 }).get(schoolId)!;
      const writes = plan.rows.filter((r) => r.kind === "join" || r.kind === "change");
      // Changes, and joiners whose account already exists (its name and other organisations matter),
      // go through the same services as by hand, in file order.
      for (const r of writes.filter((x) => x.change || accounts.has(x.email))) {
        const sctx = contexts.get(r.schoolId!)!;
        try {
          // Each school's rows in that school's scope, as if its page had been used.
          await asSchoolIn(tx, scopeOf(sctx), async () => {
            if (r.join) await addPersonIn(tx, sctx, { ...r.join, email: r.email });
            else await changeAppointment(tx, sctx, r.membershipId!, r.change!);
          });
        } catch (e) {
          if (e instanceof DomainError) throw new DomainError(`Line ${r.line}: ${e.message} Nothing was imported.`, "file");
          throw e;
        }
        tally(sctx.school.id)[r.join ? "joined" : "changed"]++;
      }
      // New accounts, usually nearly all of a first import, in bulk: what addPerson writes for a new
      // address (the account, the membership, a person.added row), a few statements for thousands of rows.
      const fresh = writes.filter((x) => x.join && !accounts.has(x.email));
      await addNewPeople(tx, ctx, contexts, fresh);
      for (const r of fresh) tally(r.schoolId!).joined++;
      const joined = writes.filter((r) => r.join).map((r) => r.email);
      for (const [schoolId, counts] of perSchool) {
        const sctx = contexts.get(schoolId)!;
        await asSchoolIn(tx, scopeOf(sctx), () => record(tx, {
          schoolId,
          organisationId: sctx.school.organisationId,
          actorId: ctx.person.id,
          action: "people.imported",
          entityType: "School",
          entityId: schoolId,
          data: { fileSha256: sha256, rows: file.records.length, ...counts, mapping: input.mapping, sendLinks: input.sendLinks },
        }));
      }
      if (input.sendLinks && joined.length > 0) await tx.mailRequest.createMany({ data: joined.map((email) => ({ kind: "magic-link", email })) });
      return { joined: joined.length, changed: plan.counts.change, unchanged: plan.counts.same };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  if (input.sendLinks && out.joined > 0) kickMailRunner();
  await rememberMapping(ctx, input.mapping);
  return out;
}

async function addNewPeople(tx: Tx, ctx: SchoolContext, contexts: Map<string, SchoolContext>, rows: PlanRow[]) {
  if (rows.length === 0) return;
  // One account per address, even when a trust's file puts a new person in two schools.
  const firstRows = [...new Map(rows.map((r) => [r.email, r])).values()];
  // Raw INSERT … SELECT FROM unnest(): one parameter a column, about ten times faster than createMany for
  // thousands of rows (bench/README.md). Ids are random UUIDs rather than Prisma's client-side cuids.
  const people = firstRows.map((r) => ({ id: randomUUID(), name: r.join!.name, email: r.email }));
  await tx.$executeRaw`
    INSERT INTO "Person" (id, name, email, "updatedAt")
    SELECT i, n, e, now() FROM unnest(${people.map((p) => p.id)}::text[], ${people.map((p) => p.name)}::text[], ${people.map((p) => p.email)}::text[]) AS t(i, n, e)`;
  const byEmail = new Map(people.map((p) => [p.email, p]));
  for (const [schoolId, sctx] of contexts) {
    const here = rows.filter((r) => r.schoolId === schoolId);
    if (here.length === 0) continue;
    await asSchoolIn(tx, scopeOf(sctx), () => addMembersHere(tx, ctx, sctx, here, byEmail));
  }
}

/** addNewPeople's memberships and person.added rows for one school, in that school's scope. */
async function addMembersHere(tx: Tx, ctx: SchoolContext, sctx: SchoolContext, here: PlanRow[], byEmail: Map<string, { id: string; name: string; email: string }>) {
  const schoolId = sctx.school.id;
  const memberships = here.map((r) => ({ id: randomUUID(), personId: byEmail.get(r.email)!.id, ...r.join! }));
  await tx.$executeRaw`
    INSERT INTO "Membership" (id, "schoolId", "personId", "staffGroup", "jobTitle", roles, "startDate", "updatedAt")
    SELECT i, ${schoolId}, p, g::"StaffGroup", j, string_to_array(r, ',')::"SchoolRole"[], d, now()
    FROM unnest(${memberships.map((m) => m.id)}::text[], ${memberships.map((m) => m.personId)}::text[], ${memberships.map((m) => m.staffGroup)}::text[],
      ${memberships.map((m) => m.jobTitle)}::text[], ${memberships.map((m) => m.roles.join(","))}::text[], ${memberships.map((m) => m.startDate.toISOString().slice(0, 10))}::date[]) AS t(i, p, g, j, r, d)`;
  const membershipOf = new Map(memberships.map((m) => [m.personId, m.id]));
  await recordMany(
    tx,
    sctx.school,
    here.map((r) => {
      const person = byEmail.get(r.email)!;
      const { staffGroup, roles, startDate } = r.join!;
      return { actorId: ctx.person.id, action: "person.added", entityType: "Membership", entityId: membershipOf.get(person.id), data: { personId: person.id, name: person.name, email: r.email, staffGroup, roles, startDate } };
    }),
  );
}

async function changeAppointment(tx: Tx, ctx: SchoolContext, membershipId: string, change: NonNullable<ImportPlan["rows"][number]["change"]>) {
  const { roles, ...details } = change;
  if (roles) await changeRolesIn(tx, ctx, { membershipId, roles });
  if (Object.keys(details).length === 0) return;
  const m = await tx.membership.findFirstOrThrow({ where: { id: membershipId, schoolId: ctx.school.id } });
  await tx.membership.update({ where: { id: m.id }, data: details });
  const from = Object.fromEntries(Object.keys(details).map((k) => [k, m[k as keyof typeof details]]));
  await record(tx, {
    schoolId: ctx.school.id,
    organisationId: ctx.school.organisationId,
    actorId: ctx.person.id,
    action: "person.appointment_changed",
    entityType: "Membership",
    entityId: m.id,
    data: { personId: m.personId, from, to: details },
  });
}

/** Ends the chosen leavers' memberships, each as "Mark as leaver" does, in one transaction. */
export async function endLeavers(ctx: SchoolContext, input: z.output<typeof endLeaversSchema>) {
  await db.$transaction(
    async (tx) => {
      for (const l of input.leavers) await markLeaverIn(tx, ctx, l);
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  // Equipment: tell the Business Manager what each leaver still holds (after the change is committed).
  for (const l of input.leavers) await mailLeaverKit(ctx, l.membershipId);
  return { ended: input.leavers.length };
}
