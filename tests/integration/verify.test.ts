import { describe, it, expect, beforeAll, beforeEach, afterAll } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomInt } from "node:crypto";
import { db } from "../support/owner-db";
import { signDeclaration } from "@/lib/declarations/service";
import { POST as verifyRoute } from "@/app/verify/check/route";
import { findDeclaration } from "@/lib/pdf/declaration-file";
import { sealedDeclarationPdf } from "@/lib/seal/service";
import { PLATFORM_CHAIN } from "@/lib/audit/chain";
import { oneByteChanged } from "../support/pdfsig";
import { inSchoolScope } from "@/lib/authz/require";
import { inSchoolOnly } from "../support/school-scope";
import { policyWorld, publishedPolicy, ctxOf, type PolicyWorld } from "./policies-world";


const sealDir = fs.mkdtempSync(path.join(os.tmpdir(), "ict-seal-"));
beforeAll(() => {
  process.env.SEAL_DIR = sealDir;
  delete process.env.SEAL_P12_PATH;
});
afterAll(() => fs.rmSync(sealDir, { recursive: true, force: true }));

let w: PolicyWorld;
let ip: string;
beforeEach(async () => {
  w = await policyWorld();
  // Each test checks from its own address, so the rate limit of one never touches another.
  ip = `198.51.${randomInt(0, 255)}.${randomInt(1, 254)}`;
  await db.verifyAttempt.deleteMany({ where: { ip } });
});

async function sealedPart1() {
  const head = await ctxOf(w.headA.person, w.a.slug);
  const { versionId } = await inSchoolScope(head, () => publishedPolicy(head, { over: { title: "Online safety for staff" } }));
  const teacher = await ctxOf(w.teacherA.person, w.a.slug);
  const { declarationId } = await inSchoolScope(teacher, () => signDeclaration(
    teacher,
    { policyVersionId: versionId, typedName: "Laura Pemberton-Smith", confirmed: true, signaturePng: null },
    { ip: "203.0.113.20", userAgent: "vitest" },
  ));
  return inSchoolOnly(w.a.id, async () => sealedDeclarationPdf((await findDeclaration(w.a, declarationId))!, 1));
}

function post(body: BodyInit | null, opts: { type?: string; json?: boolean; length?: string } = {}) {
  const headers = new Headers({ "x-forwarded-for": ip });
  if (opts.json !== false) headers.set("accept", "application/json");
  if (opts.type) headers.set("content-type", opts.type);
  if (opts.length) headers.set("content-length", opts.length);
  return verifyRoute(new Request("http://localhost/verify/check", { method: "POST", body, headers }));
}

function upload(bytes: Uint8Array, name = "declaration.pdf", type = "application/pdf") {
  const form = new FormData();
  form.set("file", new File([Buffer.from(bytes)], name, { type }));
  return post(form);
}
function reference(text: string, json = true) {
  const form = new FormData();
  form.set("reference", text);
  return post(form, { json });
}

/** The /verify audit rows written from this test's address. */
const checksFromHere = async () =>
  (await db.auditEvent.findMany({ where: { chain: PLATFORM_CHAIN, action: "document.verified" }, orderBy: { id: "asc" } })).filter(
    (e) => (e.data as { ip?: string }).ip === ip,
  );

