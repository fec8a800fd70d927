import { describe, it, expect, beforeEach } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "../support/owner-db";
import { checkStaffImportAction, applyStaffImportAction, endLeaversAction } from "@/lib/people/import/actions";
import type { CheckResult } from "@/lib/people/import/service";
import { schoolState, auditCount } from "../support/fixtures";
import { signInAs } from "../support/session";
import { verifyAuditLog } from "@/lib/audit/verify";
import { runInScope } from "@/lib/db/context";
import { peopleWorld, REFUSED_IN_A, actAs, expectRefusedUnchanged, type PeopleWorld } from "./helpers";

let w: PeopleWorld;
let tag: string;
beforeEach(async () => {
  w = await peopleWorld();
  tag = randomUUID().slice(0, 6);
});

const HEADER = "Forename,Surname,Work Email,Staff Type,Job Title,Start Date,Leaving Date";
const b64 = (text: string | Buffer) => Buffer.from(text).toString("base64");
const joinerLine = (i: number) => `Jo${i},Joiner${tag},jo${i}.${tag}@example.org.uk,Teaching Assistant,TA Year ${i},01/09/2026,`;
/** A school A staff file: every current member of A (so nobody is a leaver) and `n` joiners. */
function fileForA(n: number, extra: string[] = [], omit: string[] = []) {
  const members = [w.headA, w.ictA, w.bmA, w.teacherA, w.governorA, w.dslA]
    .filter((m) => !omit.includes(m.person.email))
    .map((m) => `${m.person.name.split(" ")[0]},${m.person.name.split(" ").slice(1).join(" ")},${m.person.email},${groupOf(m.membership.staffGroup)},,01/09/2020,`);
  return [HEADER, ...members, ...Array.from({ length: n }, (_, i) => joinerLine(i)), ...extra].join("\r\n");
}
const groupOf = (g: string) => ({ TEACHER: "Teacher", OFFICE: "Office", GOVERNOR: "Governor" })[g] ?? g;

async function check(file: string | Buffer, slug = w.a.slug) {
  const res = await checkStaffImportAction(slug, { file: b64(file) });
  if (!res.ok) throw new Error(res.error);
  return res.data as Extract<CheckResult, { fileError: null }> & CheckResult;
}

