import { describe, it, expect, beforeAll, beforeEach, afterAll } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import forge from "node-forge";
import { db } from "../support/owner-db";
import { GET as declarationPdfRoute } from "@/app/s/[school]/declarations/[declarationId]/pdf/route";
import { runSealQueue, sealedDeclarationPdf } from "@/lib/seal/service";
import { sealIdentity } from "@/lib/seal/certificate";
import { findDeclaration, renderDeclarationPdf } from "@/lib/pdf/declaration-file";
import { pdfText } from "../support/pdf-text";
import { signInAs } from "../support/session";
import { pdfsig, oneByteChanged } from "../support/pdfsig";
import { policyWorld, teacherSigned, TINY_PNG, type PolicyWorld } from "./policies-world";
import { inSchoolOnly } from "../support/school-scope";


// The self-signed seal is made on first use in SEAL_DIR: a fresh directory for this file.
const sealDir = fs.mkdtempSync(path.join(os.tmpdir(), "ict-seal-"));
beforeAll(() => {
  process.env.SEAL_DIR = sealDir;
  delete process.env.SEAL_P12_PATH;
  process.env.NEXTAUTH_URL = "https://ict.example.org";
});
afterAll(() => fs.rmSync(sealDir, { recursive: true, force: true }));

let w: PolicyWorld;
beforeEach(async () => {
  w = await policyWorld();
});

const sign = () => teacherSigned(w, TINY_PNG);

const download = async (declarationId: string, part = "1") => {
  const res = await declarationPdfRoute(new Request(`http://localhost/s/${w.a.slug}/declarations/${declarationId}/pdf?part=${part}`), {
    params: Promise.resolve({ school: w.a.slug, declarationId }),
  });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
};

