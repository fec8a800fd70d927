import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// The TOTP secret must be readable to check a code, so it cannot be hashed: it is sealed with AES-256-GCM
// under a key that is not in the database (MFA_SECRET_KEY, or else derived from NEXTAUTH_SECRET), so a copy
// of the database or a backup alone does not give anyone the secrets. Changing that key means everyone
// sets up their authenticator again (a Head or trust administrator resets them).
const VERSION = "v1";

export class MfaKeyMissing extends Error {
  constructor() {
    super("MFA needs MFA_SECRET_KEY or NEXTAUTH_SECRET to seal authenticator secrets.");
  }
}

function key(): Buffer {
  const material = process.env.MFA_SECRET_KEY || process.env.NEXTAUTH_SECRET;
  if (!material) throw new MfaKeyMissing();
  return Buffer.from(hkdfSync("sha256", material, "ict-governance", "mfa-totp-secret v1", 32));
}

export function mfaKeyConfigured(): boolean {
  return !!(process.env.MFA_SECRET_KEY || process.env.NEXTAUTH_SECRET);
}

/** The person's id is bound in as associated data: a sealed secret copied onto another person will not open. */
export function sealSecret(secret: string, personId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(personId));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** Null when it does not open (another key, another person, altered): treated as "not set up". */
export function openSecret(sealed: string, personId: string): string | null {
  const [version, payload] = sealed.split(".");
  if (version !== VERSION || !payload) return null;
  try {
    const raw = Buffer.from(payload, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(personId));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch (e) {
    if (e instanceof MfaKeyMissing) throw e;
    return null;
  }
}
