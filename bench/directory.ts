// `npm run bench:directory` — the people directory and the staff import on a school of 2,000 members.
//
// Creates a throwaway database `ict_bench_directory_<timestamp>` on the local PostgreSQL
// (BENCH_ADMIN_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres), applies the
// migrations, loads a trust of BENCH_SCHOOLS schools (default 5) of BENCH_MEMBERS members each (default
// 2,000), times what the people page runs per view (searchPeople) for the usual searches, then a staff
// import of a 2,000-row MIS file into an empty school (dry run, apply, and the same file again), prints a
// table and drops the database (also on failure or Ctrl+C).
// Run with `tsx --conditions=react-server` so that "server-only" resolves to its empty build.
import { performance } from "node:perf_hooks";
import os from "node:os";

import { db } from "@/lib/db";
import { countQueries, measurer, migratedDatabase, printTable, type Stat } from "./support";
import { searchPeople } from "@/lib/people/directory";
import { parseDirectoryQuery } from "@/lib/people/directory-query";
import { checkImport, applyImport } from "@/lib/people/import/service";
import { permissionsFor } from "@/lib/authz/permissions";
import type { SchoolContext } from "@/lib/authz/access";
import type { StaffGroup } from "@/generated/prisma/enums";

const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 5);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 2_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 2_000);
let drop: () => Promise<void> = async () => {};
const stats: Stat[] = [];
const queryCount = countQueries();
const measure = measurer(stats, queryCount);

/** A single timed call (an import is not repeated: the second run would find nothing to do). */
async function once(name: string, fn: () => Promise<unknown>, note: (r: unknown) => string = () => "") {
  const q0 = queryCount();
  const t = performance.now();
  const r = await fn();
  const ms = performance.now() - t;
  stats.push({ name, runs: 1, median: ms, p95: ms, queries: queryCount() - q0, note: note(r) });
  console.log(`  ${name}: ${ms.toFixed(0)} ms ${note(r)}`);
  return r;
}

