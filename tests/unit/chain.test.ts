import { describe, it, expect } from "vitest";
import { hashEvent, findBrokenLink, GENESIS, type ChainedFields } from "@/lib/audit/chain";

type Row = ChainedFields & { id: bigint; hash: string };

/** A valid chain of n events, built the way record() builds them. */
function buildChain(n: number, chain = "school-1"): Row[] {
  const rows: Row[] = [];
  let prev = GENESIS;
  for (let i = 1; i <= n; i++) {
    const fields: ChainedFields = {
      chain,
      seq: i,
      schoolId: chain,
      organisationId: "org-1",
      actorId: `person-${i}`,
      action: i % 2 ? "person.added" : "person.roles_changed",
      entityType: "Membership",
      entityId: `m-${i}`,
      data: { n: i, roles: ["STAFF"], nested: { when: "2026-09-05T00:00:00.000Z" } },
      at: new Date(Date.UTC(2026, 8, 5, 8, 0, i)),
      prevHash: prev,
    };
    const hash = hashEvent(fields);
    rows.push({ ...fields, id: BigInt(100 + i), hash });
    prev = hash;
  }
  return rows;
}

const clone = (rows: Row[]): Row[] => rows.map((r) => ({ ...r, data: structuredClone(r.data), at: new Date(r.at) }));

describe("hashEvent", () => {
  const base = buildChain(1)[0];

  it("is deterministic, a 64-hex SHA-256, and ignores key order in data", () => {
    const again = { ...base, data: { nested: { when: "2026-09-05T00:00:00.000Z" }, roles: ["STAFF"], n: 1 } };
    expect(hashEvent(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEvent(base)).toBe(hashEvent({ ...base }));
    expect(hashEvent(again)).toBe(hashEvent(base));
  });

  it("changes when any chained field changes", () => {
    const h = hashEvent(base);
    const variants: Partial<ChainedFields>[] = [
      { chain: "school-2" },
      { seq: 2 },
      { schoolId: "school-2" },
      { organisationId: null },
      { actorId: "someone-else" },
      { action: "person.removed" },
      { entityType: "Person" },
      { entityId: "m-999" },
      { data: { n: 2, roles: ["STAFF"], nested: { when: "2026-09-05T00:00:00.000Z" } } },
      { at: new Date(base.at.getTime() + 1) },
      { prevHash: "f".repeat(64) },
    ];
    for (const v of variants) expect(hashEvent({ ...base, ...v }), JSON.stringify(v)).not.toBe(h);
  });

  it("gives the same hash for the same instant however it is written", () => {
    const at = new Date("2026-07-01T09:00:00.000+01:00");
    expect(hashEvent({ ...base, at })).toBe(hashEvent({ ...base, at: new Date("2026-07-01T08:00:00.000Z") }));
  });
});

describe("findBrokenLink", () => {
  it("accepts a valid chain, and an empty one", () => {
    expect(findBrokenLink(buildChain(6))).toBeNull();
    expect(findBrokenLink([])).toBeNull();
  });

  it("names the row whose data was edited", () => {
    const rows = clone(buildChain(6));
    (rows[3].data as { n: number }).n = 99;
    expect(findBrokenLink(rows)).toEqual({ chain: "school-1", seq: 4, id: "104", reason: "content does not match its hash" });
  });

  it("names the row whose time, actor or action was edited", () => {
    for (const edit of [
      (r: Row) => (r.at = new Date(r.at.getTime() + 1000)),
      (r: Row) => (r.actorId = "intruder"),
      (r: Row) => (r.action = "nothing.happened"),
    ]) {
      const rows = clone(buildChain(5));
      edit(rows[2]);
      expect(findBrokenLink(rows)).toMatchObject({ seq: 3, id: "103" });
    }
  });

  it("names the row whose own hash was edited (the first broken link, not the next row)", () => {
    const rows = clone(buildChain(5));
    rows[1].hash = "a".repeat(64);
    expect(findBrokenLink(rows)).toEqual({ chain: "school-1", seq: 2, id: "102", reason: "content does not match its hash" });
  });

  it("catches a row rewritten with a consistent new hash: the next row's link breaks", () => {
    const rows = clone(buildChain(5));
    rows[1].data = { n: 2, forged: true };
    rows[1].hash = hashEvent(rows[1]);
    expect(findBrokenLink(rows)).toEqual({ chain: "school-1", seq: 3, id: "103", reason: "previous hash does not match" });
  });

  it("catches a removed row", () => {
    const rows = buildChain(5);
    const removed = [...rows.slice(0, 2), ...rows.slice(3)];
    expect(findBrokenLink(removed)).toEqual({ chain: "school-1", seq: 4, id: "104", reason: "expected sequence 3" });
  });

  it("catches a removed first row", () => {
    expect(findBrokenLink(buildChain(3).slice(1))).toMatchObject({ seq: 2, id: "102", reason: "expected sequence 1" });
  });

  it("catches reordered rows", () => {
    const rows = buildChain(5);
    const swapped = [rows[0], rows[2], rows[1], rows[3], rows[4]];
    expect(findBrokenLink(swapped)).toMatchObject({ seq: 3, id: "103", reason: "expected sequence 2" });
  });

  it("catches reordered rows whose sequence numbers were renumbered too", () => {
    const rows = clone(buildChain(4));
    [rows[1].seq, rows[2].seq] = [3, 2];
    const swapped = [rows[0], rows[2], rows[1], rows[3]];
    expect(findBrokenLink(swapped)).toMatchObject({ seq: 2, id: "103" });
  });

  it("catches a wrong previous hash, on the first row and in the middle", () => {
    const first = clone(buildChain(3));
    first[0].prevHash = "1".repeat(64);
    expect(findBrokenLink(first)).toEqual({ chain: "school-1", seq: 1, id: "101", reason: "previous hash does not match" });
    const middle = clone(buildChain(3));
    middle[2].prevHash = middle[0].hash;
    expect(findBrokenLink(middle)).toEqual({ chain: "school-1", seq: 3, id: "103", reason: "previous hash does not match" });
  });

  it("names only the FIRST broken link when several are broken", () => {
    const rows = clone(buildChain(6));
    (rows[4].data as { n: number }).n = 50;
    (rows[1].data as { n: number }).n = 20;
    expect(findBrokenLink(rows)).toMatchObject({ seq: 2, id: "102" });
  });

  it("does not accept a chain spliced from two schools", () => {
    const a = buildChain(3, "school-a");
    const b = buildChain(3, "school-b");
    expect(findBrokenLink([a[0], b[1], a[2]])).toMatchObject({ seq: 2, id: "102", reason: "previous hash does not match" });
  });

  it("accepts string ids (as a JSON export would carry them)", () => {
    const rows = buildChain(2).map((r) => ({ ...r, id: String(r.id) }));
    expect(findBrokenLink(rows)).toBeNull();
  });
});
