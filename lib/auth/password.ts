import "server-only";
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane).
// 2 is Algorithm.Argon2id: a const enum, which isolated modules cannot import.
const OPTIONS = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verifying against a hash when no account (or no password) exists keeps the response time the same
// either way. It is made per process from random bytes nobody knows, and its answer is never used.
let dummy: Promise<string> | null = null;
function dummyHash(): Promise<string> {
  dummy ??= hash(randomBytes(32).toString("base64url"), OPTIONS);
  return dummy;
}

/** True only when a hash is stored and the password matches it. */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  try {
    if (!stored) {
      await verify(await dummyHash(), password);
      return false;
    }
    return await verify(stored, password);
  } catch {
    return false;
  }
}