describe("sealing declaration PDFs", () => {
  it("signing queues both parts without sealing them; the job seals and stores them after the commit, audited", async () => {
    const declarationId = await sign();
    const jobs = await db.sealJob.findMany({ where: { declarationId }, orderBy: { part: "asc" } });
    expect(jobs.map((j) => [j.part, j.doneAt])).toEqual([
      [1, null],
      [2, null],
    ]);
    expect(jobs[0].reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(jobs[0].reference).not.toBe(jobs[1].reference);
    expect(await db.sealedDocument.count({ where: { declarationId } })).toBe(0);

    const out = await runSealQueue({ schoolId: w.a.id });
    expect(out).toEqual({ sealed: 2, failed: 0 });
    const sealed = await db.sealedDocument.findMany({ where: { declarationId }, orderBy: { part: "asc" } });
    expect(sealed.map((s) => s.part)).toEqual([1, 2]);
    for (const s of sealed) {
      expect(s.sha256).toBe(createHash("sha256").update(s.bytes).digest("hex"));
      expect(s.reference).toBe(jobs[s.part - 1].reference);
      expect(s.selfSigned).toBe(true);
      expect(s.certificateSha256).toBe(sealIdentity().fingerprint);
      expect(s).toMatchObject({ signerName: "Laura Pemberton-Smith", policyTitle: "Staff Acceptable Use of ICT", versionNumber: 1, schoolName: w.a.name });
    }
    expect((await db.sealJob.findMany({ where: { declarationId } })).every((j) => j.doneAt !== null)).toBe(true);
    const events = await db.auditEvent.findMany({ where: { schoolId: w.a.id, action: "declaration.sealed", entityId: declarationId }, orderBy: { seq: "asc" } });
    expect(events.map((e) => (e.data as { sha256: string }).sha256).sort()).toEqual(sealed.map((s) => s.sha256).sort());
    // Nothing left to do: a second run seals nothing and stores nothing more.
    expect(await runSealQueue({ schoolId: w.a.id })).toEqual({ sealed: 0, failed: 0 });
    expect(await db.sealedDocument.count({ where: { declarationId } })).toBe(2);
  });

  it("two downloads are byte-identical and are the stored sealed bytes, even before the job has run", async () => {
    const declarationId = await sign();
    signInAs(w.teacherA.person);
    const first = await download(declarationId); // the job has not run: sealed now, on the spot
    const second = await download(declarationId);
    expect(first.equals(second)).toBe(true);
    const stored = await db.sealedDocument.findUniqueOrThrow({ where: { declarationId_part: { declarationId, part: 1 } } });
    expect(first.equals(Buffer.from(stored.bytes))).toBe(true);
    // The job then finds part 1 done and seals only part 2; part 1's bytes do not change.
    await runSealQueue({ schoolId: w.a.id });
    expect((await download(declarationId)).equals(first)).toBe(true);
    expect(await db.sealedDocument.count({ where: { declarationId } })).toBe(2);
    expect(await db.auditEvent.count({ where: { action: "declaration.sealed", entityId: declarationId } })).toBe(2);
  });

  it("pdfsig reports the seal valid (PAdES, ETSI.CAdES.detached), and a digest mismatch after one byte is changed", async () => {
    const declarationId = await sign();
    signInAs(w.headA.person);
    const bytes = await download(declarationId, "2");
    const report = await pdfsig(bytes);
    expect(report).toContain("Signature Validation: Signature is Valid.");
    expect(report).toContain("ETSI.CAdES.detached");
    expect(report).toContain("Total document signed");
    expect(report).toContain("School ICT governance document seal (self-signed)");

    const changed = oneByteChanged(bytes);
    expect(changed.length).toBe(bytes.length);
    expect([...changed].filter((b, i) => b !== bytes[i])).toHaveLength(1);
    const tampered = await pdfsig(changed);
    expect(tampered).toContain("Signature Validation: Digest Mismatch.");
    expect(tampered).not.toContain("Signature is Valid");
  });

  it("the evidence page prints the reference, the declaration's audit event hash and that the seal is self-signed", async () => {
    const declarationId = await sign();
    signInAs(w.teacherA.person);
    const text = (await pdfText(await download(declarationId))).replace(/\s+/g, " ");
    const stored = await db.sealedDocument.findUniqueOrThrow({ where: { declarationId_part: { declarationId, part: 1 } } });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "declaration.signed", entityId: declarationId } });
    expect(text).toContain(`Ref ${stored.reference}`);
    expect(text).toContain(event.hash);
    expect(text).toContain(`school chain, event ${event.seq}`);
    expect(text).toContain("Self-signed (issued by this installation to itself)");
    expect(text).toContain("self-signed certificate");
    expect(text).toContain(sealIdentity().fingerprint);
    expect(text).toContain("https://ict.example.org/verify");
  });

  it("the PDF is deterministic before it is sealed", async () => {
    const declarationId = await sign();
    const found = (await inSchoolOnly(w.a.id, () => findDeclaration(w.a, declarationId)))!;
    const print = {
      reference: "ABCD-EFGH-JKMN",
      verifyUrl: "https://ict.example.org/verify",
      certificate: { subject: "x", issuer: "x", fingerprint: "f".repeat(64), selfSigned: true },
      auditEvent: { chain: w.a.id, seq: 3, hash: "e".repeat(64) },
    };
    const a = await inSchoolOnly(w.a.id, () => renderDeclarationPdf(found, 1, print));
    const b = await inSchoolOnly(w.a.id, () => renderDeclarationPdf(found, 1, print));
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it("a stored sealed PDF cannot be changed or removed (database trigger)", async () => {
    const declarationId = await sign();
    const found = (await inSchoolOnly(w.a.id, () => findDeclaration(w.a, declarationId)))!;
    const before = await inSchoolOnly(w.a.id, () => sealedDeclarationPdf(found, 1));
    await expect(db.$executeRaw`UPDATE "SealedDocument" SET bytes = '\\x00' WHERE id = ${before.id}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`UPDATE "SealedDocument" SET "signerName" = 'Someone Else' WHERE id = ${before.id}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM "SealedDocument" WHERE id = ${before.id}`).rejects.toThrow(/append-only/);
    const after = await db.sealedDocument.findUniqueOrThrow({ where: { id: before.id } });
    expect(after).toEqual(before);
  });

  it("seals with the PKCS#12 file named by SEAL_P12_PATH, and then says who issued its certificate", async () => {
    // A test CA and a sealing certificate it issued, in a passphrase-protected PKCS#12 file.
    const caKeys = forge.pki.rsa.generateKeyPair(1024);
    const ca = forge.pki.createCertificate();
    ca.publicKey = caKeys.publicKey;
    ca.serialNumber = "01";
    ca.validity.notBefore = new Date(Date.now() - 86400_000);
    ca.validity.notAfter = new Date(Date.now() + 86400_000 * 365);
    ca.setSubject([{ name: "commonName", value: "Test Trust Root CA" }]);
    ca.setIssuer([{ name: "commonName", value: "Test Trust Root CA" }]);
    ca.setExtensions([{ name: "basicConstraints", cA: true }]);
    ca.sign(caKeys.privateKey, forge.md.sha256.create());
    const keys = forge.pki.rsa.generateKeyPair(1024);
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = "02";
    cert.validity.notBefore = ca.validity.notBefore;
    cert.validity.notAfter = ca.validity.notAfter;
    cert.setSubject([{ name: "commonName", value: "Kestrel Valley Learning Trust seal" }]);
    cert.setIssuer(ca.subject.attributes);
    cert.sign(caKeys.privateKey, forge.md.sha256.create());
    const p12 = forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert, ca], "s3cret", { algorithm: "3des" })).getBytes();
    const file = path.join(sealDir, "trust.p12");
    fs.writeFileSync(file, Buffer.from(p12, "binary"));
    process.env.SEAL_P12_PATH = file;
    process.env.SEAL_P12_PASSPHRASE = "s3cret";
    try {
      const declarationId = await sign();
      signInAs(w.teacherA.person);
      const bytes = await download(declarationId);
      const stored = await db.sealedDocument.findUniqueOrThrow({ where: { declarationId_part: { declarationId, part: 1 } } });
      expect(stored.selfSigned).toBe(false);
      const text = (await pdfText(bytes)).replace(/\s+/g, " ");
      expect(text).toContain("Kestrel Valley Learning Trust seal");
      expect(text).toContain("Test Trust Root CA");
      expect(text).not.toContain("Self-signed");
      expect(await pdfsig(bytes)).toContain("Signature Validation: Signature is Valid.");
    } finally {
      delete process.env.SEAL_P12_PATH;
      delete process.env.SEAL_P12_PASSPHRASE;
    }
  });
});
