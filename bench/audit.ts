// `npm run bench:audit` — the audit page's queries on one school with a long hash chain.
//
// Creates a throwaway database `ict_bench_audit_<timestamp>` on the local PostgreSQL
// (BENCH_ADMIN_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres), applies the
// migrations, loads one school of 300 people whose chain holds BENCH_AUDIT_EVENTS events (default
// 200,000, spread over two years, valid hashes), times what the audit page runs per view, before and
// after the checkpoint change, prints a table and drops the database (also on failure or Ctrl+C).
// Run with `tsx --conditions=react-server` so that "server-only" resolves to its empty build.
import { performance } from "node:perf_hooks";

import { db } from "@/lib/db";
import { record } from "@/lib/audit/record";
import { hashEvent, GENESIS } from "@/lib/audit/chain";
import { countQueries, measurer, migratedDatabase, printTable, type Stat } from "./support";
import { verifyAuditLog, checkChainSinceCheckpoint } from "@/lib/audit/verify";
import { searchAuditEvents } from "@/lib/audit/queries";
import { parseAuditQuery } from "@/lib/audit/schemas";

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 200_000);
const PEOPLE = 300;
let drop: () => Promise<void> = async () => {};
const stats: Stat[] = [];
const measure = measurer(stats, countQueries());

const ACTIONS: [string, number][] = [
  ["declaration.signed", 40], ["auth.sign_in", 0], ["policy.reminder_sent", 30], ["person.roles_changed", 8], ["person.added", 10],
  ["policy.draft_updated", 8], ["policy.version_published", 2], ["person.suspended", 1], ["person.marked_leaver", 1],
];
const actionAt = (i: number) => {
  let k = i % 100;
  for (const [a, n] of ACTIONS) {
    if (k < n) return a;
    k -= n;
  }
  return "person.added";
};

async function main() {
  const started = performance.now();
  ({ drop } = await migratedDatabase("ict_bench_audit", () => db.$disconnect()));

  const org = await db.organisation.create({ data: { name: "Bench Trust", kind: "TRUST" } });
  const school = await db.school.create({ data: { name: "Bench Primary", slug: "bench", organisationId: org.id } });
  const people = [];
  for (let i = 0; i < PEOPLE; i++) people.push({ id: `bench-person-${i}`, name: `Person ${i} ${["Smith", "Patel", "Okafor", "Jones"][i % 4]}`, email: `p${i}@bench.example` });
  await db.person.createMany({ data: people });
  await db.membership.createMany({
    data: people.map((p) => ({ schoolId: school.id, personId: p.id, staffGroup: "TEACHER" as const, roles: ["STAFF" as const], startDate: new Date("2024-09-01") })),
  });

  const t0 = performance.now();
  const start = Date.parse("2024-09-01T07:00:00Z");
  const span = 2 * 365 * 86_400_000;
  let prev = GENESIS;
  let batch = [];
  for (let seq = 1; seq <= EVENTS; seq++) {
    const actor = people[(seq * 7919) % PEOPLE].id;
    const subject = people[(seq * 104729) % PEOPLE].id;
    const f = {
      chain: school.id, seq, schoolId: school.id, organisationId: org.id, actorId: actor, action: actionAt(seq),
      entityType: "Person", entityId: subject, data: { n: seq }, at: new Date(start + Math.floor((seq / EVENTS) * span)), prevHash: prev,
    };
    const hash = hashEvent(f);
    batch.push({ ...f, hash });
    prev = hash;
    if (batch.length === 5000 || seq === EVENTS) {
      await db.auditEvent.createMany({ data: batch });
      batch = [];
    }
  }
  await db.$executeRawUnsafe(`ANALYZE "AuditEvent"`);
  const loadS = (performance.now() - t0) / 1000;
  console.log(`loaded ${EVENTS} events in ${loadS.toFixed(1)} s`);

  const s = { id: school.id, organisationId: org.id };
  const page = (params: Record<string, string>) => {
    const p = parseAuditQuery(params);
    return searchAuditEvents(s, p.filters, p.cursor);
  };
  const n = (r: unknown) => `(${(r as { events: unknown[] }).events.length} rows)`;

  console.log("timing:");
  await measure(`before: verifyAuditLog(chain), whole chain per view`, 3, () => verifyAuditLog(school.id));
  await measure("after: check since checkpoint, 0 new events", 30, () => checkChainSinceCheckpoint(school.id));
  const add50 = async () => {
    for (let i = 0; i < 50; i++) await db.$transaction((tx) => record(tx, { schoolId: school.id, organisationId: org.id, action: "bench.new" }));
  };
  await measure("after: check since checkpoint, 50 new events", 10, () => checkChainSinceCheckpoint(school.id), { before: add50 });
  await measure("page 1, no filter", 30, () => page({}), { note: n });
  const oldest = await db.auditEvent.findFirstOrThrow({ where: { schoolId: school.id }, orderBy: { id: "asc" }, skip: 60, select: { id: true } });
  await measure("last pages (cursor near the oldest event)", 30, () => page({ before: String(oldest.id) }), { note: n });
  await measure("action = person.suspended (1%)", 30, () => page({ action: "person.suspended" }), { note: n });
  await measure("action = declaration.signed (40%)", 30, () => page({ action: "declaration.signed" }), { note: n });
  await measure("person = 'Person 17 ' (actor or subject)", 30, () => page({ person: "Person 17 " }), { note: n });
  await measure("one month (2025-03-01 to 2025-03-31)", 30, () => page({ from: "2025-03-01", to: "2025-03-31" }), { note: n });
  await measure("action + person + month", 30, () => page({ action: "declaration.signed", person: "Person 17 ", from: "2025-03-01", to: "2025-03-31" }), { note: n });
  await measure("whole page view (page 1 + check since checkpoint)", 30, () => Promise.all([page({}), checkChainSinceCheckpoint(school.id)]));

  const total = (performance.now() - started) / 1000;
  printTable(stats, `${EVENTS} events in one chain`);
  console.log(`\nload ${loadS.toFixed(1)} s; whole run ${total.toFixed(1)} s`);
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => drop());
