// RFC 6238 codes through otplib (maintained, constant-time comparison), and recovery codes. Pure: no
// database, so the windows and formats are tested as tables (tests/unit/mfa-totp.test.ts).
import { createHash, randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";

/** The app every authenticator shows: 6 digits every 30 seconds, SHA-1 (what every app supports). */
export const TOTP_PERIOD_SECONDS = 30;
/**
 * One step either side of now: a phone's clock a little out, or a code typed just as it changed.
 * Wider would hand a guesser more live codes at once (3 in a million per try here).
 */
export const TOTP_TOLERANCE_SECONDS = 30;
export const ISSUER = "School ICT governance";

/** 160 bits, the length RFC 4226 recommends, in the Base32 authenticator apps take. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** What the QR code holds: otpauth://totp/Issuer:email?secret=…&issuer=… */
export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: ISSUER, label: email, secret });
}

/** Spaces and hyphens are what people type between groups; nothing else is forgiven. */
export function normaliseCode(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase();
}

export function looksLikeTotp(code: string): boolean {
  return /^\d{6}$/.test(code);
}

export type TotpCheck = { ok: true; timeStep: number } | { ok: false; reason: "wrong" | "replayed" };

/**
 * Checks a 6-digit code at `now`. A code is accepted once: its time step must be later than the last one
 * accepted for this person (RFC 6238 §5.2), so a code read over someone's shoulder cannot be used again.
 */
export async function checkTotp(secret: string, code: string, lastTimeStep: number | null, now = new Date()): Promise<TotpCheck> {
  if (!looksLikeTotp(code)) return { ok: false, reason: "wrong" };
  const result = await verify({ secret, token: code, epoch: Math.floor(now.getTime() / 1000), epochTolerance: TOTP_TOLERANCE_SECONDS });
  if (!result.valid) return { ok: false, reason: "wrong" };
  const timeStep = (result as { timeStep?: number }).timeStep ?? Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
  if (lastTimeStep !== null && timeStep <= lastTimeStep) return { ok: false, reason: "replayed" };
  return { ok: true, timeStep };
}

// Recovery codes: 16 characters from 30 (78 bits), shown as four groups. No 0/O, 1/I/L or U, so a code
// copied by hand from paper reads back the same.
const RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_LENGTH = 16;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    let s = "";
    for (let i = 0; i < RECOVERY_LENGTH; i++) s += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
    return s.match(/.{4}/g)!.join("-");
  });
}

export function looksLikeRecoveryCode(code: string): boolean {
  return code.length === RECOVERY_LENGTH && [...code].every((c) => RECOVERY_ALPHABET.includes(c));
}

/**
 * SHA-256, not argon2: a recovery code has 78 bits of entropy from a CSPRNG, so a stolen hash cannot be
 * reversed by guessing (argon2's slowness protects low-entropy passwords, which these are not), and an
 * exact-match index lookup stays one query.
 */
export function hashRecoveryCode(normalised: string): string {
  return createHash("sha256").update(`mfa-recovery:${normalised}`).digest("hex");
}
