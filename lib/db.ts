import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, Prisma } from "@/generated/prisma/client";

export type Tx = Prisma.TransactionClient;

function createClient() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
  // The embedded PGlite server takes one connection: with more, concurrent transactions lost isolation.
  const max = Number(process.env.DATABASE_POOL_MAX ?? (process.env.PGLITE === "1" ? 1 : 10));
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max }),
    // Secrets never leave the database unless a query asks for them by name.
    omit: { person: { passwordHash: true } },
  });
}

type Client = ReturnType<typeof createClient>;
const g = globalThis as unknown as { prisma?: Client };

// Created on first use, so that `next build` can import modules without a database.
export const db = new Proxy({} as Client, {
  get(_target, prop) {
    g.prisma ??= createClient();
    const value = Reflect.get(g.prisma, prop);
    return typeof value === "function" ? value.bind(g.prisma) : value;
  },
});
