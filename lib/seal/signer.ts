import { constants, privateEncrypt } from "node:crypto";
import forge from "node-forge";
import { Signer } from "@signpdf/signpdf";
import type { SealKey } from "./certificate";

// The CMS signature inside a sealed PDF, made as @signpdf's P12Signer makes it (SignedData, detached,
// SHA-256; signed attributes contentType, signingTime, messageDigest, in that order; every certificate
// of the PKCS#12 file), with two differences that make it cheap (docs/decisions/0026):
// - the PKCS#12 file is decoded once per process (sealKey), not for every PDF: its password-based key
//   derivation and 3DES in pure JavaScript cost more than the rest of the seal;
// - the RSA signature is Node's (OpenSSL), not node-forge's big-integer arithmetic in JavaScript.

// DER prefix of a DigestInfo for SHA-256 (RFC 8017 §9.2, note 1): followed by the 32-byte digest.
const SHA256_DIGEST_INFO = Buffer.from("3031300d060960864801650304020105000420", "hex");

type Decoded = { fingerprint: string; certificate: forge.pki.Certificate; chain: forge.pki.Certificate[] };
let decoded: Decoded | null = null;

function forgeCertificates(key: SealKey): Decoded {
  if (decoded?.fingerprint === key.fingerprint) return decoded;
  const fromDer = (der: Buffer) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(der.toString("binary"))));
  const chain = key.chain.map(fromDer);
  decoded = { fingerprint: key.fingerprint, certificate: fromDer(key.certificate.raw), chain };
  return decoded;
}

/**
 * A PKCS#1 v1.5 signature by Node over the digest forge has computed: what forge's own key.sign(md)
 * returns, as a binary string, without its JavaScript modPow.
 */
function nativeRsaKey(key: SealKey) {
  return {
    sign(md: forge.md.MessageDigest): string {
      if (md.algorithm !== "sha256") throw new Error(`seal: unexpected digest ${md.algorithm}`);
      const digest = Buffer.from(md.digest().getBytes(), "binary");
      const signature = privateEncrypt({ key: key.privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest]));
      return signature.toString("binary");
    },
  };
}

export class SealSigner extends Signer {
  constructor(private readonly key: SealKey) {
    super();
  }

  async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    const { certificate, chain } = forgeCertificates(this.key);
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdfBuffer.toString("binary"));
    for (const c of chain) p7.addCertificate(c);
    p7.addSigner({
      // forge calls only key.sign(md) on a signer's key.
      key: nativeRsaKey(this.key) as unknown as forge.pki.rsa.PrivateKey,
      certificate,
      digestAlgorithm: forge.pki.oids.sha256,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), "binary");
  }
}