describe("staff import: the dry run", () => {
  it("lists joiners, unchanged people, changes and leavers exactly, with an error next to each bad row, and writes nothing", async () => {
    signInAs(w.bmA.person);
    const before = await schoolState(w.a.id, w.a2.id, w.b.id);
    const bad = [
      `Bad,Email${tag},not-an-email,Teacher,,01/09/2026,`,
      `Bad,Date${tag},bad.date.${tag}@example.org.uk,Teacher,,31/02/2026,`,
      `Bad,Group${tag},bad.group.${tag}@example.org.uk,Astronaut,,01/09/2026,`,
      `Jo0,Joiner${tag},jo0.${tag}@example.org.uk,Teacher,,01/09/2026,`,
    ];
    // The teacher's staff group changes; the DSL is missing, so proposed as a leaver.
    const text = fileForA(2, bad, [w.dslA.person.email]).replace(`${w.teacherA.person.email},Teacher`, `${w.teacherA.person.email},Support staff`);
    const out = await check(text);
    expect(out.fileError).toBeNull();
    expect(out.mapping).toEqual({ forename: "forename", surname: "surname", email: "work email", staffGroup: "staff type", jobTitle: "job title", startDate: "start date", endDate: "leaving date" });
    const plan = out.plan!;
    expect(plan.counts).toEqual({ join: 2, change: 1, same: 4, skip: 0, error: 4, leave: 1 });
    const errors = Object.fromEntries(plan.rows.filter((r) => r.kind === "error").map((r) => [r.line, r.errors]));
    expect(errors).toEqual({
      9: ["“not-an-email” is not an email address."],
      10: ["Start date “31/02/2026” is not a date: write it as dd/mm/yyyy."],
      11: ["Staff group “Astronaut” is not one we know (for example Teacher, Teaching assistant, Support staff, Office staff)."],
      12: ["This email address is also on line 7."],
    });
    expect(plan.rows.find((r) => r.kind === "change")).toMatchObject({ email: w.teacherA.person.email, notes: ["Staff group Teacher → Support staff"] });
    expect(plan.rows.filter((r) => r.kind === "join").map((r) => r.join)).toEqual([
      { name: `Jo0 Joiner${tag}`, staffGroup: "TEACHING_ASSISTANT", jobTitle: "TA Year 0", roles: ["STAFF"], startDate: new Date("2026-09-01T00:00:00.000Z") },
      { name: `Jo1 Joiner${tag}`, staffGroup: "TEACHING_ASSISTANT", jobTitle: "TA Year 1", roles: ["STAFF"], startDate: new Date("2026-09-01T00:00:00.000Z") },
    ]);
    expect(plan.leavers).toEqual([expect.objectContaining({ membershipId: w.dslA.membership.id, why: "Not in the file" })]);
    expect(await schoolState(w.a.id, w.a2.id, w.b.id)).toEqual(before);
    expect(await db.staffImportMapping.count({ where: { schoolId: w.a.id } })).toBe(0);
  });

  it.each([
    ["not UTF-8 (Windows-1252)", Buffer.from([...Buffer.from(`${HEADER}\r\nZo`), 0xeb, ...Buffer.from(",Bront,z@example.org.uk,Teacher,,01/09/2026,")]), /not saved as UTF-8/],
    ["UTF-16", Buffer.from([0xff, 0xfe, ...Buffer.from("F\0o\0r\0")]), /not saved as UTF-8/],
    ["no header row", "Ann,Smith,ann@example.org.uk,Teacher,,01/09/2026,\r\nBob,Jones,bob@example.org.uk,Teacher,,01/09/2026,", /first row must name the columns/],
    ["binary junk", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01, 0x02]), /not a CSV file/],
    ["more than 5,000 rows", [HEADER, ...Array.from({ length: 5001 }, (_, i) => `A,B${i},x${i}@example.org.uk,Teacher,,01/09/2026,`)].join("\n"), /more than 5,000 rows/],
    ["a header and nobody", HEADER, /nobody in it/],
  ])("a file that is %s gets a plain message", async (_what, file, message) => {
    signInAs(w.bmA.person);
    const out = await check(file);
    expect(out.fileError).toMatch(message);
  });

  it("accepts UTF-8 with a byte-order mark, UK and ISO dates", async () => {
    signInAs(w.bmA.person);
    const text = fileForA(0, [`Zoë,Brontë${tag},zoe.${tag}@example.org.uk,Teacher,,2026-09-01,`, `Åsa,Ö${tag},asa.${tag}@example.org.uk,Office,,1/9/2026,`]);
    const out = await check(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(out.plan!.rows.filter((r) => r.kind === "join").map((r) => [r.name, r.join!.startDate.toISOString()])).toEqual([
      [`Zoë Brontë${tag}`, "2026-09-01T00:00:00.000Z"],
      [`Åsa Ö${tag}`, "2026-09-01T00:00:00.000Z"],
    ]);
  });

  it("refuses cells that a spreadsheet would run as formulas, saying which", async () => {
    signInAs(w.bmA.person);
    const out = await check(fileForA(0, [`"=HYPERLINK(""http://x"")",Evil${tag},evil.${tag}@example.org.uk,Teacher,@SUM(A1),01/09/2026,`]));
    const row = out.plan!.rows.find((r) => r.kind === "error")!;
    expect(row.errors).toEqual([
      "Forename starts with “=”, which a spreadsheet would run as a formula: this file is refused rather than changed. Remove the character and upload it again.",
      "Job title starts with “@”, which a spreadsheet would run as a formula: this file is refused rather than changed. Remove the character and upload it again.",
    ]);
  });

  it("refuses a file over 1 MB before reading it, and the apply writes nothing", async () => {
    signInAs(w.bmA.person);
    const before = await schoolState(w.a.id);
    const junk = Buffer.alloc(10 * 1024 * 1024, "x");
    const res = await checkStaffImportAction(w.a.slug, { file: junk.toString("base64") });
    expect(res).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { file: expect.stringMatching(/larger than 1 MB/) } });
    const apply = await applyStaffImportAction(w.a.slug, { file: junk.toString("base64"), mapping: { email: "email" }, fingerprint: "0".repeat(64), sendLinks: false });
    expect(apply).toMatchObject({ ok: false, code: "INVALID" });
    expect(await schoolState(w.a.id)).toEqual(before);
  });
});

