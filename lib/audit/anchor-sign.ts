import { sign, verify, type KeyObject, type X509Certificate } from "node:crypto";
import { canonical } from "./canonical";

// What an audit anchor says and how it is signed (docs/decisions/0024-anchored-audit-chains.md). The
// payload is plain text so an auditor can check a signature with openssl alone:
//   openssl dgst -sha256 -verify seal-public.pem -signature anchor.sig anchor-payload.txt

export const ANCHOR_FORMAT = "ict-audit-anchor/1";

/** A chain's head at a moment: its last event's sequence number and hash. */
export type AnchorHead = { chain: string; seq: number; hash: string; anchoredAt: Date };
export type SignedAnchor = AnchorHead & { fingerprint: string; signature: string };

export function anchorPayload(a: AnchorHead & { fingerprint: string }): string {
  return `${ANCHOR_FORMAT}\n${canonical({ chain: a.chain, seq: a.seq, hash: a.hash, anchoredAt: a.anchoredAt, fingerprint: a.fingerprint })}`;
}

export function signAnchor(head: AnchorHead, key: { privateKey: KeyObject; fingerprint: string }): SignedAnchor {
  const unsigned = { ...head, fingerprint: key.fingerprint };
  return { ...unsigned, signature: sign("sha256", Buffer.from(anchorPayload(unsigned)), key.privateKey).toString("base64") };
}

/** A certificate whose anchors are trusted: the installation's, or one it used before (decision 0024). */
export type TrustedCertificate = { certificate: X509Certificate; fingerprint: string };

/**
 * Why an anchor cannot be trusted, or null when it was signed by the installation's certificate. A
 * fingerprint that is not the installation's is refused before any signature is checked: a forger
 * can sign with a certificate of their own.
 */
export function anchorSignatureProblem(anchor: SignedAnchor, trusted: TrustedCertificate | readonly TrustedCertificate[]): string | null {
  const signer = ("certificate" in trusted ? [trusted] : trusted).find((t) => t.fingerprint === anchor.fingerprint);
  if (!signer) return "its anchor was not signed with this installation's certificate";
  let ok = false;
  try {
    ok = verify("sha256", Buffer.from(anchorPayload(anchor)), signer.certificate.publicKey, Buffer.from(anchor.signature, "base64"));
  } catch {
    ok = false;
  }
  return ok ? null : "its anchor's signature does not verify (a forged or altered anchor)";
}
