import { describe, it, expect } from "vitest";
import { policyContentHash, canonicalPolicyContent, namesMatch, sectionsOf } from "@/lib/policies/content";
import { publicationProblem } from "@/lib/policies/service";
import { createPolicySchema } from "@/lib/policies/schemas";

const version = {
  policyId: "pol_1",
  number: 2,
  title: "Staff Acceptable Use of ICT",
  sections: [{ heading: "Purpose", body: "Text" }],
  statements: ["One", "Two"],
  declarationWording: "I agree.",
  audience: ["TEACHER", "OFFICE"] as ("TEACHER" | "OFFICE")[],
  inductionRequired: true,
  approvedBy: "FGB",
  approvedOn: new Date("2026-09-21T00:00:00Z"),
  reviewDue: new Date("2027-09-21T00:00:00Z"),
  changeSummary: "Changed monitoring.",
};

describe("policyContentHash", () => {
  it("is a SHA-256 over a canonical form that ignores key order and audience order", () => {
    const h = policyContentHash(version);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(policyContentHash({ ...version, audience: ["OFFICE", "TEACHER"] })).toBe(h);
    expect(policyContentHash({ ...version, sections: [{ body: "Text", heading: "Purpose" }] })).toBe(h);
    expect(canonicalPolicyContent(version)).toContain('"format":"policy-version/1"');
    expect(canonicalPolicyContent(version)).toContain('"approvedOn":"2026-09-21"');
  });

  it.each([
    ["title", { title: "Staff AUP" }],
    ["a statement", { statements: ["One", "Two!"] }],
    ["statement order", { statements: ["Two", "One"] }],
    ["declaration wording", { declarationWording: "I agree" }],
    ["a section body", { sections: [{ heading: "Purpose", body: "Text." }] }],
    ["the audience", { audience: ["TEACHER"] }],
    ["induction", { inductionRequired: false }],
    ["approval", { approvedOn: new Date("2026-09-22T00:00:00Z") }],
    ["review date", { reviewDue: null }],
    ["change summary", { changeSummary: null }],
    ["version number", { number: 3 }],
    ["policy", { policyId: "pol_2" }],
  ])("changes when %s changes", (_what, change) => {
    expect(policyContentHash({ ...version, ...change } as typeof version)).not.toBe(policyContentHash(version));
  });
});

describe("namesMatch", () => {
  it.each([
    ["Laura Pemberton-Smith", "laura pemberton-smith", true],
    ["Laura Pemberton-Smith", "  LAURA   Pemberton-Smith ", true],
    ["Laura Pemberton-Smith", "LauraPemberton-Smith", true],
    ["Siobhán O'Neill", "siobhán o’neill", true],
    ["Siobhán O'Neill", "Siobhan O'Neill", false],
    ["Laura Pemberton-Smith", "Laura Smith", false],
    ["Laura Pemberton-Smith", "", false],
    ["Laura Pemberton-Smith", "Laura Pemberton–Smith", true], // en dash typed on a phone
  ])("%s vs %j → %s", (onRecord, typed, expected) => {
    expect(namesMatch(typed, onRecord)).toBe(expected);
  });
});

describe("sectionsOf", () => {
  it("reads stored JSON defensively", () => {
    expect(sectionsOf(null)).toEqual([]);
    expect(sectionsOf("x")).toEqual([]);
    expect(sectionsOf([{ heading: "A", body: "b" }, null, 3, { heading: 1 }])).toEqual([
      { heading: "A", body: "b" },
      { heading: "1", body: "" },
    ]);
  });
});

describe("publicationProblem", () => {
  const ok = { ...version, number: 1 };
  it("accepts a complete draft", () => expect(publicationProblem(ok)).toBeNull());
  it.each([
    [{ sections: [] }, "sections"],
    [{ declarationWording: " " }, "declarationWording"],
    [{ audience: [] }, "audience"],
    [{ approvedBy: null }, "approvedBy"],
    [{ approvedOn: null }, "approvedOn"],
    [{ reviewDue: new Date("2026-09-21T00:00:00Z") }, "reviewDue"],
    [{ number: 2, changeSummary: null }, "changeSummary"],
  ])("%j → %s", (change, field) => {
    expect(publicationProblem({ ...ok, ...change })?.field).toBe(field);
  });
});

describe("createPolicySchema", () => {
  it("drops empty statements, de-duplicates the audience and turns empty dates into null", () => {
    const parsed = createPolicySchema.parse({
      scope: "school",
      title: "  Mobile phones  ",
      sections: [],
      statements: ["  One ", "", "  "],
      declarationWording: "",
      audience: ["TEACHER", "OFFICE", "TEACHER"],
      inductionRequired: false,
      approvedBy: "",
      approvedOn: "",
      reviewDue: "2027-07-01",
    });
    expect(parsed).toMatchObject({
      title: "Mobile phones",
      statements: ["One"],
      audience: ["OFFICE", "TEACHER"],
      approvedBy: null,
      approvedOn: null,
      reviewDue: new Date("2027-07-01T00:00:00Z"),
      dueDays: 14,
      firstReminderDays: 7,
    });
  });
});
