import { describe, it, expect } from "vitest";
import { addPersonSchema, changeRolesSchema, markLeaverSchema, setSuspendedSchema } from "@/lib/people/schemas";
import { emailAddress, personName, optionalText, dateField } from "@/lib/validation";
import { fieldErrorsOf } from "@/lib/authz/action";
import type { z } from "zod";

const valid = {
  name: "  Ada Lovelace ",
  email: " Ada.Lovelace@Example.ORG.uk ",
  staffGroup: "TEACHER",
  jobTitle: "Year 3 teacher",
  roles: ["STAFF", "DSL", "STAFF"],
  startDate: "2026-09-01",
};

function errorsOf(schema: z.ZodType, input: unknown): Record<string, string> {
  const r = schema.safeParse(input);
  expect(r.success).toBe(false);
  return fieldErrorsOf(r.error!);
}

describe("addPersonSchema", () => {
  it("parses a valid person: trimmed name, lower-cased email, UTC date, roles once each", () => {
    const r = addPersonSchema.safeParse(valid);
    expect(r.success).toBe(true);
    expect(r.data).toEqual({
      name: "Ada Lovelace",
      email: "ada.lovelace@example.org.uk",
      staffGroup: "TEACHER",
      jobTitle: "Year 3 teacher",
      roles: ["STAFF", "DSL"],
      startDate: new Date("2026-09-01T00:00:00.000Z"),
    });
  });

  it("turns an empty job title into null and allows it to be left out", () => {
    expect(addPersonSchema.parse({ ...valid, jobTitle: "   " }).jobTitle).toBeNull();
    const { jobTitle: _omit, ...noTitle } = valid;
    expect(addPersonSchema.parse(noTitle).jobTitle).toBeUndefined();
  });

  it("rejects unknown fields (a forged form cannot set status or password)", () => {
    for (const extra of [{ status: "ACTIVE" }, { passwordHash: "x" }, { schoolId: "other" }]) {
      const r = addPersonSchema.safeParse({ ...valid, ...extra });
      expect(r.success).toBe(false);
      const issue = r.error!.issues.find((i) => i.code === "unrecognized_keys");
      expect(issue && "keys" in issue ? issue.keys : []).toEqual(Object.keys(extra));
      expect(fieldErrorsOf(r.error!)._form).toContain(Object.keys(extra)[0]);
    }
  });

  it("says what is wrong with a bad email", () => {
    for (const email of ["not-an-email", "x@y.z", "ada@", "@example.org.uk", "ada lovelace@example.org.uk"]) {
      expect(errorsOf(addPersonSchema, { ...valid, email }).email, email).toBe("Enter an email address like name@school.org.uk");
    }
    expect(errorsOf(addPersonSchema, { ...valid, email: "   " }).email).toBe("Enter an email address");
    expect(errorsOf(addPersonSchema, { ...valid, email: `${"a".repeat(250)}@example.org.uk` }).email).toBeDefined();
  });

  it("says what is wrong with the start date", () => {
    expect(errorsOf(addPersonSchema, { ...valid, startDate: "" }).startDate).toBe("Enter the start date");
    expect(errorsOf(addPersonSchema, { ...valid, startDate: "2026-02-30" }).startDate).toBe("Enter the start date as a real date");
    expect(errorsOf(addPersonSchema, { ...valid, startDate: "01/09/2026" }).startDate).toBe("Enter the start date as a real date");
    const { startDate: _omit, ...noDate } = valid;
    expect(errorsOf(addPersonSchema, noDate).startDate).toBe("Enter the start date");
  });

  it("says what is wrong with the name", () => {
    expect(errorsOf(addPersonSchema, { ...valid, name: " A " }).name).toBe("Enter the person's full name");
    expect(errorsOf(addPersonSchema, { ...valid, name: "x".repeat(121) }).name).toBe("Name must be 120 characters or fewer");
    const { name: _omit, ...noName } = valid;
    expect(errorsOf(addPersonSchema, noName).name).toBe("Enter the person's full name");
  });

  it("rejects an unknown staff group or role, and too many roles", () => {
    expect(errorsOf(addPersonSchema, { ...valid, staffGroup: "WIZARD" }).staffGroup).toBe("Choose a staff group");
    expect(Object.keys(errorsOf(addPersonSchema, { ...valid, roles: ["SUPERUSER"] }))).toEqual(["roles.0"]);
    expect(Object.keys(errorsOf(addPersonSchema, { ...valid, roles: Array(11).fill("STAFF") }))).toEqual(["roles"]);
    expect(errorsOf(addPersonSchema, { ...valid, jobTitle: "x".repeat(121) }).jobTitle).toBe("Job title must be 120 characters or fewer");
  });

  it("reports every bad field at once, the first message per field", () => {
    const errors = errorsOf(addPersonSchema, { ...valid, name: "", email: "nope", startDate: "2026-02-30", staffGroup: "" });
    expect(Object.keys(errors).sort()).toEqual(["email", "name", "staffGroup", "startDate"]);
  });
});

