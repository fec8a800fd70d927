import { describe, it, expect } from "vitest";
import { newReference, normaliseReference } from "@/lib/seal/reference";

describe("seal references", () => {
  it("are 12 Crockford base-32 characters in three groups, and differ", () => {
    const refs = new Set(Array.from({ length: 200 }, () => newReference()));
    expect(refs.size).toBe(200);
    for (const r of refs) expect(r).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it.each([
    ["7KQ2-M9XD-R4TA", "7KQ2-M9XD-R4TA"],
    ["7kq2 m9xd r4ta", "7KQ2-M9XD-R4TA"],
    ["  7KQ2M9XDR4TA ", "7KQ2-M9XD-R4TA"],
    ["O0IL-ABCD-EFGH", "0011-ABCD-EFGH"],
    ["uuuu-0000-0000", "VVVV-0000-0000"],
    ["7KQ2–M9XD–R4TA", "7KQ2-M9XD-R4TA"],
  ])("reads %j as %s", (typed, stored) => {
    expect(normaliseReference(typed)).toBe(stored);
  });

  it.each(["", "7KQ2-M9XD", "7KQ2-M9XD-R4TA-1", "7KQ2-M9XD-R4T!", "DROP TABLE x;", "x".repeat(100)])("refuses %j", (typed) => {
    expect(normaliseReference(typed)).toBeNull();
  });
});