describe("/verify", () => {
  it("an uploaded sealed PDF matches byte for byte and shows only what the PDF says; the check is audited", async () => {
    const sealed = await sealedPart1();
    const res = await upload(sealed.bytes);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      outcome: "match",
      method: "upload",
      facts: {
        reference: sealed.reference,
        part: 1,
        signerName: "Laura Pemberton-Smith",
        policyTitle: "Online safety for staff",
        versionNumber: 1,
        signedAt: sealed.signedAt.toISOString(),
        schoolName: w.a.name,
        sealedAt: sealed.sealedAt.toISOString(),
        selfSigned: true,
      },
    });
    // Nothing the PDF does not say (no email, no IP, no ids).
    expect(JSON.stringify(body)).not.toMatch(/@|203\.0\.113|declarationId/);
    const [event] = await checksFromHere();
    expect(event).toMatchObject({ schoolId: null, actorId: null, entityType: "SealedDocument", entityId: sealed.id });
    expect(event.data).toMatchObject({ method: "upload", outcome: "match", ip, reference: sealed.reference, sha256: sealed.sha256 });
  });

  it("a copy with one byte changed does not match, and says so; audited as no match", async () => {
    const sealed = await sealedPart1();
    const res = await upload(oneByteChanged(sealed.bytes));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ outcome: "no-match", method: "upload" });
    const events = await checksFromHere();
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ method: "upload", outcome: "no-match", ip });
    expect(events[0].entityId).toBeNull();
  });

  it("the typed reference finds the sealed document (any case, spaces, confusable letters); an unknown one does not", async () => {
    const sealed = await sealedPart1();
    const typed = ` ${sealed.reference.toLowerCase().replace(/-/g, " ").replace(/0/g, "o").replace(/1/g, "l")} `;
    const hit = await (await reference(typed)).json();
    expect(hit).toMatchObject({ outcome: "match", method: "reference", facts: { reference: sealed.reference, signerName: "Laura Pemberton-Smith" } });
    const miss = await reference("ZZZZ-ZZZZ-ZZZZ");
    expect(miss.status).toBe(200);
    expect(await miss.json()).toEqual({ outcome: "no-match", method: "reference" });
    // Without JavaScript the same answer comes as plain text.
    const text = await reference(sealed.reference, false);
    expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await text.text()).toContain("Online safety for staff, version 1");
    expect((await checksFromHere()).map((e) => (e.data as { outcome: string }).outcome)).toEqual(["match", "no-match", "match"]);
  });

  it("reads a browser's multipart form, whose boundary has capital letters", async () => {
    const sealed = await sealedPart1();
    const boundary = "----WebKitFormBoundaryAbCdEfGh12345678";
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="d.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      Buffer.from(sealed.bytes),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await post(body, { type: `multipart/form-data; boundary=${boundary}` });
    expect(await res.json()).toMatchObject({ outcome: "match", facts: { reference: sealed.reference } });
  });

  const BAD: [string, () => Promise<Response>, number, string, string][] = [
    ["a file that is not a PDF", () => upload(Buffer.from("hello, I am a text file"), "notes.pdf"), 400, "That file is not a PDF", "not-pdf"],
    ["an image sent as a PDF", () => upload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), "photo.png", "image/png"), 400, "not a PDF", "not-pdf"],
    ["an empty form", () => post(new FormData()), 400, "Choose a PDF file", "empty"],
    ["an empty file", () => upload(new Uint8Array()), 400, "Choose a PDF file", "empty"],
    ["a file over 10 MB", () => upload(Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(10 * 1024 * 1024 + 10)])), 413, "larger than 10 MB", "too-large"],
    ["a body that says it is huge", () => post("x", { type: "multipart/form-data; boundary=x", length: String(50 * 1024 * 1024) }), 413, "larger than 10 MB", "too-large"],
    ["a malformed reference", () => reference("DROP TABLE; --"), 400, "A reference is 12 letters and digits", "malformed"],
  ];
  it.each(BAD)("refuses %s with a plain message, stores nothing but the audited check", async (_what, send, status, message, reason) => {
    const sealedBefore = await db.sealedDocument.count();
    const res = await send();
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.outcome).toBe("bad-input");
    expect(body.message).toContain(message);
    expect(JSON.stringify(body)).not.toMatch(/Error|at .*\.ts|prisma/i);
    expect(await db.sealedDocument.count()).toBe(sealedBefore);
    const events = await checksFromHere();
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ outcome: "bad-input", reason, ip });
  });

  it("refuses a request that is not a form, audited too", async () => {
    const res = await post(JSON.stringify({ reference: "ABCD-EFGH-JKMN" }), { type: "application/json" });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toContain("Send the PDF");
    const broken = await post("--x\r\nnot really multipart", { type: "multipart/form-data; boundary=x" });
    expect(broken.status).toBe(400);
    expect((await broken.json()).message).toContain("The form could not be read");
    expect((await checksFromHere()).map((e) => (e.data as { reason: string }).reason)).toEqual(["not-a-form", "unreadable-form"]);
  });

  it("is rate-limited per address with a plain 429; a refused request is neither checked nor audited", async () => {
    const sealed = await sealedPart1();
    for (let i = 0; i < 20; i++) expect((await reference("ZZZZ-ZZZZ-ZZZZ")).status).toBe(200);
    const auditBefore = await db.auditEvent.count({ where: { chain: PLATFORM_CHAIN } });
    const refused = await upload(sealed.bytes);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await refused.text()).toBe("Too many checks from your network address. Please wait 15 minutes and try again.");
    expect((await checksFromHere()).length).toBe(20);
    expect((await checksFromHere()).some((e) => (e.data as { outcome: string }).outcome === "match")).toBe(false);
    // Another address is not affected.
    const mine = ip;
    ip = "192.0.2.77";
    await db.verifyAttempt.deleteMany({ where: { ip } });
    expect((await upload(sealed.bytes)).status).toBe(200);
    ip = mine;
    expect(await db.auditEvent.count({ where: { chain: PLATFORM_CHAIN } })).toBeGreaterThanOrEqual(auditBefore + 1);
  });
});