describe("changeRolesSchema, markLeaverSchema, setSuspendedSchema", () => {
  it("parse valid input", () => {
    expect(changeRolesSchema.parse({ membershipId: "m1", roles: ["DPO", "DPO"] })).toEqual({ membershipId: "m1", roles: ["DPO"] });
    expect(changeRolesSchema.parse({ membershipId: "m1", roles: [] })).toEqual({ membershipId: "m1", roles: [] });
    expect(markLeaverSchema.parse({ membershipId: "m1", endDate: "2026-07-22" })).toEqual({
      membershipId: "m1",
      endDate: new Date("2026-07-22T00:00:00.000Z"),
    });
    expect(setSuspendedSchema.parse({ membershipId: "m1", suspended: true })).toEqual({ membershipId: "m1", suspended: true });
  });

  it("reject unknown fields", () => {
    expect(changeRolesSchema.safeParse({ membershipId: "m1", roles: [], schoolId: "x" }).success).toBe(false);
    expect(markLeaverSchema.safeParse({ membershipId: "m1", endDate: "2026-07-22", status: "LEFT" }).success).toBe(false);
    expect(setSuspendedSchema.safeParse({ membershipId: "m1", suspended: true, personId: "p" }).success).toBe(false);
  });

  it("need a membership id of sensible length", () => {
    expect(Object.keys(errorsOf(changeRolesSchema, { membershipId: "", roles: [] }))).toEqual(["membershipId"]);
    expect(Object.keys(errorsOf(changeRolesSchema, { membershipId: "x".repeat(65), roles: [] }))).toEqual(["membershipId"]);
    expect(Object.keys(errorsOf(markLeaverSchema, { membershipId: 42, endDate: "2026-07-22" }))).toEqual(["membershipId"]);
  });

  it("name the leaving date in its errors", () => {
    expect(errorsOf(markLeaverSchema, { membershipId: "m1", endDate: "" }).endDate).toBe("Enter the leaving date");
    expect(errorsOf(markLeaverSchema, { membershipId: "m1", endDate: "2026-02-30" }).endDate).toBe("Enter the leaving date as a real date");
  });

  it("take suspended only as a boolean", () => {
    expect(Object.keys(errorsOf(setSuspendedSchema, { membershipId: "m1", suspended: "true" }))).toEqual(["suspended"]);
  });
});

describe("shared field rules", () => {
  it("emailAddress lower-cases and trims", () => {
    expect(emailAddress.parse("  Head@School.Org.UK ")).toBe("head@school.org.uk");
  });

  it("personName trims", () => {
    expect(personName.parse("  Grace Hopper ")).toBe("Grace Hopper");
  });

  it("optionalText allows null and missing, and limits length", () => {
    const t = optionalText(5, "Note");
    expect(t.parse(null)).toBeNull();
    expect(t.parse(undefined)).toBeUndefined();
    expect(t.parse(" ab ")).toBe("ab");
    expect(t.safeParse("abcdef").error?.issues[0].message).toBe("Note must be 5 characters or fewer");
  });

  it("dateField trims and rejects impossible dates", () => {
    const d = dateField("review date");
    expect(d.parse(" 2027-03-31 ")).toEqual(new Date("2027-03-31T00:00:00.000Z"));
    expect(d.safeParse("2027-04-31").error?.issues[0].message).toBe("Enter the review date as a real date");
  });
});
