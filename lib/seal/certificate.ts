import "server-only";
import fs from "node:fs";
import path from "node:path";
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate, type KeyObject } from "node:crypto";
import forge from "node-forge";

// The installation's sealing certificate (docs/decisions/0013-sealed-pdfs.md):
// - SEAL_P12_PATH (and SEAL_P12_PASSPHRASE): a PKCS#12 file the school or trust provides;
// - otherwise one self-signed certificate, made on first use and kept beside the data, in
//   SEAL_DIR (default: <ICT_DATA_DIR or .data>/seal). Never in the database: a seal is worth something
//   precisely because someone who can write to the database cannot make one.

export type SealIdentity = {
  p12: Buffer;
  passphrase: string;
  /** Subject common name (or the whole subject) of the sealing certificate. */
  subject: string;
  issuer: string;
  /** SHA-256 of the certificate (DER), hex: printed on the evidence page and stored with each seal. */
  fingerprint: string;
  selfSigned: boolean;
  notAfter: Date;
  source: "p12" | "self-signed";
};

const SELF_SIGNED_FILE = "self-signed-seal.json";
const COMMON_NAME = "School ICT governance document seal (self-signed)";

export function sealDir(): string {
  if (process.env.SEAL_DIR) return path.resolve(process.env.SEAL_DIR);
  const data = process.env.ICT_DATA_DIR ? path.resolve(process.env.ICT_DATA_DIR) : path.join(process.cwd(), ".data");
  return path.join(data, "seal");
}

function describeName(attrs: forge.pki.CertificateField[]): string {
  const cn = attrs.find((a) => a.shortName === "CN")?.value;
  if (cn) return String(cn);
  return attrs.map((a) => `${a.shortName ?? a.name}=${a.value}`).join(", ") || "(unnamed)";
}

/** The private key of a PKCS#12 file, the certificate that matches it, and every certificate it holds (its chain). */
function readP12(p12: Buffer, passphrase: string): { key: forge.pki.rsa.PrivateKey; cert: forge.pki.Certificate; certs: forge.pki.Certificate[] } {
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString("binary")));
  const parsed = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  const keyBag = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0];
  const key = keyBag?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new Error("The sealing PKCS#12 file holds no (encrypted) private key.");
  const certs = (parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).map((b) => b.cert).filter((c): c is forge.pki.Certificate => !!c);
  const cert = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.compareTo(key.n) === 0 && pub.e?.compareTo(key.e) === 0;
  });
  if (!cert) throw new Error("The sealing PKCS#12 file has no certificate for its private key.");
  return { key, cert, certs };
}

/** Reads a PKCS#12 file: the certificate that matches its private key, and what to say about it. */
export function identityFromP12(p12: Buffer, passphrase: string, source: SealIdentity["source"]): SealIdentity {
  const { cert } = readP12(p12, passphrase);
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), "binary");
  let selfSigned = false;
  try {
    selfSigned = cert.isIssuer(cert) && cert.verify(cert);
  } catch {
    selfSigned = false;
  }
  return {
    p12,
    passphrase,
    subject: describeName(cert.subject.attributes),
    issuer: describeName(cert.issuer.attributes),
    fingerprint: createHash("sha256").update(der).digest("hex"),
    selfSigned,
    notAfter: cert.validity.notAfter,
    source,
  };
}

/** A new self-signed sealing certificate (RSA 2048, SHA-256, ten years) as a PKCS#12 file. */
export function makeSelfSignedP12(passphrase: string, now = new Date()): Buffer {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  cert.serialNumber = "01" + randomBytes(15).toString("hex");
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600_000);
  const name = [{ name: "commonName", value: COMMON_NAME }, { name: "organizationName", value: "School ICT governance" }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, { algorithm: "3des" });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary");
}

/**
 * The self-signed identity kept in the seal directory, made on first use. Several processes may start
 * at once: each writes its own file and links it into place; the first link wins and the others read it.
 */
function selfSignedIdentity(dir: string): SealIdentity {
  const file = path.join(dir, SELF_SIGNED_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const passphrase = randomBytes(24).toString("base64url");
    const body = JSON.stringify({ note: "The installation's self-signed seal. Keep it secret; back it up with the data.", passphrase, p12: makeSelfSignedP12(passphrase).toString("base64") });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    fs.writeFileSync(tmp, body, { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
      console.log(`seal: made a self-signed sealing certificate in ${file}`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  const stored = JSON.parse(fs.readFileSync(file, "utf8")) as { passphrase: string; p12: string };
  return identityFromP12(Buffer.from(stored.p12, "base64"), stored.passphrase, "self-signed");
}

let cached: { key: string; identity: SealIdentity } | null = null;

/** The installation's sealing identity (read once per process and configuration). */
export function sealIdentity(): SealIdentity {
  const p12Path = process.env.SEAL_P12_PATH;
  const key = p12Path ? `p12:${path.resolve(p12Path)}` : `dir:${sealDir()}`;
  if (cached?.key === key) return cached.identity;
  const identity = p12Path
    ? identityFromP12(fs.readFileSync(p12Path), process.env.SEAL_P12_PASSPHRASE ?? "", "p12")
    : selfSignedIdentity(sealDir());
  cached = { key, identity };
  return identity;
}

/**
 * The installation's key and certificate, decoded once per process: for the PDF seals (./signer.ts) and
 * for signing other than a PDF (the audit anchors, decision 0024). `chain` is every certificate in the
 * PKCS#12 file (DER), which a PDF seal carries.
 */
export type SealKey = { privateKey: KeyObject; certificate: X509Certificate; fingerprint: string; chain: Buffer[] };

let cachedKey: { fingerprint: string; key: SealKey } | null = null;

export function sealKey(identity: SealIdentity = sealIdentity()): SealKey {
  if (cachedKey?.fingerprint === identity.fingerprint) return cachedKey.key;
  const { key, cert, certs } = readP12(identity.p12, identity.passphrase);
  const sealed: SealKey = {
    privateKey: createPrivateKey(forge.pki.privateKeyToPem(key)),
    certificate: new X509Certificate(forge.pki.certificateToPem(cert)),
    fingerprint: identity.fingerprint,
    chain: certs.map((c) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), "binary")),
  };
  cachedKey = { fingerprint: identity.fingerprint, key: sealed };
  return sealed;
}