const FORENAMES = ["Amira", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Hamza", "Isla", "Jack", "Kofi", "Lily", "Mo", "Nia", "Oscar", "Priya"];
const SURNAMES = ["Smith", "Patel", "Okafor", "Jones", "Williams", "Khan", "Brown", "Taylor", "Evans", "Nowak", "Murphy", "Ahmed", "Walker", "Wright"];
const GROUPS: StaffGroup[] = ["TEACHER", "TEACHER", "TEACHING_ASSISTANT", "TEACHING_ASSISTANT", "SUPPORT", "OFFICE", "SUPPLY", "VOLUNTEER", "GOVERNOR"];
const nameOf = (i: number) => `${FORENAMES[i % FORENAMES.length]} ${SURNAMES[Math.floor(i / FORENAMES.length) % SURNAMES.length]}-${i}`;

async function main() {
  ({ drop } = await migratedDatabase("ict_bench_directory", () => db.$disconnect()));

  console.log(`load average at the start: ${os.loadavg().map((x) => x.toFixed(1)).join(", ")} on ${os.cpus().length} cores`);
  const t0 = performance.now();
  const org = await db.organisation.create({ data: { name: "Bench Trust", kind: "TRUST" } });
  const schools = [];
  for (let s = 0; s < SCHOOLS; s++) schools.push(await db.school.create({ data: { name: `Bench School ${s}`, slug: `bench-${s}`, urn: String(100000 + s), organisationId: org.id } }));
  for (const [s, school] of schools.entries()) {
    const people = Array.from({ length: MEMBERS }, (_, i) => ({
      id: `p-${s}-${i}`,
      name: nameOf(i),
      email: `${nameOf(i).toLowerCase().replace(/[^a-z0-9]+/g, ".")}.${s}@bench.example`,
      // A few suspended accounts, so the status filters have work to do.
      status: i % 400 === 7 ? ("SUSPENDED" as const) : ("ACTIVE" as const),
    }));
    await db.person.createMany({ data: people });
    await db.membership.createMany({
      data: people.map((p, i) => ({
        schoolId: school.id,
        personId: p.id,
        staffGroup: GROUPS[i % GROUPS.length],
        roles: i === 0 ? ["HEADTEACHER" as const] : i % 97 === 3 ? ["DSL" as const, "STAFF" as const] : ["STAFF" as const],
        jobTitle: i % 3 === 0 ? "Class teacher" : null,
        startDate: new Date("2022-09-01"),
        // 5% have left, 1% are leaving.
        endDate: i % 20 === 19 ? new Date("2025-07-31") : i % 100 === 50 ? new Date("2027-08-31") : null,
      })),
    });
  }
  await db.$executeRawUnsafe(`ANALYZE`);
  console.log(`loaded ${SCHOOLS} schools × ${MEMBERS} members in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const school = { id: schools[0].id, organisationId: org.id };
  const page = (params: Record<string, string>) => searchPeople(school, parseDirectoryQuery(params));
  const n = (r: unknown) => {
    const x = r as Awaited<ReturnType<typeof searchPeople>>;
    return `(${x.people.length} of ${x.total})`;
  };
  console.log("directory (searchPeople: count query + page query, 50 a page):");
  await measure("page 1, no filter", 50, () => page({}), { note: n });
  await measure("last page", 50, () => page({ page: String(Math.ceil((MEMBERS * 0.95) / 50)) }), { note: n });
  await measure("search a surname (\"okafor\")", 50, () => page({ q: "okafor" }), { note: n });
  await measure("search part of an email (\"priya.w\")", 50, () => page({ q: "priya.w" }), { note: n });
  await measure("staff group Teaching assistant", 50, () => page({ group: "TEACHING_ASSISTANT" }), { note: n });
  await measure("role DSL", 50, () => page({ role: "DSL" }), { note: n });
  await measure("status Suspended", 50, () => page({ status: "suspended" }), { note: n });
  await measure("status Left, page 2", 50, () => page({ status: "left", page: "2" }), { note: n });
  await measure("search + group + status, no match", 50, () => page({ q: "zzz", group: "GOVERNOR", status: "active" }), { note: n });

  // The import: a 2,000-row MIS file into a school with only its Headteacher.
  const target = await db.school.create({ data: { name: "Bench Import School", slug: "bench-import", urn: "199999", organisationId: org.id } });
  const head = await db.person.create({ data: { name: "Import Head", email: "head@bench-import.example" } });
  await db.membership.create({ data: { schoolId: target.id, personId: head.id, staffGroup: "TEACHER", roles: ["HEADTEACHER"], startDate: new Date("2020-09-01") } });
  const ctx: SchoolContext = {
    person: { id: head.id, name: head.name, email: head.email, authMethod: "password" },
    school: { id: target.id, slug: target.slug, name: target.name, organisationId: org.id },
    membership: null,
    schoolRoles: ["HEADTEACHER"],
    orgRoles: [],
    permissions: permissionsFor({ isMember: true, schoolRoles: ["HEADTEACHER"], orgRoles: [] }),
  };
  const csv = [
    "Forename,Surname,Work Email,Staff Type,Job Title,Start Date,Leaving Date",
    ...Array.from({ length: IMPORT_ROWS }, (_, i) => `${FORENAMES[i % 16]},Import${i},import.${i}@bench-import.example,${["Teacher", "Teaching Assistant", "Support", "Office"][i % 4]},Post ${i},01/09/2026,`),
  ].join("\r\n");
  const file = Buffer.from(csv).toString("base64");
  console.log(`staff import of ${IMPORT_ROWS} rows (${(csv.length / 1000).toFixed(0)} kB):`);
  const checked = (await once("dry run (read, check, plan)", () => checkImport(ctx, { file }), (r) => {
    const c = r as Awaited<ReturnType<typeof checkImport>>;
    return c.fileError === null ? `(${c.plan?.counts.join} joiners)` : c.fileError;
  })) as Awaited<ReturnType<typeof checkImport>>;
  if (checked.fileError !== null || !checked.plan) throw new Error("the bench file did not check");
  await once("apply (one transaction, audit row each)", () => applyImport(ctx, { file, mapping: checked.mapping, fingerprint: checked.plan!.fingerprint, sendLinks: true }), (r) => `(${JSON.stringify(r)})`);
  const again = (await checkImport(ctx, { file })) as Extract<Awaited<ReturnType<typeof checkImport>>, { fileError: null }>;
  await once("same file again: dry run", () => checkImport(ctx, { file }));
  await once("same file again: apply (changes nothing)", () => applyImport(ctx, { file, mapping: again.mapping, fingerprint: again.plan!.fingerprint, sendLinks: true }), (r) => `(${JSON.stringify(r)})`);

  console.log(`\nload average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(", ")} on ${os.cpus().length} cores`);
  printTable(stats, `${SCHOOLS} schools of ${MEMBERS} members; an import of ${IMPORT_ROWS} rows`);
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => drop());
