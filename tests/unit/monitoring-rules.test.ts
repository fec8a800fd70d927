import { describe, it, expect } from "vitest";
import { MonitoringKind, MonitoringGround, MonitoringStatus } from "@/generated/prisma/enums";
import { requestSchema, decideSchema } from "@/lib/monitoring/schemas";
import { KIND_LABELS, GROUND_LABELS, STATUS_LABELS, MAX_DAYS } from "@/lib/monitoring/terms";
import { authorisationSnapshot, snapshotHash } from "@/lib/monitoring/snapshot";
import { londonDateString } from "@/lib/dates";

const day = (n: number) => londonDateString(new Date(Date.now() + n * 86_400_000));
const input = (startsIn: number, endsIn: number) => ({
  subjectId: "person-1",
  kinds: ["EMAIL"],
  grounds: ["SUSPECTED_CRIME"],
  necessity: "A sentence or two on why this is necessary and proportionate.",
  alternatives: "A sentence or two on the less intrusive options considered.",
  dpiaReference: "",
  startsOn: day(startsIn),
  endsOn: day(endsIn),
});

describe("the words of the seeds, as data", () => {
  it("labels every kind, ground and status of the schema", () => {
    expect(Object.keys(KIND_LABELS).sort()).toEqual(Object.values(MonitoringKind).sort());
    expect(Object.keys(GROUND_LABELS).sort()).toEqual(Object.values(MonitoringGround).sort());
    expect(Object.keys(STATUS_LABELS).sort()).toEqual(Object.values(MonitoringStatus).sort());
  });
});

describe("the period: at most 30 days counting the first and last, starting no earlier than today", () => {
  it.each([
    [0, 0, null],
    [0, MAX_DAYS - 1, null],
    [3, 3 + MAX_DAYS - 1, null],
    [0, MAX_DAYS, "endsOn"],
    [5, 4, "endsOn"],
    [-1, 10, "startsOn"],
  ] as const)("from day %i to day %i → %s", (start, end, refusedField) => {
    const res = requestSchema.safeParse(input(start, end));
    if (refusedField === null) expect(res.success).toBe(true);
    else expect(res.success ? [] : res.error.issues.map((i) => i.path.join("."))).toEqual([refusedField]);
  });
});

describe("a decision", () => {
  it.each([
    ["APPROVED", "", true],
    ["APPROVED", "Conditions", true],
    ["DECLINED", "", false],
    ["DECLINED", "Not proportionate", true],
  ] as const)("%s with reason %j → valid %s", (decision, reason, ok) => {
    expect(decideSchema.safeParse({ authorisationId: "a1", decision, reason }).success).toBe(ok);
  });
});

describe("the hash of what was decided", () => {
  const a = {
    id: "a1", schoolId: "s1", requesterId: "p1", subjectId: "p2", kinds: ["FILES", "EMAIL"], grounds: ["SYSTEM_SECURITY"],
    necessity: "n", alternatives: "o", dpiaReference: null, startsOn: new Date("2026-12-02T00:00:00Z"), endsOn: new Date("2026-12-15T00:00:00Z"),
    createdAt: new Date("2026-12-02T09:00:00Z"),
  };
  it("is the same whatever the order of the choices, and changes with any word of the request", () => {
    expect(snapshotHash(authorisationSnapshot(a))).toBe(snapshotHash(authorisationSnapshot({ ...a, kinds: ["EMAIL", "FILES"] })));
    expect(snapshotHash(authorisationSnapshot(a))).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshotHash(authorisationSnapshot({ ...a, necessity: "m" }))).not.toBe(snapshotHash(authorisationSnapshot(a)));
    expect(snapshotHash(authorisationSnapshot({ ...a, endsOn: new Date("2026-12-16T00:00:00Z") }))).not.toBe(snapshotHash(authorisationSnapshot(a)));
  });
});
