import "server-only";
import { db } from "@/lib/db";

export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;

/** True when this account has had too many failed passwords recently. Kept in Postgres, not memory. */
export async function isLockedOut(email: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const failures = await db.signInAttempt.count({
    where: { email, success: false, method: "password", createdAt: { gte: since } },
  });
  return failures >= MAX_FAILURES;
}
