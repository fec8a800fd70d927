import { describe, it, expect } from "vitest";
import { guessMapping, mappingFor, mappingProblems, rolesOf, staffGroupOf } from "@/lib/people/import/columns";
import { parseUkOrIsoDate, readRow, readStaffFile } from "@/lib/people/import/csv";

const bytes = (s: string) => new Uint8Array(Buffer.from(s));

describe("staff import: column names from the MIS", () => {
  it.each([
    [["Forename", "Surname", "Work Email", "Staff Type", "Start Date"], { forename: "forename", surname: "surname", email: "work email", staffGroup: "staff type", startDate: "start date" }],
    [["Legal Surname", "Legal Forename", "Email Address", "Role", "Employment Start Date", "Leaving Date", "URN"], { forename: "legal forename", surname: "legal surname", email: "email address", staffGroup: "role", startDate: "employment start date", endDate: "leaving date", school: "urn" }],
    [["Full Name", "E-mail", "Category", "Job Title", "Started"], { name: "full name", email: "e-mail", staffGroup: "category", jobTitle: "job title", startDate: "started" }],
  ])("%j is mapped without help", (headers, expected) => {
    expect(guessMapping(headers.map((h) => h.toLowerCase()))).toEqual(expected);
  });

  it("a remembered mapping is used where its columns are still in the file", () => {
    const remembered = { name: "staff", email: "mail", staffGroup: "kind", startDate: "from" };
    expect(mappingFor(["staff", "mail", "kind", "from"], remembered)).toEqual(remembered);
    expect(mappingFor(["forename", "surname", "email"], remembered)).toEqual({ forename: "forename", surname: "surname", email: "email" });
  });

  it.each([
    [{ email: "e", name: "n", staffGroup: "g", startDate: "s" }, []],
    [{ email: "e", forename: "f", surname: "s", staffGroup: "g", startDate: "d" }, []],
    [{ email: "e", forename: "f", staffGroup: "g", startDate: "d" }, ["Choose the column with the full name, or the forename and surname columns."]],
    [{ name: "n", staffGroup: "n", startDate: "d" }, ["Choose the column that holds the email address.", "Each column can hold one field only."]],
  ])("mapping %j has problems %j", (m, problems) => {
    expect(mappingProblems(m)).toEqual(problems);
  });
});

describe("staff import: values", () => {
  it.each([
    ["Teacher", "TEACHER"], ["teaching assistant", "TEACHING_ASSISTANT"], ["HLTA", "TEACHING_ASSISTANT"], ["Support Staff", "SUPPORT"],
    ["Admin", "OFFICE"], ["Supply", "SUPPLY"], ["Governor", "GOVERNOR"], ["Astronaut", null], ["", null],
  ])("staff group %j → %j", (v, g) => expect(staffGroupOf(v)).toBe(g));

  it.each([
    ["DSL; ICT lead", ["DSL", "ICT_LEAD"], []], ["Head teacher", ["HEADTEACHER"], []], ["Staff, SBM", ["BUSINESS_MANAGER", "STAFF"], []], ["Wizard; DPO", ["DPO"], ["Wizard"]],
  ])("roles %j → %j", (v, roles, unknown) => expect(rolesOf(v)).toEqual({ roles, unknown }));

  it.each([
    ["01/09/2026", "2026-09-01"], ["1/9/2026", "2026-09-01"], ["01-09-2026", "2026-09-01"], ["01.09.2026", "2026-09-01"], ["2026-09-01", "2026-09-01"],
    ["29/02/2028", "2028-02-29"], ["29/02/2026", null], ["31/04/2026", null], ["09/31/2026", null], ["2026/09/01", null], ["1 Sept 2026", null], ["01/09/26", null],
  ])("date %j → %j", (v, iso) => expect(parseUkOrIsoDate(v)?.toISOString().slice(0, 10) ?? null).toBe(iso));
});

describe("staff import: files", () => {
  it.each([
    ["empty", new Uint8Array(), /empty/],
    ["over 1 MB", new Uint8Array(1_000_001).fill(120), /larger than 1 MB/],
    ["Latin-1", new Uint8Array([...bytes("Name,Email\nZo"), 0xeb, ...bytes(",z@x.org\n")]), /not saved as UTF-8/],
    ["UTF-16", new Uint8Array([0xff, 0xfe, 0x4e, 0x00]), /not saved as UTF-8/],
    ["binary", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), /not a CSV file/],
    ["no header", bytes("Ann Smith,ann@example.org,Teacher,01/09/2026\n"), /first row must name the columns/],
    ["duplicate header", bytes("Email,Email\na@x.org,b@x.org\n"), /both called “email”/],
    ["header only", bytes("Name,Email\n"), /nobody in it/],
    ["unclosed quote", bytes('Name,Email\n"Ann,ann@x.org\n'), /could not be read as CSV/],
  ])("a file that is %s is refused", (_w, b, message) => {
    const r = readStaffFile(b);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it("reads UTF-8 with a byte-order mark, with blank lines and spaces around cells", () => {
    const r = readStaffFile(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(" Name , Email \r\n\r\n Zoë Brontë , ZOE@X.ORG \r\n")]));
    expect(r).toEqual({ ok: true, headers: ["name", "email"], records: [["Zoë Brontë", "ZOE@X.ORG"]] });
  });

  it.each([["="], ["+"], ["-"], ["@"]])("a cell starting with %j is refused as a formula, naming the field", (c) => {
    const row = readRow(["name", "email", "group", "start"], [`${c}cmd|' /C calc'!A0`, "a@x.org", "Teacher", "01/09/2026"], { name: "name", email: "email", staffGroup: "group", startDate: "start" }, 2);
    expect(row.errors[0]).toBe(`Full name starts with “${c}”, which a spreadsheet would run as a formula: this file is refused rather than changed. Remove the character and upload it again.`);
  });

  it("reads one good row into what the plan needs", () => {
    const row = readRow(
      ["forename", "surname", "email", "group", "roles", "title", "start", "end"],
      ["Nia", "Jones", " NIA.Jones@School.org.uk ", "TA", "Staff; Deputy DSL", "Year 2 TA", "01/09/2026", "31/08/2027"],
      { forename: "forename", surname: "surname", email: "email", staffGroup: "group", roles: "roles", jobTitle: "title", startDate: "start", endDate: "end" },
      5,
    );
    expect(row).toEqual({
      line: 5, name: "Nia Jones", email: "nia.jones@school.org.uk", staffGroup: "TEACHING_ASSISTANT", roles: ["DEPUTY_DSL", "STAFF"], jobTitle: "Year 2 TA",
      startDate: new Date("2026-09-01T00:00:00Z"), endDate: new Date("2027-08-31T00:00:00Z"), school: null, errors: [],
    });
  });
});
