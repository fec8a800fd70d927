import { db as ownerDb } from "./owner-db";

/**
 * Runs fn as an operator script runs (setup:organisation, audit:verify): lib/db connected as the tables'
 * owner, as those scripts are by design (docs/decisions/0025-app-login-role.md). Only for the script's own
 * call; whatever the web app does around it stays on ict_web. Tests in a file run one at a time, so the
 * swap cannot leak into another test's queries.
 */
export async function asOperatorScript<T>(fn: () => Promise<T>): Promise<T> {
  const app = globalThis as unknown as { prisma?: unknown };
  const saved = app.prisma;
  app.prisma = ownerDb;
  try {
    return await fn();
  } finally {
    app.prisma = saved;
  }
}
