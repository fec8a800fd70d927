import { describe, it, expect } from "vitest";
import { REQUEST_KINDS, KIND_KEYS, kindsFor, routeRequest, registerKindsFor, detailsSchema, requestedUntil, type RequestKind, type RequestKindKey } from "@/lib/requests/kinds";
import { STEPS, mayDecide, decisionSteps } from "@/lib/requests/rules";
import { submitRequestSchema } from "@/lib/requests/schemas";

// The kinds table as the issue words it (seeds 000–004), written out by hand: a change to
// lib/requests/kinds.ts that is not also made here fails this test.
const EXPECTED: Record<RequestKindKey, { approvers: string[]; seeds: string[]; notification: boolean; timeLimited: boolean; fields: string[] }> = {
  PERSONAL_USE: { approvers: ["HEADTEACHER"], seeds: ["000", "002"], notification: false, timeLimited: true, fields: ["what", "purpose", "fromDate", "untilDate"] },
  INSTALL_SOFTWARE: { approvers: ["ICT_LEAD"], seeds: ["000", "001", "003"], notification: false, timeLimited: false, fields: ["item", "device", "purpose"] },
  PERSONAL_DEVICE_REMOTE: { approvers: ["HEADTEACHER"], seeds: ["000", "002"], notification: false, timeLimited: true, fields: ["device", "data", "safeguards", "fromDate", "untilDate"] },
  DATA_OFF_SITE: { approvers: ["HEADTEACHER"], seeds: ["000", "002"], notification: false, timeLimited: true, fields: ["data", "where", "safeguards", "fromDate", "untilDate"] },
  CAMERA_OFF_SITE: { approvers: ["HEADTEACHER", "DEPUTY_HEAD"], seeds: ["003"], notification: false, timeLimited: true, fields: ["destination", "fromDate", "untilDate", "camera", "purpose"] },
  RECORDING_EQUIPMENT: { approvers: ["HEADTEACHER"], seeds: ["000"], notification: false, timeLimited: true, fields: ["equipment", "purpose", "fromDate", "untilDate"] },
  VISITOR_WIFI: { approvers: ["HEADTEACHER"], seeds: ["002"], notification: false, timeLimited: true, fields: ["visitor", "capacity", "fromDate", "untilDate"] },
  STAFF_WIRELESS_DEVICE: { approvers: ["ICT_LEAD"], seeds: ["001"], notification: false, timeLimited: false, fields: ["device", "owner", "purpose"] },
  LETTER_HOME: { approvers: ["HEADTEACHER"], seeds: ["000"], notification: false, timeLimited: false, fields: ["recipients", "subject", "sendOn"] },
  PARENTMAIL: { approvers: ["HEADTEACHER"], seeds: ["000"], notification: false, timeLimited: false, fields: ["recipients", "message", "sendOn"] },
  SCHOOL_EMAIL_PARENTS: { approvers: ["HEADTEACHER"], seeds: ["000"], notification: false, timeLimited: true, fields: ["parent", "purpose", "untilDate"] },
  HOME_VISIT: { approvers: ["HEADTEACHER"], seeds: ["000"], notification: false, timeLimited: false, fields: ["family", "visitOn", "accompaniedBy", "purpose"] },
  PUPIL_DIRECT_CONTACT: { approvers: ["HEADTEACHER"], seeds: ["000"], notification: false, timeLimited: true, fields: ["pupil", "channel", "purpose", "untilDate"] },
  PARENT_PHONE_CALL: { approvers: ["HEADTEACHER", "DEPUTY_HEAD"], seeds: ["000"], notification: false, timeLimited: false, fields: ["parent", "callOn", "purpose"] },
  WEBSITE_UPLOAD: { approvers: ["DEPUTY_HEAD", "HEADTEACHER"], seeds: ["000", "002"], notification: false, timeLimited: false, fields: ["content", "page", "publishOn"] },
  PHONE_PHOTOGRAPHS: { approvers: ["HEADTEACHER"], seeds: ["003"], notification: false, timeLimited: true, fields: ["phone", "occasion", "fromDate", "untilDate"] },
  VIDEO_CALL: { approvers: ["HEADTEACHER"], seeds: ["004"], notification: false, timeLimited: false, fields: ["callOn", "startsAt", "endsAt", "participants", "supervisedBy", "purpose"] },
  EX_PUPIL_CONNECTION: { approvers: ["HEADTEACHER"], seeds: ["000"], notification: true, timeLimited: false, fields: ["network", "formerPupil", "over18", "context"] },
  PERSONAL_INFO_ONLINE: { approvers: ["HEADTEACHER"], seeds: ["000"], notification: true, timeLimited: false, fields: ["where", "what", "help"] },
};

const kind = (k: RequestKindKey) => REQUEST_KINDS[k] as RequestKind;