describe("staff import: applying", () => {
  it("adds the joiners and changes in one go with their audit rows, remembers the mapping, and the same file again changes nothing", async () => {
    signInAs(w.bmA.person);
    const text = fileForA(3).replace(`${w.teacherA.person.email},Teacher`, `${w.teacherA.person.email},Support staff`);
    const out = await check(text);
    const auditBefore = await auditCount(w.a.id);
    const res = await applyStaffImportAction(w.a.slug, { file: b64(text), mapping: out.mapping, fingerprint: out.plan!.fingerprint, sendLinks: true });
    expect(res).toEqual({ ok: true, data: { joined: 3, changed: 1, unchanged: 5 } });
    const joiners = await db.membership.findMany({ where: { schoolId: w.a.id, person: { email: { contains: tag } } }, include: { person: true }, orderBy: { person: { email: "asc" } } });
    expect(joiners.map((m) => [m.person.name, m.staffGroup, m.jobTitle, m.roles, m.startDate.toISOString().slice(0, 10)])).toEqual([
      [`Jo0 Joiner${tag}`, "TEACHING_ASSISTANT", "TA Year 0", ["STAFF"], "2026-09-01"],
      [`Jo1 Joiner${tag}`, "TEACHING_ASSISTANT", "TA Year 1", ["STAFF"], "2026-09-01"],
      [`Jo2 Joiner${tag}`, "TEACHING_ASSISTANT", "TA Year 2", ["STAFF"], "2026-09-01"],
    ]);
    expect((await db.membership.findUniqueOrThrow({ where: { id: w.teacherA.membership.id } })).staffGroup).toBe("SUPPORT");
    const audit = await db.auditEvent.findMany({ where: { schoolId: w.a.id, seq: { gt: auditBefore } }, orderBy: { seq: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["person.appointment_changed", "person.added", "person.added", "person.added", "people.imported"]);
    expect(audit[4].data).toMatchObject({ rows: 9, joined: 3, changed: 1, sendLinks: true });
    expect((await runInScope({ schoolId: w.a.id }, () => verifyAuditLog(w.a.id))).broken).toBeNull();
    // Sign-in links queued for the joiners only.
    expect(await db.mailRequest.count({ where: { email: { contains: tag }, kind: "magic-link" } })).toBe(3);
    expect(await db.staffImportMapping.findUnique({ where: { schoolId: w.a.id } })).toMatchObject({ columns: out.mapping, updatedById: w.bmA.person.id });

    // Again: the dry run finds nothing to do and the apply writes nothing (no audit row either).
    const again = await check(text);
    expect(again.plan!.counts).toMatchObject({ join: 0, change: 0, same: 9, error: 0, leave: 0 });
    const state = await schoolState(w.a.id);
    const res2 = await applyStaffImportAction(w.a.slug, { file: b64(text), mapping: again.mapping, fingerprint: again.plan!.fingerprint, sendLinks: true });
    expect(res2).toEqual({ ok: true, data: { joined: 0, changed: 0, unchanged: 9 } });
    expect(await schoolState(w.a.id)).toEqual(state);
    expect(await db.mailRequest.count({ where: { email: { contains: tag } } })).toBe(3);
  });

  it("proposes leavers but never ends them; ending is a separate click that records each leaver", async () => {
    signInAs(w.bmA.person);
    const text = fileForA(1, [], [w.teacherA.person.email]);
    const out = await check(text);
    expect(out.plan!.leavers.map((l) => l.membershipId)).toEqual([w.teacherA.membership.id]);
    const res = await applyStaffImportAction(w.a.slug, { file: b64(text), mapping: out.mapping, fingerprint: out.plan!.fingerprint, sendLinks: false });
    expect(res.ok).toBe(true);
    expect((await db.membership.findUniqueOrThrow({ where: { id: w.teacherA.membership.id } })).endDate).toBeNull();
    expect(await db.mailRequest.count({ where: { email: { contains: tag } } })).toBe(0);

    const before = await auditCount(w.a.id);
    const end = await endLeaversAction(w.a.slug, { leavers: [{ membershipId: w.teacherA.membership.id, endDate: "2026-08-31" }] });
    expect(end).toEqual({ ok: true, data: { ended: 1 } });
    expect((await db.membership.findUniqueOrThrow({ where: { id: w.teacherA.membership.id } })).endDate).toEqual(new Date("2026-08-31T00:00:00.000Z"));
    const rows = await db.auditEvent.findMany({ where: { schoolId: w.a.id, seq: { gt: before } } });
    expect(rows.map((r) => r.action)).toEqual(["person.marked_leaver"]);
  });

  it("refuses a file with a bad row, or one checked against a list that has since changed, writing nothing", async () => {
    signInAs(w.bmA.person);
    const badText = fileForA(1, [`X,Y${tag},nope,Teacher,,01/09/2026,`]);
    const bad = await check(badText);
    const before = await schoolState(w.a.id);
    const r1 = await applyStaffImportAction(w.a.slug, { file: b64(badText), mapping: bad.mapping, fingerprint: bad.plan!.fingerprint, sendLinks: false });
    expect(r1).toMatchObject({ ok: false, error: "1 row needs correcting first: nothing was imported." });
    const text = fileForA(2);
    const good = await check(text);
    // Someone changes the teacher's staff group by hand in between: the plan is no longer the one checked.
    await db.membership.update({ where: { id: w.teacherA.membership.id }, data: { staffGroup: "SUPPORT" } });
    const mid = await schoolState(w.a.id);
    const r2 = await applyStaffImportAction(w.a.slug, { file: b64(text), mapping: good.mapping, fingerprint: good.plan!.fingerprint, sendLinks: false });
    expect(r2).toMatchObject({ ok: false, error: expect.stringMatching(/changed since this file was checked/) });
    expect(await schoolState(w.a.id)).toEqual(mid);
    expect(before.audit).toEqual(mid.audit);
  });

  it("a trust administrator imports for two schools with a school column, each audited in its own chain", async () => {
    await db.school.update({ where: { id: w.a2.id }, data: { urn: `9${tag.replace(/\D/g, "1").slice(0, 5)}` } });
    const a2 = await db.school.findUniqueOrThrow({ where: { id: w.a2.id } });
    signInAs(w.trustAdmin);
    const lines = [
      "Name,Email,Staff group,Start date,School",
      ...[w.headA, w.ictA, w.bmA, w.teacherA, w.governorA, w.dslA].map((m) => `${m.person.name},${m.person.email},${groupOf(m.membership.staffGroup)},01/09/2020,${w.a.slug}`),
      `${w.headA2.person.name},${w.headA2.person.email},Teacher,01/09/2020,${a2.urn}`,
      `New In A,new.a.${tag}@example.org.uk,Teacher,01/09/2026,${w.a.slug}`,
      `New In A2,new.a2.${tag}@example.org.uk,Office,01/09/2026,${a2.urn}`,
      `Wrong Trust,wrong.${tag}@example.org.uk,Office,01/09/2026,${w.b.slug}`,
    ].join("\n");
    const out = await check(lines);
    expect(out.plan!.rows.find((r) => r.kind === "error")).toMatchObject({ line: 11, errors: [expect.stringMatching(/not a school of your organisation/)] });
    const fixed = lines.split("\n").slice(0, -1).join("\n");
    const ok = await check(fixed);
    expect(ok.plan!.counts).toMatchObject({ join: 2, error: 0 });
    const [ba, ba2] = [await auditCount(w.a.id), await auditCount(w.a2.id)];
    const res = await applyStaffImportAction(w.a.slug, { file: b64(fixed), mapping: ok.mapping, fingerprint: ok.plan!.fingerprint, sendLinks: false });
    expect(res).toMatchObject({ ok: true, data: { joined: 2 } });
    expect(await db.membership.count({ where: { schoolId: w.a2.id, person: { email: `new.a2.${tag}@example.org.uk` } } })).toBe(1);
    expect(await auditCount(w.a.id)).toBe(ba + 2);
    expect(await auditCount(w.a2.id)).toBe(ba2 + 2);
    expect((await runInScope({ schoolId: w.a2.id }, () => verifyAuditLog(w.a2.id))).broken).toBeNull();
  });

  it("an existing account joins as adding by hand does: its name kept in the trust, refused under another name elsewhere", async () => {
    signInAs(w.bmA.person);
    // The head of sibling school A2 also starts at A; the teacher of B (another trust) is listed under a wrong name.
    const text = fileForA(0, [`Someone,Else,${w.headA2.person.email},Teacher,,01/09/2026,`, `Wrong,Name,${w.teacherB.person.email},Teacher,,01/09/2026,`]);
    const out = await check(text);
    expect(out.plan!.rows.filter((r) => r.kind !== "same").map((r) => [r.kind, r.name, r.errors])).toEqual([
      ["join", w.headA2.person.name, []],
      ["error", "Wrong Name", ["This email address is already in use under another name. Check their full name and email address with them."]],
    ]);
    const fixed = fileForA(0, [`Someone,Else,${w.headA2.person.email},Teacher,,01/09/2026,`]);
    const ok = await check(fixed);
    const res = await applyStaffImportAction(w.a.slug, { file: b64(fixed), mapping: ok.mapping, fingerprint: ok.plan!.fingerprint, sendLinks: false });
    expect(res).toMatchObject({ ok: true, data: { joined: 1 } });
    const m = await db.membership.findUniqueOrThrow({ where: { schoolId_personId: { schoolId: w.a.id, personId: w.headA2.person.id } }, include: { person: true } });
    expect(m).toMatchObject({ staffGroup: "TEACHER", roles: ["STAFF"], person: { name: w.headA2.person.name } });
    expect(await db.person.count({ where: { email: w.headA2.person.email } })).toBe(1);
  });

  it("a Business Manager cannot give a role beyond their own, or change their own roles, by import", async () => {
    signInAs(w.bmA.person);
    const text = ["Name,Email,Staff group,Start date,Roles", `${w.bmA.person.name},${w.bmA.person.email},Office,01/09/2020,Business manager; DSL`, `Nat New,nat.${tag}@example.org.uk,Teacher,01/09/2026,Headteacher`].join("\n");
    const out = await check(text);
    expect(out.plan!.rows.map((r) => [r.kind, r.errors])).toEqual([
      ["error", ["This is you: your own roles are changed by another administrator. Leave your roles as they are in the file."]],
      ["error", ["You cannot give the role: Headteacher."]],
    ]);
  });
});

describe("staff import: who may", () => {
  it.each(REFUSED_IN_A)("%s is refused every import action, and nothing changes", async (_who, pick, code) => {
    signInAs(w.bmA.person);
    const text = fileForA(2, [], [w.teacherA.person.email]);
    const out = await check(text);
    actAs(pick(w));
    const before = await schoolState(w.a.id, w.a2.id, w.b.id);
    const file = b64(text);
    await expectRefusedUnchanged(await checkStaffImportAction(w.a.slug, { file }), code, before, [w.a.id, w.a2.id, w.b.id]);
    await expectRefusedUnchanged(
      await applyStaffImportAction(w.a.slug, { file, mapping: out.mapping, fingerprint: out.plan!.fingerprint, sendLinks: true }),
      code,
      before,
      [w.a.id, w.a2.id, w.b.id],
    );
    await expectRefusedUnchanged(await endLeaversAction(w.a.slug, { leavers: [{ membershipId: w.teacherA.membership.id, endDate: "2026-08-31" }] }), code, before, [w.a.id, w.a2.id, w.b.id]);
    expect(await db.staffImportMapping.count({ where: { schoolId: w.a.id } })).toBe(0);
    expect(await db.mailRequest.count({ where: { email: { contains: tag } } })).toBe(0);
  });

  it("a people manager of another school cannot end this school's members through their own school", async () => {
    signInAs(w.headB.person);
    const before = await schoolState(w.a.id, w.b.id);
    const res = await endLeaversAction(w.b.slug, { leavers: [{ membershipId: w.teacherA.membership.id, endDate: "2026-08-31" }] });
    await expectRefusedUnchanged(res, "NOT_FOUND", before, [w.a.id, w.b.id]);
  });
});
