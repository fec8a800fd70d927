import { randomBytes } from "node:crypto";

// The reference printed on a sealed PDF, typed on /verify by someone holding a paper copy. Twelve
// Crockford base-32 characters (60 random bits) in three groups: short enough to type, too many to
// guess within /verify's rate limit. Crockford's alphabet has no I, L, O or U, and reads them as 1, 1, 0, V.

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const REFERENCE_LENGTH = 12;

/** A new random reference, e.g. "7KQ2-M9XD-R4TA". */
export function newReference(): string {
  const bytes = randomBytes(REFERENCE_LENGTH);
  let out = "";
  for (let i = 0; i < REFERENCE_LENGTH; i++) out += ALPHABET[bytes[i] & 31];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

/**
 * A typed reference in its stored form, or null when it cannot be one. Case, spaces and dashes do not
 * matter, and the letters people confuse with digits are read as those digits.
 */
export function normaliseReference(typed: string): string | null {
  if (typeof typed !== "string" || typed.length > 64) return null;
  const plain = typed
    .toUpperCase()
    .replace(/[\s\-–—.]/g, "")
    .replace(/[IL]/g, "1")
    .replace(/O/g, "0")
    .replace(/U/g, "V");
  if (plain.length !== REFERENCE_LENGTH) return null;
  for (const ch of plain) if (!ALPHABET.includes(ch)) return null;
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
}