describe("the kinds table", () => {
  it("has exactly the kinds the issue lists", () => {
    expect([...KIND_KEYS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(KIND_KEYS)("%s: approvers, seeds, notification, time limit and fields", (k) => {
    const e = EXPECTED[k];
    expect({ approvers: [...kind(k).approvers], seeds: [...kind(k).seeds], notification: kind(k).notification, timeLimited: kind(k).timeLimited, fields: kind(k).fields.map((f) => f.name) }).toEqual(e);
  });

  it("a time-limited kind names the field that gives its end date; a notification never runs out", () => {
    for (const k of KIND_KEYS) {
      const r = kind(k);
      if (r.timeLimited) expect(r.fields.map((f) => f.name), k).toContain(r.untilField);
      if (r.notification) expect(r.timeLimited, k).toBe(false);
    }
  });
});

const ROUTES: [string, RequestKindKey, { schoolRoles: ("HEADTEACHER" | "DEPUTY_HEAD" | "ICT_LEAD" | "BUSINESS_MANAGER" | "STAFF" | "CHAIR_OF_GOVERNORS")[]; staffGroup: string }, string[]][] = [
  ["a teacher's letter home: the Head", "LETTER_HOME", { schoolRoles: ["STAFF"], staffGroup: "TEACHER" }, ["HEADTEACHER"]],
  ["office staff's letter home: the Business Manager or the Head", "LETTER_HOME", { schoolRoles: ["STAFF"], staffGroup: "OFFICE" }, ["BUSINESS_MANAGER", "HEADTEACHER"]],
  ["the Business Manager's own letter: still both (the database refuses them deciding it)", "LETTER_HOME", { schoolRoles: ["BUSINESS_MANAGER"], staffGroup: "OFFICE" }, ["BUSINESS_MANAGER", "HEADTEACHER"]],
  ["a TA's phone call: SLT", "PARENT_PHONE_CALL", { schoolRoles: ["STAFF"], staffGroup: "TEACHING_ASSISTANT" }, ["HEADTEACHER", "DEPUTY_HEAD"]],
  ["website upload: Deputy Head or Head", "WEBSITE_UPLOAD", { schoolRoles: ["STAFF"], staffGroup: "TEACHER" }, ["DEPUTY_HEAD", "HEADTEACHER"]],
  ["the Deputy's own website upload: the Head too", "WEBSITE_UPLOAD", { schoolRoles: ["DEPUTY_HEAD"], staffGroup: "TEACHER" }, ["DEPUTY_HEAD", "HEADTEACHER"]],
  ["phone photographs: the (Executive) Headteacher", "PHONE_PHOTOGRAPHS", { schoolRoles: ["STAFF"], staffGroup: "TEACHING_ASSISTANT" }, ["HEADTEACHER"]],
  ["installing software: the ICT lead", "INSTALL_SOFTWARE", { schoolRoles: ["STAFF"], staffGroup: "TEACHER" }, ["ICT_LEAD"]],
  ["the ICT lead's own software: the Head", "INSTALL_SOFTWARE", { schoolRoles: ["ICT_LEAD", "STAFF"], staffGroup: "TEACHER" }, ["HEADTEACHER"]],
  ["staff wireless: the ICT lead", "STAFF_WIRELESS_DEVICE", { schoolRoles: ["STAFF"], staffGroup: "SUPPORT" }, ["ICT_LEAD"]],
  ["the Head's own: the Chair of Governors", "PERSONAL_USE", { schoolRoles: ["HEADTEACHER", "STAFF"], staffGroup: "TEACHER" }, ["CHAIR_OF_GOVERNORS"]],
  ["the Head's own software: the Chair of Governors", "INSTALL_SOFTWARE", { schoolRoles: ["HEADTEACHER"], staffGroup: "TEACHER" }, ["CHAIR_OF_GOVERNORS"]],
  ["the Chair's own notification: the Head", "PERSONAL_INFO_ONLINE", { schoolRoles: ["CHAIR_OF_GOVERNORS"], staffGroup: "GOVERNOR" }, ["HEADTEACHER"]],
];

describe("routing", () => {
  it.each(ROUTES)("%s", (_name, k, requester, expected) => {
    expect(routeRequest(kind(k), requester)).toEqual(expected);
  });

  it("the phone-call kind is for teaching assistants and lunchtime (support) staff only", () => {
    expect(kindsFor({ schoolRoles: ["STAFF"], staffGroup: "TEACHER" })).not.toContain("PARENT_PHONE_CALL");
    expect(kindsFor({ schoolRoles: ["STAFF"], staffGroup: "TEACHING_ASSISTANT" })).toContain("PARENT_PHONE_CALL");
    expect(kindsFor({ schoolRoles: ["STAFF"], staffGroup: "SUPPORT" })).toContain("PARENT_PHONE_CALL");
    expect(kindsFor({ schoolRoles: [], staffGroup: null })).toHaveLength(KIND_KEYS.length - 1);
  });

  it("the register: every kind with request:register; otherwise the kinds one approves", () => {
    expect(registerKindsFor({ canRegister: true, schoolRoles: [] })).toEqual(KIND_KEYS);
    expect(registerKindsFor({ canRegister: false, schoolRoles: ["ICT_LEAD"] })).toEqual(["INSTALL_SOFTWARE", "STAFF_WIRELESS_DEVICE"]);
    expect(registerKindsFor({ canRegister: false, schoolRoles: ["BUSINESS_MANAGER"] })).toEqual(["LETTER_HOME"]);
    expect(registerKindsFor({ canRegister: false, schoolRoles: ["DEPUTY_HEAD"] })).toEqual(["CAMERA_OFF_SITE", "PARENT_PHONE_CALL", "WEBSITE_UPLOAD"]);
    expect(registerKindsFor({ canRegister: false, schoolRoles: ["STAFF", "GOVERNOR", "DSL"] })).toEqual([]);
  });
});

describe("the lifecycle", () => {
  it.each([
    ["approve", ["SUBMITTED"], "APPROVED", "approver"],
    ["decline", ["SUBMITTED"], "DECLINED", "approver"],
    ["ask", ["SUBMITTED"], "MORE_INFO", "approver"],
    ["acknowledge", ["SUBMITTED"], "ACKNOWLEDGED", "approver"],
    ["answer", ["MORE_INFO"], "SUBMITTED", "requester"],
    ["withdraw", ["SUBMITTED", "MORE_INFO", "APPROVED"], "WITHDRAWN", "requester"],
    ["expire", ["APPROVED"], "EXPIRED", "system"],
  ] as const)("%s: from %j to %s, by the %s", (step, from, to, by) => {
    expect(STEPS[step]).toEqual({ from, to, by });
  });

  it("nobody decides their own request, and only an approver role decides", () => {
    const req = { requesterId: "p1", approverRoles: ["HEADTEACHER"] as const };
    expect(mayDecide({ id: "p1", schoolRoles: ["HEADTEACHER"] }, { ...req, approverRoles: [...req.approverRoles] })).toBe(false);
    expect(mayDecide({ id: "p2", schoolRoles: ["HEADTEACHER"] }, { ...req, approverRoles: [...req.approverRoles] })).toBe(true);
    expect(mayDecide({ id: "p2", schoolRoles: ["DEPUTY_HEAD"] }, { ...req, approverRoles: [...req.approverRoles] })).toBe(false);
    expect(decisionSteps(true)).toEqual(["acknowledge", "ask"]);
    expect(decisionSteps(false)).toEqual(["approve", "decline", "ask"]);
  });
});

describe("fields", () => {
  it("a video call needs its date, times and participants; the end after the start", () => {
    const s = detailsSchema(kind("VIDEO_CALL"));
    const good = { callOn: "2026-12-10", startsAt: "10:00", endsAt: "10:45", participants: "Partner school, Lyon", supervisedBy: "Mr Hall", purpose: "Pen pals" };
    expect(s.safeParse(good).success).toBe(true);
    const bad = s.safeParse({ ...good, callOn: "2026-02-30", startsAt: "25:00", participants: "" });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["callOn", "startsAt", "participants"]));
    expect(s.safeParse({ ...good, endsAt: "09:00" }).error?.issues[0]).toMatchObject({ path: ["endsAt"], message: "The end time must be after the start time" });
  });

  it("a camera trip needs its destination and dates, and gives its return date as the end date", () => {
    const details = { destination: "Eden Project", fromDate: "2026-12-10", untilDate: "2026-12-11", camera: "", purpose: "Year 4 trip" };
    expect(submitRequestSchema.safeParse({ kind: "CAMERA_OFF_SITE", details }).success).toBe(true);
    expect(requestedUntil(kind("CAMERA_OFF_SITE"), details)?.toISOString().slice(0, 10)).toBe("2026-12-11");
    const res = submitRequestSchema.safeParse({ kind: "CAMERA_OFF_SITE", details: { ...details, destination: " " } });
    expect(res.error?.issues[0]).toMatchObject({ path: ["details", "destination"] });
  });

  it("an ex-pupil connection must confirm they are over 18", () => {
    const details = { network: "Facebook", formerPupil: "J.S., left 2015", over18: false, context: "Coaching football" };
    expect(submitRequestSchema.safeParse({ kind: "EX_PUPIL_CONNECTION", details }).error?.issues[0]).toMatchObject({ path: ["details", "over18"] });
    expect(submitRequestSchema.safeParse({ kind: "EX_PUPIL_CONNECTION", details: { ...details, over18: true } }).success).toBe(true);
  });
});
