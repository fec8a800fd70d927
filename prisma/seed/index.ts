// Demo data for a fresh database: `npm start` on the embedded database (first run), `npm run db:seed`, and
// the browser tests' database (scripts/test.ts). It adds nothing when the database already has an
// organisation, so running it twice is safe. The demo accounts share a published password, so a real
// database (PGLITE unset) is seeded only when asked for explicitly: SEED_DEMO=1 or --demo.
// Run with the react-server condition (lib/ modules import "server-only"):
//   DATABASE_URL=… SEED_DEMO=1 tsx --conditions=react-server prisma/seed/index.ts
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client";
import { seedAll } from "./all";
import { DEMO_PASSWORD } from "./people";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set. Use `npm run db:seed`, which also knows the embedded database.");
    process.exit(2);
  }
  if (process.env.PGLITE !== "1" && process.env.SEED_DEMO !== "1" && !process.argv.includes("--demo")) {
    console.error(
      "Not adding the demo (its accounts share a published password) to a database of your own without being asked:\n" +
        "use `npm run db:seed -- --demo` or SEED_DEMO=1. For a real school, `npm run setup:organisation` instead.",
    );
    process.exit(2);
  }
  // One connection: enough for a script, and what the embedded PGlite needs.
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) });
  try {
    const existing = await db.organisation.count();
    if (existing > 0) {
      console.log(`The database already has ${existing} organisation(s): demo data not added.`);
      return;
    }
    const t = Date.now();
    const summary = await seedAll(db);
    console.log(`Demo data added in ${((Date.now() - t) / 1000).toFixed(1)}s: ${summary}. Password for every demo account: ${DEMO_PASSWORD}`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((e) => {
  console.error("Seeding failed:", e);
  process.exit(1);
});
