import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

/**
 * The tests' own client, as the tables' owner (MIGRATION_DATABASE_URL): fixtures across schools and
 * assertions about what is really stored. The code under test uses lib/db, connected as ict_web under
 * row-level security, as the app does (docs/decisions/0025-app-login-role.md).
 */
function createOwnerClient() {
  const url = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
  if (!url) throw new Error("MIGRATION_DATABASE_URL is not set (tests/support/global-setup.ts sets it)");
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: process.env.PGLITE === "1" ? 1 : 5 }),
    omit: { person: { passwordHash: true } },
  });
}

type Client = ReturnType<typeof createOwnerClient>;
const g = globalThis as unknown as { ownerPrisma?: Client };

export const db = new Proxy({} as Client, {
  get(_target, prop) {
    g.ownerPrisma ??= createOwnerClient();
    const value = Reflect.get(g.ownerPrisma, prop);
    return typeof value === "function" ? value.bind(g.ownerPrisma) : value;
  },
});
