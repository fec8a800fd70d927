import "server-only";
import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane).
// 2 is Algorithm.Argon2id: a const enum, which isolated modules cannot import.
const OPTIONS = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// Verifying against this when no account exists keeps the response time the same either way.
const DUMMY = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0E3oZ9l4+uo0aYlCxQ2CkS9yUTGDp3bOJkQ2i3m0tB8";

export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  try {
    return await verify(stored ?? DUMMY, password);
  } catch {
    return false;
  }
}
