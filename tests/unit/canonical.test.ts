import { describe, it, expect } from "vitest";
import { canonical } from "@/lib/audit/canonical";

describe("canonical form", () => {
  it("does not depend on key order, at any depth", () => {
    const a = { b: 1, a: { d: [1, { z: 1, y: 2 }], c: "x" } };
    const b = { a: { c: "x", d: [1, { y: 2, z: 1 }] }, b: 1 };
    expect(canonical(a)).toBe(canonical(b));
    expect(canonical(a)).toBe('{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it("keeps array order (order in a list is meaning)", () => {
    expect(canonical([1, 2])).not.toBe(canonical([2, 1]));
  });

  it("writes dates as UTC ISO strings, whatever zone they were made in", () => {
    const summer = new Date("2026-07-01T15:04:05.678+01:00");
    expect(canonical({ at: summer })).toBe('{"at":"2026-07-01T14:04:05.678Z"}');
    expect(canonical({ at: summer })).toBe(canonical({ at: new Date("2026-07-01T14:04:05.678Z") }));
    expect(canonical({ nested: [{ at: new Date(0) }] })).toBe('{"nested":[{"at":"1970-01-01T00:00:00.000Z"}]}');
  });

  it("a date and its ISO string give the same form (a row read back from JSON still verifies)", () => {
    const at = new Date("2026-03-29T00:30:00.000Z");
    expect(canonical({ at })).toBe(canonical({ at: at.toISOString() }));
  });

  it("drops undefined properties but keeps null ones", () => {
    expect(canonical({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonical({ a: 1, b: undefined })).toBe(canonical({ a: 1 }));
    expect(canonical({ a: 1, b: null })).toBe('{"a":1,"b":null}');
    expect(canonical({ a: 1, b: null })).not.toBe(canonical({ a: 1 }));
  });

  it("writes undefined in a list, and at the top, as null", () => {
    expect(canonical([1, undefined, 3])).toBe("[1,null,3]");
    expect(canonical(undefined)).toBe("null");
  });

  it("writes big integers as strings", () => {
    expect(canonical({ id: 12345678901234567890n })).toBe('{"id":"12345678901234567890"}');
  });

  it("tells different values apart", () => {
    expect(canonical({ a: 1 })).not.toBe(canonical({ a: "1" }));
    expect(canonical({ a: { b: 1 } })).not.toBe(canonical({ a: { b: 2 } }));
    expect(canonical({ "a.b": 1 })).not.toBe(canonical({ a: { b: 1 } }));
  });
});
